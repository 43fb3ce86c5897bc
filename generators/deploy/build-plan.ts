import type { Assessment } from '../../analyzers/assess/assess.js';
import { webRootOf } from '../../analyzers/config/web-xml.js';
import type { AppSettings } from '../../analyzers/settings/types.js';

const JDKS = [8, 11, 17, 21];
const jdkOf = (java: string | undefined) => JDKS.find((j) => j >= Number(java ?? 8)) ?? 21;

/** How the image gets the application: a build stage and what it copies, or a prebuilt WAR or exploded webapp. */
export interface BuildPlan {
  stage?: { image: string; steps: string[] };
  copy: string;
  note?: string;
}

/** A multi-stage build with the app's own build tool; undefined when it has none. */
function sourceBuild(a: Assessment, jdk: number, springBootJar: boolean, target: string): BuildPlan | undefined {
  const artifact = springBootJar ? 'jar' : 'war';
  switch (a.build.tool) {
    case 'maven':
      return {
        stage: {
          image: `maven:3.9-eclipse-temurin-${jdk}`,
          steps: [
            'COPY pom.xml .',
            'RUN mvn -B -q dependency:go-offline',
            'COPY src ./src',
            'RUN mvn -B -q package -DskipTests',
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
            'RUN ant war',
          ],
        },
        copy: `COPY --from=build /build/${a.build.warFile ?? 'dist/*.war'} ${target}`,
      };
    default:
      return undefined;
  }
}

export function buildPlan(a: Assessment, cfg: AppSettings, deployName: string, springBootJar: boolean): BuildPlan {
  const mode = cfg.build?.mode ?? 'auto';
  const target = springBootJar ? '/app/app.jar' : `webapps/${deployName}.war`;
  if (mode === 'war' || (mode === 'auto' && cfg.build?.war)) {
    const war = cfg.build?.war ?? 'target/*.war';
    return { copy: `COPY ${war} ${target}`, note: `build ${war} first` };
  }
  if (mode === 'source' || (mode === 'auto' && a.build.tool !== 'none')) {
    const stage = sourceBuild(a, jdkOf(a.profile.javaSource ?? a.profile.javaVersion), springBootJar, target);
    if (stage) return stage;
  }
  const webRoot = a.config.webXml[0] ? webRootOf(a.config.webXml[0].file) : undefined;
  if (webRoot !== undefined) {
    return {
      copy: `COPY ${webRoot === '.' ? '.' : webRoot} webapps/${deployName}/`,
      note: `${webRoot}/WEB-INF/classes must hold the compiled classes (an exploded webapp is copied as it is)`,
    };
  }
  return {
    copy: `COPY target/*.war ${target}`,
    note: 'no build file and no WEB-INF/web.xml found: build the WAR into target/ first',
  };
}
