import type { Assessment } from '../../analyzers/assess/assess.js';
import type { BuildPlan } from './build-plan.js';

/** The Java level to compile for: what the app says, else 7 when it runs on Java 7. */
export const javaLevel = (a: Assessment, java7: boolean) =>
  a.profile.javaSource ?? a.profile.javaVersion ?? (java7 ? '7' : undefined);

/**
 * An exploded webapp without a build file, whose classes are compiled from its source folders: javac with the jars
 * of WEB-INF/lib and Tomcat's own (the Servlet and JSP APIs) into WEB-INF/classes, the resources beside the sources
 * copied there too. Undefined when the app has no Java sources.
 */
export function compileStage(
  a: Assessment,
  webRoot: string,
  deployName: string,
  runtime: { image: string; jdk: number; java7: boolean },
): BuildPlan | undefined {
  const roots = a.build.sourceRoots ?? [];
  if (!roots.length) return undefined;
  const classes = `${webRoot}/WEB-INF/classes`;
  const level = javaLevel(a, runtime.java7);
  const encoding = a.build.sourceEncoding ?? a.baseImage.fileEncoding ?? 'UTF-8';
  const javac =
    `javac -nowarn -encoding ${encoding}${level ? ` -source ${level} -target ${level}` : ''} -d ${classes} ` +
    `-cp '${webRoot}/WEB-INF/lib/*:/tomcat/lib/*' @/tmp/sources`;
  const steps = [
    `mkdir -p ${classes}`,
    `find ${roots.join(' ')} -name '*.java' > /tmp/sources`,
    javac,
    ...roots.map((r) => `cp -r ${r}/. ${classes}/`),
    `find ${classes} -name '*.java' -delete`,
  ];
  return {
    stage: {
      image: `eclipse-temurin:${runtime.jdk}-jdk`,
      steps: [
        `COPY --from=${runtime.image} /usr/local/tomcat/lib /tomcat/lib`,
        'COPY . .',
        `RUN ${steps.join(' \\\n && ')}`,
      ],
    },
    copy: `COPY --from=build /build/${webRoot} webapps/${deployName}/`,
    note:
      `${classes} is compiled from ${roots.join(', ')} with the jars of ${webRoot}/WEB-INF/lib and Tomcat's: ` +
      'a jar the code needs only to compile must be added there',
  };
}
