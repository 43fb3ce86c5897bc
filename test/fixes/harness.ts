import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { planFixes } from '../../refactors/plan.js';
import type { FixKind, FixOptions, FixOutcome } from '../../refactors/types.js';
import type { Change } from '../../refactors/workspace.js';
import { bundledRules, makeTree, removeTree } from '../helpers.js';

type Content = string | Uint8Array;

/** The first lines of a paasport.yaml that a fix creates. */
export const SETTINGS_HEADER =
  '# Deployment settings (schema: analyzers/settings/paasport-yaml.schema.json).\n' +
  '# paasport fix keeps env, volumes, javaSystemProperties, logs and sessionStore up to date.\n';

/** The paasport.yaml the logs fix creates when it is the only fix that records anything. */
export const logsOnlySettings = (mode: 'volume' | 'stdout') =>
  `${SETTINGS_HEADER}env: []\nvolumes: []\njavaSystemProperties: {}\nlogs:\n  mode: ${mode}\n  dir: /logs\n`;

/** The helper class the fixes add to a project whose top package is com.acme, as it must read. */
export const APP_ENV_JAVA =
  'package com.acme;\n' +
  '\n' +
  'import java.util.logging.Logger;\n' +
  '\n' +
  '/**\n' +
  ' * Configuration read at run time, so that one build runs in every environment.\n' +
  ' * Looks up an environment variable, then a Java system property of the same name.\n' +
  ' */\n' +
  'public final class AppEnv {\n' +
  '    private AppEnv() {\n' +
  '    }\n' +
  '\n' +
  '    /** The value, or the fallback (the value that used to be written in the code) when it is not set. */\n' +
  '    public static String get(String name, String fallback) {\n' +
  '        String value = System.getenv(name);\n' +
  '        if (value == null || value.length() == 0) {\n' +
  '            value = System.getProperty(name);\n' +
  '        }\n' +
  '        return value == null || value.length() == 0 ? fallback : value;\n' +
  '    }\n' +
  '\n' +
  '    /** A folder, as get(name, fallback), ending with a separator: the code appends names to it. */\n' +
  '    public static String dir(String name, String fallback) {\n' +
  '        String value = get(name, fallback);\n' +
  '        if (value == null || value.endsWith("/") || value.endsWith(java.io.File.separator)) {\n' +
  '            return value;\n' +
  '        }\n' +
  '        return value + java.io.File.separator;\n' +
  '    }\n' +
  '\n' +
  '    /**\n' +
  '     * A value that has no default in the code, such as a password. When it is not set, this logs a warning and\n' +
  '     * returns an empty string rather than throwing: it often initializes a static field, and an exception there\n' +
  '     * would fail the whole class (NoClassDefFoundError on every later use). The empty value fails where it is\n' +
  '     * used, after the warning that names the variable.\n' +
  '     */\n' +
  '    public static String get(String name) {\n' +
  '        String value = get(name, null);\n' +
  '        if (value == null) {\n' +
  '            Logger.getLogger(AppEnv.class.getName()).warning("The environment variable " + name + " is not set");\n' +
  '            return "";\n' +
  '        }\n' +
  '        return value;\n' +
  '    }\n' +
  '}\n';

export interface FixCase {
  files: Record<string, Content>; // the tree before
  options?: Partial<FixOptions>;
  after: Record<string, Content>; // every file the fixes write, whole: text is compared as UTF-8, bytes as bytes
  left?: string[]; // what the fixes leave for a person, when the case is about it
}

/** The last state of every file the changes wrote. */
function lastStates(changes: Change[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const c of changes) out.set(c.file, c.after);
  return out;
}

const shown = (expected: Content | undefined, actual: Uint8Array) =>
  typeof expected === 'string' || expected === undefined ? Buffer.from(actual).toString('utf8') : [...actual];

const expectedShown = (expected: Content) => (typeof expected === 'string' ? expected : [...expected]);

async function plan(dir: string, kinds: FixKind[], options: Partial<FixOptions> = {}) {
  return planFixes(dir, bundledRules(), { logs: 'volume', ...options }, kinds);
}

/**
 * Runs fixes on a tree in memory and compares every file they write, whole, with what the case expects; then
 * writes the result and runs the same fixes again, which must change nothing (OpenRewrite's RewriteTest).
 */
export async function checkFix(kinds: FixKind | FixKind[], c: FixCase): Promise<FixOutcome[]> {
  const list = typeof kinds === 'string' ? [kinds] : kinds;
  const dir = makeTree(c.files);
  try {
    const first = await plan(dir, list, c.options);
    const written = lastStates(first.fixes.flatMap((f) => f.changes));
    const actual = Object.fromEntries([...written].map(([file, bytes]) => [file, shown(c.after[file], bytes)]));
    const expected = Object.fromEntries(Object.entries(c.after).map(([file, v]) => [file, expectedShown(v)]));
    expect(actual).toEqual(expected);
    const left = first.fixes.flatMap((f) => f.outcome.left);
    if (c.left) expect(left).toEqual(c.left);

    for (const [file, bytes] of written) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), bytes);
    }
    const again = await plan(dir, list, c.options);
    const changed = lastStates(again.fixes.flatMap((f) => f.changes));
    expect([...changed.keys()], 'a second run changes nothing').toEqual([]);
    return first.fixes.map((f) => f.outcome);
  } finally {
    removeTree(dir);
  }
}
