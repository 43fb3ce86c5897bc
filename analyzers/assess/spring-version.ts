import type { Dependency } from '../types.js';

// Spring's own modules, by their Maven names and by the names of the jars of Spring 3's distribution
// (org.springframework.core-3.0.5.RELEASE.jar); the core first, as every other module follows its version
const SPRING_MODULE =
  /^(?:spring-|org\.springframework\.)(core|beans|context|web|webmvc|web\.servlet|aop|jdbc|orm|tx|expression)$/;
const MODULE_ORDER = ['core', 'beans', 'context', 'web', 'webmvc', 'web.servlet', 'aop', 'jdbc', 'orm', 'tx'];

// Spring Boot's line fixes the Spring line it brings
const BOOT_SPRING: Record<string, string> = { '1': '4', '2': '5', '3': '6' };

/** Whether a jar or Maven artifact is Spring Framework's: a module, or the single spring.jar of Spring 1 and 2. */
export const isSpringArtifact = (artifact: string) => artifact === 'spring' || SPRING_MODULE.test(artifact);

/** The version a dependency states, when it is a version and not a property left unresolved. */
const statedVersion = (d: Dependency) => (d.version && /^\d/.test(d.version) ? d.version : undefined);

/** A version's numbers: 3.2.14.RELEASE → [3, 2, 14]; 2.x → [2]. */
export function versionNumbers(version: string): number[] {
  return (/^\d+(?:\.\d+)*/.exec(version)?.[0] ?? '').split('.').filter(Boolean).map(Number);
}

/** Whether a version is at least another: missing parts count as 0. */
export function versionAtLeast(version: string, min: string): boolean {
  const [a, b] = [versionNumbers(version), versionNumbers(min)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/**
 * The Spring Framework version the app ships or declares: a module with its version (spring-core first), else the
 * line Spring Boot brings, else 2.x for the single spring.jar that only Spring 1 and 2 shipped.
 */
export function springVersionOf(dependencies: Dependency[]): { version: string; from: Dependency } | undefined {
  const modules = dependencies
    .map((d) => ({ d, module: SPRING_MODULE.exec(d.artifact)?.[1], version: statedVersion(d) }))
    .filter((m) => m.module && m.version)
    .sort((a, b) => MODULE_ORDER.indexOf(a.module!) - MODULE_ORDER.indexOf(b.module!));
  if (modules[0]) return { version: modules[0].version!, from: modules[0].d };
  const whole = dependencies.find(
    (d) => d.artifact === 'spring' && (d.group ?? 'org.springframework') === 'org.springframework',
  );
  if (whole) return { version: statedVersion(whole) ?? '2.x', from: whole };
  const boot = dependencies.find((d) => d.artifact.startsWith('spring-boot') && statedVersion(d));
  const line = boot && BOOT_SPRING[versionNumbers(boot.version!)[0]];
  return line ? { version: `${line}.x`, from: boot } : undefined;
}
