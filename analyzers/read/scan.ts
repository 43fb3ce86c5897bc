// Synchronous calls on purpose: a walk of thousands of entries is several times faster without a promise per call.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { PaasportError } from '../errors.js';
import type { FileKind, Notice, ScannedFile } from '../types.js';

const require = createRequire(import.meta.url);

export interface ScanOptions {
  maxFileSize?: number; // bytes
}

export interface ScanOutput {
  root: string;
  files: ScannedFile[];
  jars: string[]; // relative paths of jars: listed; only the manifest of Spring's is read
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
  '.github',
  '.gitlab',
]);

// paasport's own files in an app it has fixed or generated for: deployment settings, not the app's configuration
const PAASPORT_FILES = new Set(['paasport.yaml', '.paasport.env', '.paasport-generated.json']);

// Test sources never reach the container: src/test (Maven, Gradle) and test/ or tests/ beside the sources.
const isTestTree = (rel: string) => /^(?:(?:.+\/)?src\/test|tests?)$/.test(rel);

// Folders skipped inside a bundled Tomcat installation; its conf/ is kept because it configures the app's runtime.
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
    // loaded only for a tree with a .gitignore, and by require: importing it would have Node lex its whole source
    const ignore = require('ignore') as typeof import('ignore');
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

/** What one walk collects, and the limit it applies. */
interface Walk {
  out: ScanOutput;
  maxSize: number;
  realRoot: string; // a link whose target is not under it leads out of the application: not followed
}

/** A folder being walked: its place, the real paths above it (for loops), the .gitignore files that apply. */
interface Folder {
  abs: string;
  rel: string;
  ancestors: Set<string>;
  scopes: IgnoreScope[];
  inTomcat: boolean;
}

/** An entry of the folder being walked. */
interface Entry {
  name: string;
  abs: string;
  rel: string;
}

const errorDetail = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

function sortedEntries(w: Walk, folder: Folder): fs.Dirent[] | undefined {
  try {
    const entries = fs.readdirSync(folder.abs, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    w.out.notices.push({ kind: 'unreadable', file: folder.rel || '.', detail: errorDetail(e) });
    return undefined;
  }
}

/** Whether an entry is a folder or a file, following symbolic links; undefined (with a notice) for a broken link. */
function entryType(w: Walk, dirent: fs.Dirent, { abs, rel }: Entry): { isDir: boolean; isFile: boolean } | undefined {
  if (!dirent.isSymbolicLink()) return { isDir: dirent.isDirectory(), isFile: dirent.isFile() };
  try {
    const st = fs.statSync(abs);
    const inside = path.relative(w.realRoot, fs.realpathSync(abs));
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      w.out.notices.push({ kind: 'symlink-outside', file: rel });
      return undefined;
    }
    return { isDir: st.isDirectory(), isFile: st.isFile() };
  } catch (e) {
    const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
    w.out.notices.push({
      kind: loop ? 'symlink-loop' : 'unreadable',
      file: rel,
      ...(loop ? {} : { detail: 'broken symbolic link' }),
    });
    return undefined;
  }
}

/** A sub-folder, unless excluded; a bundled Tomcat is walked for its conf/ only. */
function visitFolder(w: Walk, parent: Folder, seen: Set<string>, { name, abs, rel }: Entry): void {
  if (EXCLUDED_DIRS.has(name) || isTestTree(rel)) return;
  if (parent.inTomcat && BUNDLED_TOMCAT_SKIP.has(name)) return;
  const child: Folder = { abs, rel, ancestors: seen, scopes: parent.scopes, inTomcat: parent.inTomcat };
  if (!parent.inTomcat && isBundledTomcat(abs)) {
    w.out.notices.push({ kind: 'excluded-tree', file: rel });
    w.out.tomcats.push({ dir: rel, version: tomcatVersion(abs, name) });
    child.inTomcat = true;
  }
  walkFolder(w, child);
}

/** A jar is listed, a text file of a known kind is kept unless it is too large. */
function visitFile(w: Walk, inTomcat: boolean, { name, abs, rel }: Entry): void {
  if (name.toLowerCase().endsWith('.jar')) {
    if (!inTomcat) w.out.jars.push(rel);
    return;
  }
  const kind = fileKind(name);
  if (!kind || (PAASPORT_FILES.has(name) && !rel.includes('/'))) return;
  const st = fs.statSync(abs);
  if (st.size > w.maxSize) {
    w.out.notices.push({
      kind: 'too-large',
      file: rel,
      detail: `${(st.size / 1048576).toFixed(1)} MB > ${(w.maxSize / 1048576).toFixed(1)} MB`,
    });
    return;
  }
  w.out.files.push({ rel, abs, size: st.size, kind });
}

/** A folder once (a real path met again above is a symlink loop), its .gitignore, its entries in name order. */
function walkFolder(w: Walk, folder: Folder): void {
  const real = fs.realpathSync(folder.abs);
  if (folder.ancestors.has(real)) {
    w.out.notices.push({ kind: 'symlink-loop', file: folder.rel });
    return;
  }
  const seen = new Set(folder.ancestors).add(real);
  const gi = readIgnore(folder.abs);
  const here: Folder = gi ? { ...folder, scopes: [...folder.scopes, { base: folder.rel, rules: gi }] } : folder;
  const entries = sortedEntries(w, here);
  if (!entries) return;
  for (const dirent of entries) {
    const { name } = dirent;
    const entry: Entry = { name, abs: path.join(here.abs, name), rel: here.rel ? `${here.rel}/${name}` : name };
    const type = entryType(w, dirent, entry);
    if (!type || ignoredBy(here.scopes, entry.rel, type.isDir)) continue;
    if (type.isDir) visitFolder(w, here, seen, entry);
    else if (type.isFile) visitFile(w, here.inTomcat, entry);
  }
}

/** Walks an application tree: .gitignore files, default excludes, bundled Tomcats, size limit, symlink loops. */
export function scanTree(root: string, opts: ScanOptions = {}): ScanOutput {
  const absRoot = path.resolve(root);
  const w: Walk = {
    out: { root: absRoot, files: [], jars: [], tomcats: [], notices: [] },
    maxSize: opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    realRoot: absRoot,
  };
  const st = fs.statSync(absRoot, { throwIfNoEntry: false });
  if (!st?.isDirectory()) throw new PaasportError(`${root} is not a folder: pass the folder of the application.`);
  w.realRoot = fs.realpathSync(absRoot);
  walkFolder(w, { abs: absRoot, rel: '', ancestors: new Set(), scopes: [], inTomcat: false });
  return w.out;
}
