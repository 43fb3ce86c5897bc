// Compiles an app's sources with the jars it ships, and counts javac's errors so two runs can be compared.
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run-process.js';

const SERVLET_JAR = '/usr/share/java/servlet-api.jar';
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'target', 'deploy', '.paasport']);

export interface JavaTree {
  sources: string[];
  jars: string[];
}

/** The outcome of one javac run: each error as "file: message" (no line: lines move when a fix edits a file). */
export interface CompileRun {
  errors: string[];
}

function isTestFolder(rel: string): boolean {
  return /^(test|tests)$/.test(rel) || /(^|\/)src\/test$/.test(rel);
}

/** Main sources (test folders left out) and every jar under a lib/ folder, WEB-INF/lib included. */
export function javaTree(root: string): JavaTree {
  const tree: JavaTree = { sources: [], jars: [] };
  const walk = (dir: string, rel: string, inLib: boolean) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !isTestFolder(relPath))
          walk(path.join(dir, e.name), relPath, inLib || e.name === 'lib');
      } else if (e.isFile() && e.name.endsWith('.java')) tree.sources.push(relPath);
      else if (e.isFile() && inLib && e.name.endsWith('.jar')) tree.jars.push(relPath);
    }
  };
  walk(root, '', false);
  return tree;
}

/** Jars that are not zip files (a checkout without its large files may hold empty placeholders instead). */
export function unreadableJars(root: string, jars: string[]): string[] {
  return jars.filter((jar) => {
    const head = Buffer.alloc(2);
    const fd = openSync(path.join(root, jar), 'r');
    try {
      readSync(fd, head, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
    return head.toString('latin1') !== 'PK';
  });
}

/** UTF-8 unless some source is not valid UTF-8 (then GBK, the legacy encoding the trial meets). */
export function sourceEncoding(root: string, sources: string[]): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const rel of sources) {
    try {
      utf8.decode(readFileSync(path.join(root, rel)));
    } catch {
      return 'GBK';
    }
  }
  return 'UTF-8';
}

/** javac's error lines ("path:line: error: message" or "error: message") as "path: message". */
export function javacErrors(output: string, root: string): string[] {
  const errors: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^(.*?):\d+: error: (.*)$/.exec(line);
    if (m) errors.push(`${path.relative(root, path.resolve(root, m[1]))}: ${m[2]}`);
    else if (line.startsWith('error: ')) errors.push(line.slice(7));
  }
  return errors;
}

/** Compiles the tree's sources with its jars and Debian's servlet jar, for a Java release of at least 8. */
export function compile(root: string, tree: JavaTree, release: number): CompileRun {
  const work = mkdtempSync(path.join(os.tmpdir(), 'paasport-javac-'));
  try {
    const jars = tree.jars.map((j) => path.join(root, j));
    if (existsSync(SERVLET_JAR)) jars.push(SERVLET_JAR);
    writeFileSync(path.join(work, 'sources'), tree.sources.map((s) => JSON.stringify(s)).join('\n'));
    const args = ['-d', path.join(work, 'classes'), '-encoding', sourceEncoding(root, tree.sources)];
    args.push('--release', String(release), '-nowarn', '-Xlint:none', '-Xmaxerrs', '1000000', '-proc:none');
    args.push('-implicit:none', '-cp', jars.join(path.delimiter), `@${path.join(work, 'sources')}`);
    // the argument file is read in the locale's encoding: UTF-8, whatever the machine's locale, for file names
    const out = run('javac', args, root, { LC_ALL: 'C.UTF-8' });
    return { errors: javacErrors(out.stderr + out.stdout, root) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The errors of `after` that `before` did not have, counted per "file: message". */
export function newErrors(before: string[], after: string[]): string[] {
  const seen = new Map<string, number>();
  for (const e of before) seen.set(e, (seen.get(e) ?? 0) + 1);
  const added: string[] = [];
  for (const e of after) {
    const left = seen.get(e) ?? 0;
    if (left > 0) seen.set(e, left - 1);
    else added.push(e);
  }
  return added;
}
