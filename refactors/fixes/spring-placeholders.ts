import type { Assessment } from '../../analyzers/assess/assess.js';
import { versionAtLeast, versionNumbers } from '../../analyzers/assess/spring-version.js';
import { PLACEHOLDER_BEAN } from '../edit/spring-beans.js';
import type { XmlFacts } from '../../analyzers/types.js';
import type { FixContext } from '../types.js';
import { springVersion } from './spring-session-line.js';

/** Before 3.1 there is no PropertySourcesPlaceholderConfigurer; this one resolves system properties, then the env. */
const OLD_PLACEHOLDER_BEAN = '<bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>';

// what ends ${NAME:default} early in Spring's parser, so a default cannot hold it
const ENDS_A_PLACEHOLDER = /\$\{|\}/;
// what a default cannot hold to go into setenv.sh as ${NAME:-default}
const NOT_IN_SHELL_DEFAULT = /[$}`\\"\r\n]/;

/** A Spring version the app states with numbers, or nothing when it is not known. */
function knownSpring(a: Assessment): string | undefined {
  const v = springVersion(a);
  return v && versionNumbers(v).length ? v : undefined;
}

/** Whether the app's Spring reads ${NAME:default} (3.0 and later); a Spring of unknown version is taken to. */
export function hasPlaceholderDefaults(a: Assessment): boolean {
  const v = knownSpring(a);
  return !v || versionAtLeast(v, '3.0');
}

/** The placeholder configurer bean to declare for the app's Spring. */
export function placeholderBean(a: Assessment): string {
  const v = knownSpring(a);
  return v && !versionAtLeast(v, '3.1') ? OLD_PLACEHOLDER_BEAN : PLACEHOLDER_BEAN;
}

export interface PlaceholderValue {
  name: string;
  value: string;
  secret: boolean;
}

/**
 * The placeholder that reads a value from the environment: `${NAME:default}` where Spring has the syntax; before
 * Spring 3.0 `${NAME}` (Spring 2.x reads it from a system property, then the environment), with the default as a
 * system property setenv.sh sets from `${NAME:-default}`. A secret gets no default.
 */
export function springPlaceholder(ctx: FixContext, v: PlaceholderValue, left: string[], where: string): string {
  const bare = `\${${v.name}}`;
  if (v.secret) return bare;
  const withDefaults = hasPlaceholderDefaults(ctx.assessment);
  if (withDefaults && !ENDS_A_PLACEHOLDER.test(v.value)) return `\${${v.name}:${v.value}}`;
  if (NOT_IN_SHELL_DEFAULT.test(v.value)) {
    const why = withDefaults
      ? 'this value holds `}` or `${`, which a Spring placeholder cannot hold, nor a shell default'
      : `Spring ${springVersion(ctx.assessment)} has no \${NAME:default} syntax and this value cannot be a shell default`;
    left.push(`${where}: ${why}: set ${v.name} wherever the app runs`);
  } else ctx.record.javaSystemProperties[v.name] = `\${${v.name}:-${v.value}}`;
  return bare;
}

const declaresConfigurer = (f: XmlFacts) =>
  f.elements.some((e) => e.name === 'property-placeholder' || /PlaceholderConfigurer$/.test(e.attributes.class ?? ''));

/**
 * Whether another Spring XML file of the app declares a placeholder configurer. Its files usually make one context,
 * where a second configurer fails on every placeholder only the first can resolve (`${jdbc.url}` from its file).
 */
export function placeholdersResolvedElsewhere(ctx: FixContext, file: string): boolean {
  return ctx.project.files.some(
    (f) => f.kind === 'xml' && f.root === 'beans' && f.file !== file && declaresConfigurer(f),
  );
}
