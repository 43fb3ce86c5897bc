import path from 'node:path';
import type { FixContext } from '../types.js';

export interface HelperLocation {
  pkg: string;
  className: string; // qualified, as the edited code calls it
  file: string;
}

/** The helper goes in the project's top package (the longest package every class shares), beside its sources. */
export function appEnvLocation(ctx: FixContext): HelperLocation | undefined {
  const java = ctx.project.files.filter((f) => f.kind === 'java' && f.package);
  if (!java.length) return undefined;
  const pkgs = java.map((f) => (f.kind === 'java' ? f.package! : '').split('.'));
  const common: string[] = [];
  for (let i = 0; pkgs.every((p) => p[i] !== undefined && p[i] === pkgs[0][i]); i++) common.push(pkgs[0][i]);
  const pkg = common.join('.') || pkgs.sort((a, b) => a.length - b.length)[0].join('.');
  const sample = java.find((f) => f.kind === 'java' && f.package?.startsWith(pkg))!;
  const srcRoot = path.posix
    .dirname(sample.file)
    .slice(0, -(sample.kind === 'java' ? sample.package!.replace(/\./g, '/').length : 0))
    .replace(/\/$/, '');
  return { pkg, className: `${pkg}.AppEnv`, file: path.posix.join(srcRoot, pkg.replace(/\./g, '/'), 'AppEnv.java') };
}

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
