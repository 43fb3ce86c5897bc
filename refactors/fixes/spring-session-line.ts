import { versionAtLeast, versionNumbers } from '../../analyzers/assess/spring-version.js';
import type { Assessment } from '../../analyzers/assess/assess.js';

/** The Spring Session release an app can run and the jedis it was built with; none, and why, when it cannot. */
export type SessionLine = { version?: string; jedis?: string } | { none: string };

// Spring Session lines by the Spring Framework they need: [min Spring, min Servlet, spring-session, jedis]
const LINES: [spring: string, servlet: string, session: string, jedis: string][] = [
  ['6.1', '5.0', '3.2.0', '5.0.2'],
  ['6.0', '5.0', '3.1.0', '4.3.1'],
  ['5.3', '3.1', '2.7.4', '3.8.0'],
  ['5.2', '3.1', '2.2.0.RELEASE', '3.1.0'],
  ['5.1', '3.1', '2.1.0.RELEASE', '2.9.0'],
  ['5.0', '3.1', '2.0.0.RELEASE', '2.9.0'],
  ['3.2.14', '2.5', '1.3.5.RELEASE', '2.9.0'],
];

// the Servlet API each Tomcat implements
const TOMCAT_SERVLET: Record<number, string> = { 6: '2.5', 7: '3.0', 8: '3.1', 9: '4.0', 10: '5.0', 11: '6.0' };

/** The Tomcat the app will run on in its container (the recommended base image), not the one it ran on before. */
export function tomcatMajor(assessment: Assessment): number {
  const m = /^(?:.*\/)?tomcat:(\d+)\./.exec(assessment.baseImage.image);
  if (m) return Number(m[1]);
  return assessment.profile.servlet.namespace === 'jakarta' ? 10 : 9;
}

/** The Spring Framework version of the profile: what the app ships or declares. */
export const springVersion = (a: Assessment) => a.profile.frameworks.find((f) => f.name === 'Spring')?.version;

/** Today's choice when Spring's version is unknown: by the Servlet API the app declares. */
function byServlet(a: Assessment): SessionLine {
  const servlet = a.profile.servlet.version ?? '3';
  if (a.profile.servlet.namespace === 'jakarta') return { version: '3.2.0', jedis: '5.0.2' };
  return versionAtLeast(servlet, '3.1')
    ? { version: '2.7.4', jedis: '3.8.0' }
    : { version: '1.3.5.RELEASE', jedis: '2.9.0' };
}

/**
 * The Spring Session line for an app: by the Spring version it ships first (1.3 needs Spring 3.2.14, 2.x Spring 5,
 * 3.x Spring 6), then by the Servlet API of the Tomcat it will run on. Spring Boot manages its own versions.
 */
export function sessionLine(a: Assessment): SessionLine {
  if (a.profile.springBoot) return {};
  const spring = springVersion(a);
  if (!spring || !versionNumbers(spring).length) return byServlet(a);
  const major = tomcatMajor(a);
  const servlet = TOMCAT_SERVLET[major] ?? '4.0';
  const line = LINES.find(([min]) => versionAtLeast(spring, min));
  if (!line) return { none: `Spring Session needs Spring 3.2.14 or later and the app ships Spring ${spring}` };
  const [, minServlet, version, jedis] = line;
  if (!versionAtLeast(servlet, minServlet))
    return {
      none: `Spring Session ${version} needs Servlet ${minServlet} and Tomcat ${major} implements Servlet ${servlet}`,
    };
  return { version, jedis };
}
