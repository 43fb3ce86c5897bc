import type { Assessment } from '../../analyzers/assess/assess.js';
import { jdkFor } from '../../analyzers/assess/base-image.js';
import { webRootOf } from '../../analyzers/config/web-xml.js';
import type { AppSettings } from '../../analyzers/settings/types.js';
import { compileStage, javaLevel } from './compile-stage.js';
import { fromBaseRegistry } from './defaults.js';
import { isJava7Image } from './setenv.js';

// the build stage's JDK: the base image's supported lines, at or above the level the code is compiled for
const jdkOf = (java: string | undefined) => jdkFor(Number(java ?? 8), 8);

/** How the image gets the application: a build stage and what it copies, or a prebuilt WAR or exploded webapp. */
export interface BuildPlan {
  stage?: { image: string; steps: string[] };
  copy: string;
  note?: string;
}

/**
 * Where Maven Central cannot be reached: the app's own settings.xml, or one made from --build-arg MAVEN_MIRROR.
 */
function mavenRepositorySteps(settings: string | undefined): string[] {
  if (settings) return [`COPY ${settings} /root/.m2/settings.xml`];
  const xml =
    '<settings><mirrors><mirror><id>mirror</id><mirrorOf>*</mirrorOf><url>%s</url></mirror></mirrors></settings>\\n';
  return [
    '# a Maven repository of yours where Maven Central is not reachable: --build-arg MAVEN_MIRROR=<url>',
    'ARG MAVEN_MIRROR=',
    `RUN if [ -n "$MAVEN_MIRROR" ]; then \\\n      mkdir -p /root/.m2 && printf '${xml}' "$MAVEN_MIRROR" > /root/.m2/settings.xml; \\\n    fi`,
  ];
}

/** A multi-stage build with the app's own build tool; undefined when it has none. */
function sourceBuild(
  a: Assessment,
  mavenSettings: string | undefined,
  jdk: number,
  springBootJar: boolean,
  target: string,
  java7: boolean,
): BuildPlan | undefined {
  const artifact = springBootJar ? 'jar' : 'war';
  // a Java 7 runtime cannot load what JDK 8 compiles by default: ask for Java 7 when the build says no level
  const level = java7 && !a.build.javaTarget ? javaLevel(a, java7) : undefined;
  switch (a.build.tool) {
    case 'maven':
      return {
        stage: {
          image: `maven:3.9-eclipse-temurin-${jdk}`,
          steps: [
            ...mavenRepositorySteps(mavenSettings),
            'COPY pom.xml .',
            // dependency:resolve, not go-offline: go-offline also fetches plugins the build never runs (site,
            // deploy), so it fails on a mirror that holds only what `package` needs
            'RUN mvn -B -q dependency:resolve',
            'COPY src ./src',
            `RUN mvn -B -q package -DskipTests${level ? ` -Dmaven.compiler.source=${level} -Dmaven.compiler.target=${level}` : ''}`,
          ],
        },
        copy: `COPY --from=build /build/target/*.${artifact} ${target}`,
      };
    case 'gradle':
      return {
        stage: {
          image: `gradle:8.5-jdk${jdk}`,
          steps: ['COPY . .', `RUN gradle --no-daemon -q ${springBootJar ? 'bootJar' : 'war'}`],
        },
        copy: `COPY --from=build /build/build/libs/*.${artifact} ${target}`,
      };
    case 'ant':
      return {
        stage: {
          image: `eclipse-temurin:${jdk}-jdk`,
          steps: [
            'RUN apt-get update \\\n && apt-get install -y --no-install-recommends ant \\\n && rm -rf /var/lib/apt/lists/*',
            'COPY . .',
            `RUN ant${level ? ` -Dant.build.javac.source=${level} -Dant.build.javac.target=${level}` : ''}${a.build.antTarget ? ` ${a.build.antTarget}` : ''}`,
          ],
        },
        copy: `COPY --from=build /build/${a.build.warFile ?? 'dist/*.war'} ${target}`,
      };
    default:
      return undefined;
  }
}

/**
 * The folder to copy as the exploded webapp: of the web.xml files found, one in a WEB-INF folder, preferring the one
 * whose WEB-INF/lib holds jars (a copy of web.xml among the sources is not the webapp), then the shallowest.
 */
export function webRoot(a: Assessment): string | undefined {
  const jars = a.build.dependencies.filter((d) => !d.line).map((d) => d.file);
  const rank = (file: string) => {
    const root = webRootOf(file);
    const lib = `${root === '.' ? '' : `${root}/`}WEB-INF/lib/`;
    const depth = root === '.' ? 0 : root.split('/').length;
    return (/(^|\/)WEB-INF\/web\.xml$/.test(file) ? 0 : 200) + (jars.some((j) => j.startsWith(lib)) ? 0 : 100) + depth;
  };
  const best = a.config.webXml.map((w) => w.file).sort((x, y) => rank(x) - rank(y))[0];
  return best === undefined ? undefined : webRootOf(best);
}

/** The build stage's image: the one paasport.yaml names (build.image), else the tool's, from the base image mirror. */
function withStageImage(plan: BuildPlan, cfg: AppSettings): BuildPlan {
  if (!plan.stage) return plan;
  return { ...plan, stage: { ...plan.stage, image: cfg.build?.image ?? fromBaseRegistry(cfg, plan.stage.image) } };
}

export function buildPlan(
  a: Assessment,
  cfg: AppSettings,
  deployName: string,
  springBootJar: boolean,
  baseImage: string,
): BuildPlan {
  return withStageImage(planBuild(a, cfg, deployName, springBootJar, baseImage), cfg);
}

function planBuild(
  a: Assessment,
  cfg: AppSettings,
  deployName: string,
  springBootJar: boolean,
  baseImage: string,
): BuildPlan {
  const java7 = isJava7Image(baseImage);
  const jdk = jdkOf(a.profile.javaSource ?? a.profile.javaVersion);
  const mode = cfg.build?.mode ?? 'auto';
  const target = springBootJar ? '/app/app.jar' : `webapps/${deployName}.war`;
  if (mode === 'war' || (mode === 'auto' && cfg.build?.war)) {
    const war = cfg.build?.war ?? 'target/*.war';
    return { copy: `COPY ${war} ${target}`, note: `build ${war} first` };
  }
  // an Ant build with no <war> task only compiles in place, often with a Tomcat of the developer's machine on its
  // classpath: the webapp's classes are compiled here instead
  const antWithoutWar = a.build.tool === 'ant' && a.build.packaging !== 'war';
  if (mode === 'source' || (mode === 'auto' && a.build.tool !== 'none' && !antWithoutWar)) {
    const stage = sourceBuild(a, cfg.build?.mavenSettings, jdk, springBootJar, target, java7);
    if (stage) return stage;
  }
  const root = webRoot(a);
  const compiled =
    root !== undefined && mode !== 'exploded' && compileStage(a, root, deployName, { image: baseImage, jdk, java7 });
  if (compiled) return compiled;
  if (root !== undefined) {
    return {
      copy: `COPY ${root} webapps/${deployName}/`,
      note: `${root}/WEB-INF/classes must hold the compiled classes (an exploded webapp is copied as it is)`,
    };
  }
  return {
    copy: `COPY target/*.war ${target}`,
    note: 'no build file and no WEB-INF/web.xml found: build the WAR into target/ first',
  };
}
