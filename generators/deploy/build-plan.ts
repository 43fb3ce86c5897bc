import type { Assessment } from '../../analyzers/assess/assess.js';
import { jdkFor } from '../../analyzers/assess/base-image.js';
import { webRootOf } from '../../analyzers/config/web-xml.js';
import { PaasportError } from '../../analyzers/errors.js';
import type { AppSettings } from '../../analyzers/settings/types.js';
import type { ModuleInfo } from '../../analyzers/types.js';
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
  module?: string; // the module of a multi-module build that the stage builds, with the modules it needs
}

/** The module of a Maven reactor or Gradle multi-project build that the image deploys; `note` when it was a choice. */
interface DeployedModule {
  dir: string;
  note?: string;
}

// above this many module poms, the stage copies the whole tree at once instead of a layer of poms first
const MAX_POM_LINES = 20;

const isBootModule = (m: ModuleInfo) => m.packaging === 'jar' && /Spring Boot/.test(m.why);

/**
 * In a build of several modules, the one the image deploys: build.module of paasport.yaml, else the WAR module the
 * assessment puts in the app (the Spring Boot module for a jar), the first in folder order when there are several.
 * Undefined for a project of one module, or when the root itself is what is deployed: it builds as it always did.
 */
function deployedModule(a: Assessment, cfg: AppSettings, springBootJar: boolean): DeployedModule | undefined {
  const modules = a.build.modules ?? [];
  const chosen = cfg.build?.module?.replace(/^\.\/|\/+$/g, '');
  if (chosen !== undefined) {
    const found = modules.find((m) => m.dir === (chosen === '.' ? '' : chosen));
    if (!found && (chosen !== '' || modules.length > 1)) {
      const dirs = modules.map((m) => m.dir || '.').join(', ') || 'none';
      throw new PaasportError(
        `paasport.yaml build.module: ${cfg.build?.module} is not a module of the build (its modules: ${dirs}); ` +
          'name the folder of the module to deploy.',
      );
    }
    return found?.dir ? { dir: found.dir } : undefined;
  }
  if (modules.length <= 1) return undefined;
  const deployable = modules.filter(
    (m) => m.scope === 'app' && (springBootJar ? isBootModule(m) : m.packaging === 'war'),
  );
  if (!deployable.length || deployable[0].dir === '') return undefined;
  if (deployable.length === 1) return { dir: deployable[0].dir };
  const what = springBootJar ? 'Spring Boot modules' : 'WAR modules';
  const dirs = deployable.map((m) => `${m.dir || '.'}/`).join(', ');
  return {
    dir: deployable[0].dir,
    note:
      `the build has ${deployable.length} ${what} (${dirs}): the image deploys ${deployable[0].dir}/, the first; ` +
      'set build.module: <folder> in paasport.yaml to deploy another (one image per module)',
  };
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

/**
 * The build stage of a Maven reactor for one module: the poms first, in a layer of their own, with a run that fetches
 * what the module and the modules it needs compile with (rebuilt only when a pom changes); then the whole tree, built
 * with `-pl <module> -am`. Without the sources, a plugin that reads them may fail in the first run: the dependencies
 * it fetched stay in the layer, and the build below runs everything again, with its own errors.
 */
function mavenModuleSteps(a: Assessment, dir: string, level: string | undefined): string[] {
  const select = `-pl ${dir} -am`;
  const poms = (a.build.modules ?? [])
    .map((m) => m.dir)
    .filter((d) => d !== '' && !d.split('/').includes('src'))
    .map((d) => `COPY ${d}/pom.xml ${d}/`);
  const buildStep = `RUN mvn -B -q package -DskipTests ${select}${level ? ` -Dmaven.compiler.source=${level} -Dmaven.compiler.target=${level}` : ''}`;
  if (poms.length > MAX_POM_LINES) return ['COPY . .', buildStep];
  return [
    `# the reactor's poms first: the layer of the dependencies of ${dir}/ and the modules it needs is rebuilt only`,
    '# when a pom changes (a plugin that needs the sources may fail here; the build below runs it with them)',
    'COPY pom.xml .',
    ...poms,
    `RUN mvn -B -q test-compile ${select} > /dev/null 2>&1 || true`,
    'COPY . .',
    buildStep,
  ];
}

/** The build stage of one module of a Maven reactor or Gradle multi-project build, and the copy of what it makes. */
function moduleBuild(
  a: Assessment,
  tool: 'maven' | 'gradle',
  module: DeployedModule,
  o: { mavenSettings?: string; jdk: number; artifact: string; target: string; level?: string },
): BuildPlan {
  const dir = module.dir;
  const maven = tool === 'maven';
  const task = `:${dir.split('/').join(':')}:${o.artifact === 'jar' ? 'bootJar' : 'war'}`;
  return {
    stage: {
      image: maven ? `maven:3.9-eclipse-temurin-${o.jdk}` : `gradle:8.5-jdk${o.jdk}`,
      steps: maven
        ? [...mavenRepositorySteps(o.mavenSettings), ...mavenModuleSteps(a, dir, o.level)]
        : ['COPY . .', `RUN gradle --no-daemon -q ${task}`],
    },
    copy: `COPY --from=build /build/${dir}/${maven ? 'target' : 'build/libs'}/*.${o.artifact} ${o.target}`,
    note: module.note,
    module: dir,
  };
}

/** A multi-stage build with the app's own build tool; undefined when it has none. */
function sourceBuild(
  a: Assessment,
  mavenSettings: string | undefined,
  jdk: number,
  springBootJar: boolean,
  target: string,
  java7: boolean,
  module: DeployedModule | undefined,
): BuildPlan | undefined {
  const artifact = springBootJar ? 'jar' : 'war';
  // a Java 7 runtime cannot load what JDK 8 compiles by default: ask for Java 7 when the build says no level
  const level = java7 && !a.build.javaTarget ? javaLevel(a, java7) : undefined;
  if (module && (a.build.tool === 'maven' || a.build.tool === 'gradle'))
    return moduleBuild(a, a.build.tool, module, { mavenSettings, jdk, artifact, target, level });
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
    const module = deployedModule(a, cfg, springBootJar);
    const stage = sourceBuild(a, cfg.build?.mavenSettings, jdk, springBootJar, target, java7, module);
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
