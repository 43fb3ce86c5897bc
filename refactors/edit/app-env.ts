import path from 'node:path';
import type { FixContext } from '../types.js';

export interface HelperLocation {
  pkg: string;
  className: string; // qualified, as the edited code calls it
  file: string;
  eol: '\r\n' | '\n'; // as the project's own Java files end their lines
}

interface JavaSource {
  file: string;
  pkg: string[];
}

// test sources: never a home for code the application runs
const TEST_SOURCE = /(^|\/)(src\/test|test|tests|testsrc|test-src)\//;

/** The Java sources of the application itself: in a package, not tests, not in a one-letter top package. */
function appSources(ctx: FixContext): JavaSource[] {
  return ctx.project.files.flatMap((f) =>
    f.kind === 'java' && f.package && !TEST_SOURCE.test(f.file) && !f.package.split('.').includes('test')
      ? [{ file: f.file, pkg: f.package.split('.') }]
      : [],
  );
}

/** The sources of the top package most of them share (com.acme, not a library vendored under org.apache). */
function majority(sources: JavaSource[]): JavaSource[] {
  const top = (s: JavaSource) => s.pkg.slice(0, 2).join('.');
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(top(s), (counts.get(top(s)) ?? 0) + 1);
  const usable = [...counts].filter(([k]) => k.split('.').every((w) => w.length > 1));
  const [best] = (usable.length ? usable : [...counts]).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return best ? sources.filter((s) => top(s) === best[0]) : [];
}

function commonPackage(sources: JavaSource[]): string[] {
  const common: string[] = [];
  const first = sources[0].pkg;
  for (let i = 0; sources.every((s) => s.pkg[i] !== undefined && s.pkg[i] === first[i]); i++) common.push(first[i]);
  return common;
}

/** The line ending most of these files use. */
function eolOf(ctx: FixContext, sources: JavaSource[]): '\r\n' | '\n' {
  const crlf = sources.filter((s) => ctx.ws.read(s.file)?.eol === '\r\n').length;
  return crlf * 2 > sources.length ? '\r\n' : '\n';
}

/**
 * The helper goes in the application's own top package (the longest package the sources of the top package most of
 * them share have in common), beside those sources; never among tests, a vendored library or a one-letter package.
 */
export function appEnvLocation(ctx: FixContext): HelperLocation | undefined {
  const own = majority(appSources(ctx));
  if (!own.length) return undefined;
  const pkg = commonPackage(own);
  const sample = own.find((s) => path.posix.dirname(s.file).endsWith(s.pkg.join('/'))) ?? own[0];
  const srcRoot = path.posix.dirname(sample.file).slice(0, -sample.pkg.join('/').length).replace(/\/$/, '');
  const name = pkg.join('.');
  const file = path.posix.join(srcRoot, ...pkg, 'AppEnv.java');
  return { pkg: name, className: `${name}.AppEnv`, file, eol: eolOf(ctx, own) };
}

/** The helper class's text, with the project's line endings. */
export const appEnvText = (helper: HelperLocation) => appEnvClass(helper.pkg).replace(/\n/g, helper.eol);

/**
 * The helper class the rewritten literals call; Java 5 compatible, as legacy builds are.
 * A value with no default (a secret) that is not set is logged and read as empty, never thrown: such calls often
 * initialize static final fields, and an exception there fails the class for good (ExceptionInInitializerError, then
 * NoClassDefFoundError on every later use), so one missing password would take down every feature of the class.
 */
export function appEnvClass(pkg: string): string {
  return `package ${pkg};

import java.util.logging.Logger;

/**
 * Configuration read at run time, so that one build runs in every environment.
 * Looks up an environment variable, then a Java system property of the same name.
 */
public final class AppEnv {
    private AppEnv() {
    }

    /** The value, or the fallback (the value that used to be written in the code) when it is not set. */
    public static String get(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.length() == 0) {
            value = System.getProperty(name);
        }
        return value == null || value.length() == 0 ? fallback : value;
    }

    /** A folder, as get(name, fallback), ending with a separator: the code appends names to it. */
    public static String dir(String name, String fallback) {
        String value = get(name, fallback);
        if (value == null || value.endsWith("/") || value.endsWith(java.io.File.separator)) {
            return value;
        }
        return value + java.io.File.separator;
    }

    /**
     * A value that has no default in the code, such as a password. When it is not set, this logs a warning and
     * returns an empty string rather than throwing: it often initializes a static field, and an exception there
     * would fail the whole class (NoClassDefFoundError on every later use). The empty value fails where it is
     * used, after the warning that names the variable.
     */
    public static String get(String name) {
        String value = get(name, null);
        if (value == null) {
            Logger.getLogger(AppEnv.class.getName()).warning("The environment variable " + name + " is not set");
            return "";
        }
        return value;
    }
}
`;
}
