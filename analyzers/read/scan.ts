// Synchronous calls on purpose: a walk of thousands of entries is several times faster without a promise per call.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileKind, Notice, ScannedFile } from '../types.js';

export interface ScanOptions {
  maxFileSize?: number; // bytes
}

export interface ScanOutput {
  root: string;
  files: ScannedFile[];
  jars: string[]; // relative paths of jars: listed, never read
  tomcats: BundledTomcat[];
  notices: Notice[];
}

export interface BundledTomcat {
  dir: string;
  version?: string; // from RELEASE-NOTES, else from the folder name
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

// Folders that never hold the application's own sources or config.
const EXCLUDED_DIRS = new Set([
  '.git',
  '.svn',
  '.hg',
  'CVS',
  '.idea',
  '.vscode',
  '.settings',
  'node_modules',
  'bower_components',
  'target',
  'build',
  'out',
  'dist',
  '.gradle',
  '.mvn',
]);

// Test sources never reach the container: src/test (Maven, Gradle) and test/ or tests/ beside the sources.
const isTestTree = (rel: string) => /^(?:(?:.+\/)?src\/test|tests?)$/.test(rel);

// Tomcat folders skipped inside a bundled Tomcat installation; its conf/ is kept because it configures the app's runtime.
const BUNDLED_TOMCAT_SKIP = new Set(['bin', 'lib', 'logs', 'webapps', 'work', 'temp']);

const KIND_BY_EXT: Record<string, FileKind> = {
  '.java': 'java',
  '.xml': 'xml',
  '.properties': 'properties',
  '.gradle': 'gradle',
  '.jsp': 'jsp',
  '.jspf': 'jsp',
  '.js': 'js',
};
const OTHER_TEXT = new Set([
  '.yml',
  '.yaml',
  '.conf',
  '.cfg',
  '.ini',
  '.json',
  '.sh',
  '.bat',
  '.cmd',
  '.policy',
  '.kts',
  '.tld',
  '.xsl',
]);

export function fileKind(name: string): FileKind | undefined {
  const ext = path.extname(name).toLowerCase();
  if (ext in KIND_BY_EXT) return KIND_BY_EXT[ext];
  if (OTHER_TEXT.has(ext)) return 'other';
  return undefined;
}

function isBundledTomcat(dir: string): boolean {
  const has = (p: string) => fs.existsSync(path.join(dir, p));
  return (has('bin/catalina.sh') || has('bin/catalina.bat') || has('bin/bootstrap.jar')) && has('conf/server.xml');
}

function tomcatVersion(dir: string, name: string): string | undefined {
  try {
    const notes = fs.readFileSync(path.join(dir, 'RELEASE-NOTES'), 'latin1');
    const m = /Apache Tomcat Version (\d+(?:\.\d+)*)/.exec(notes);
    if (m) return m[1];
  } catch {
    // no release notes: fall back to the folder name
  }
  return /tomcat[-_]?(\d+(?:\.\d+)*)/i.exec(name)?.[1];
}

function readIgnore(dir: string): Ignore | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return undefined;
  }
}

interface IgnoreScope {
  base: string; // relative dir the .gitignore sits in ('' for root)
  rules: Ignore;
}

function ignoredBy(scopes: IgnoreScope[], rel: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const sub = s.base ? rel.slice(s.base.length + 1) : rel;
    if (s.rules.ignores(isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

/** Walks an application tree: .gitignore files, default excludes, bundled Tomcats, size limit, symlink loops. */
export async function scanTree(root: string, opts: ScanOptions = {}): Promise<ScanOutput> {
  const maxSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const absRoot = path.resolve(root);
  const out: ScanOutput = { root: absRoot, files: [], jars: [], tomcats: [], notices: [] };

  function walk(abs: string, rel: string, ancestors: Set<string>, scopes: IgnoreScope[], inTomcat: boolean): void {
    const real = fs.realpathSync(abs);
    if (ancestors.has(real)) {
      out.notices.push({ kind: 'symlink-loop', file: rel });
      return;
    }
    const seen = new Set(ancestors).add(real);
    const gi = readIgnore(abs);
    const here = gi ? [...scopes, { base: rel, rules: gi }] : scopes;

    let entries;
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      out.notices.push({
        kind: 'unreadable',
        file: rel || '.',
        detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    for (const entry of entries) {
      const childAbs = path.join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
          out.notices.push({
            kind: loop ? 'symlink-loop' : 'unreadable',
            file: childRel,
            ...(loop ? {} : { detail: 'broken symbolic link' }),
          });
          continue;
        }
      }
      if (ignoredBy(here, childRel, isDir)) continue;

      if (isDir) {
        if (EXCLUDED_DIRS.has(entry.name) || isTestTree(childRel)) continue;
        if (inTomcat && BUNDLED_TOMCAT_SKIP.has(entry.name)) continue;
        if (!inTomcat && isBundledTomcat(childAbs)) {
          out.notices.push({
            kind: 'excluded-tree',
            file: childRel,
          });
          out.tomcats.push({ dir: childRel, version: tomcatVersion(childAbs, entry.name) });
          walk(childAbs, childRel, seen, here, true);
          continue;
        }
        walk(childAbs, childRel, seen, here, inTomcat);
      } else if (isFile) {
        if (entry.name.toLowerCase().endsWith('.jar')) {
          if (!inTomcat) out.jars.push(childRel);
          continue;
        }
        const kind = fileKind(entry.name);
        if (!kind) continue;
        const st = fs.statSync(childAbs);
        if (st.size > maxSize) {
          out.notices.push({
            kind: 'too-large',
            file: childRel,
            detail: `${(st.size / 1048576).toFixed(1)} MB > ${(maxSize / 1048576).toFixed(1)} MB`,
          });
          continue;
        }
        out.files.push({ rel: childRel, abs: childAbs, size: st.size, kind });
      }
    }
  }

  const st = fs.statSync(absRoot);
  if (!st.isDirectory()) throw new Error(`${root} is not a folder`);
  walk(absRoot, '', new Set(), [], false);
  return out;
}
