// Which file writes go to a temporary file: one the method made with createTempFile, or deletes after writing it
// (delete(), Files.delete, deleteOnExit). Read from the facts of the method and the text of its lines.
import type { JavaCall, JavaFacts, JavaNew } from '../../types.js';
import { scopeOf } from './matches.js';

type Site = JavaCall | JavaNew;

const NAME = /^(?:this\.)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[[^\]]*\])?)$/;
const WRAPPER = /^(?:new\s+(?:java\.io\.)?File|(?:java\.nio\.file\.)?(?:Paths\.get|Path\.of))\s*\(\s*([^,()]+?)\s*\)$/;
const CONVERSION = /\.(?:toPath|toFile|getPath|getAbsolutePath|getAbsoluteFile|getCanonicalPath|getCanonicalFile)\(\)$/;
// one assignment or declaration with an initializer: `x = ...;`, `File x = ...;`, `this.x = ...;`
const ASSIGNMENT = /(?:^|[\s({;,])((?:this\.)?[A-Za-z_$][\w$]*(?:\[[^\]]*\])?)\s*=(?!=)\s*([^;]+)/g;
const TEMP_FILE = /\bcreateTemp(?:File|Directory)\s*\(/;
const DELETE_METHODS = new Set(['delete', 'deleteOnExit']);
const DELETE_STATIC = new Set(['delete', 'deleteIfExists', 'deleteQuietly', 'forceDelete', 'forceDeleteOnExit']);

/** The file a path expression names, as a variable: `new File(x)`, `x.toPath()`, `this.x` are all `x`. */
export function fileVariable(expr: string | undefined): string | undefined {
  let e = expr?.trim();
  for (let i = 0; e && i < 4; i++) {
    const wrapped = WRAPPER.exec(e);
    if (wrapped) e = wrapped[1].trim();
    else if (CONVERSION.test(e)) e = e.replace(CONVERSION, '');
    else break;
  }
  return e ? NAME.exec(e)?.[1] : undefined;
}

/** The argument a write goes to: the destination of a copy or move, the file of ImageIO.write, else the first. */
export function writeTarget(site: Site): string | undefined {
  if ('name' in site) {
    if (!site.args.length) return site.receiver; // dir.mkdirs(), f.createNewFile()
    if (site.name === 'write' && site.receiver === 'ImageIO') return site.args[2];
    if (/^(copy|move)/.test(site.name) && site.args.length >= 2) return site.args[1];
  }
  return site.args[0];
}

/** Names that hold the same file, joined: `File f = new File(path)`, `files[i] = fp`. */
class SameFile {
  private parent = new Map<string, string>();
  find(x: string): string {
    const p = this.parent.get(x);
    if (!p || p === x) return x;
    const root = this.find(p);
    this.parent.set(x, root);
    return root;
  }
  join(a: string, b: string) {
    this.parent.set(this.find(a), this.find(b));
  }
}

interface MethodFiles {
  same: SameFile;
  temp: Set<string>; // variables holding a file made by createTempFile (their roots, once joined)
  deleted: { name: string; line: number }[];
  variable: (name: string, line: number) => string; // a name at a line, told apart from the same name declared again
}

// a type (or `final` and a type) right before the assigned name: a declaration
const DECLARES = /[\w$>\]]\s+$/;
const NOT_A_TYPE = /\b(return|else|throw|case|new|assert)\s+$/;

/** Each declaration of a name in the method's lines: the same name in two blocks is two variables. */
function declarations(text: string[], first: number, last: number): Map<string, number[]> {
  const decl = new Map<string, number[]>();
  for (let n = first; n <= last; n++) {
    const line = text[n - 1] ?? '';
    for (const m of line.matchAll(ASSIGNMENT)) {
      const before = line.slice(0, (m.index ?? 0) + m[0].indexOf(m[1]));
      const name = fileVariable(m[1]);
      if (name && DECLARES.test(before) && !NOT_A_TYPE.test(before)) decl.set(name, [...(decl.get(name) ?? []), n]);
    }
  }
  return decl;
}

const code = (l: string) => l.trim() && !/^\s*(\/\/|\/?\*)/.test(l);

/**
 * Whether a delete opens an `if` block that then leaves the method: a branch that gives up on the file (nothing to
 * keep), not the end of a scratch file's use.
 */
function givesUpAt(text: string[], line: number): boolean {
  const next = text.slice(line, line + 3).find(code);
  const before = text
    .slice(Math.max(0, line - 5), line - 1)
    .filter(code)
    .pop();
  return (
    next !== undefined &&
    /^\s*return\b/.test(next) &&
    before !== undefined &&
    /^\s*(\}\s*else\b.*|if\s*\(.*)\{\s*$/.test(before)
  );
}

/** A method's calls, in file order, and the first and last lines of its calls, object creations and writes. */
interface MethodSites {
  calls: JavaCall[];
  first: number;
  last: number;
  firstCallOrNew: number;
}

/** What the writes of one file look up: read once for all of them. */
interface FileSites {
  methods: Map<string, MethodSites>; // by scope (Type#method)
  unqualifiedCalls: Map<string, JavaCall[]>; // calls with no receiver or `this`, by name
  files: Map<string, MethodFiles | undefined>; // by scope, as they are asked for
}

const fileSitesMemo = new WeakMap<JavaFacts, FileSites>();

function fileSites(f: JavaFacts): FileSites {
  let found = fileSitesMemo.get(f);
  if (found) return found;
  const methods = new Map<string, MethodSites>();
  const method = (scope: string) => {
    let m = methods.get(scope);
    if (!m) methods.set(scope, (m = { calls: [], first: Infinity, last: -Infinity, firstCallOrNew: Infinity }));
    return m;
  };
  const unqualifiedCalls = new Map<string, JavaCall[]>();
  for (const x of [...f.calls, ...f.news, ...f.writes]) {
    const m = method(scopeOf(x));
    m.first = Math.min(m.first, x.line);
    m.last = Math.max(m.last, x.line);
    if (!('target' in x)) m.firstCallOrNew = Math.min(m.firstCallOrNew, x.line);
  }
  for (const c of f.calls) {
    method(scopeOf(c)).calls.push(c);
    if (c.receiver && c.receiver !== 'this') continue;
    const same = unqualifiedCalls.get(c.name);
    if (same) same.push(c);
    else unqualifiedCalls.set(c.name, [c]);
  }
  found = { methods, unqualifiedCalls, files: new Map() };
  fileSitesMemo.set(f, found);
  return found;
}

function methodFiles(f: JavaFacts, scope: string, text: string[]): MethodFiles | undefined {
  const sites = fileSites(f);
  if (!sites.files.has(scope)) sites.files.set(scope, readMethodFiles(sites.methods.get(scope), text));
  return sites.files.get(scope);
}

function readMethodFiles(sites: MethodSites | undefined, text: string[]): MethodFiles | undefined {
  if (!sites) return undefined;
  const { first, last } = sites;
  const decl = declarations(text, first, last);
  const variable = (name: string, line: number) =>
    `${name}#${Math.max(0, ...(decl.get(name) ?? []).filter((d) => d <= line))}`;
  const same = new SameFile();
  const tempNames: string[] = [];
  for (let n = first; n <= last; n++) {
    for (const m of (text[n - 1] ?? '').matchAll(ASSIGNMENT)) {
      const lhs = fileVariable(m[1]);
      if (!lhs) continue;
      if (TEMP_FILE.test(m[2])) tempNames.push(variable(lhs, n));
      const rhs = fileVariable(m[2]);
      if (rhs) same.join(variable(lhs, n), variable(rhs, n));
    }
  }
  const deleted: { name: string; line: number }[] = [];
  for (const c of sites.calls) {
    const name =
      DELETE_METHODS.has(c.name) && !c.args.length
        ? fileVariable(c.receiver)
        : DELETE_STATIC.has(c.name) && c.args.length === 1 && /^(Files|FileUtils)$/.test(c.receiver ?? '')
          ? fileVariable(c.args[0])
          : undefined;
    if (!name || givesUpAt(text, c.line)) continue;
    // deleteOnExit counts wherever it is; a delete only after the write (before it, the old file makes room)
    deleted.push({ name: variable(name, c.line), line: c.name === 'deleteOnExit' ? 0 : c.line });
  }
  return { same, temp: new Set(tempNames.map((t) => same.find(t))), deleted, variable };
}

/** Whether a delete between the write and the later line stands in a catch block: cleaning up after a failure. */
const cleanupAfterFailure = (text: string[], from: number, to: number) =>
  text.slice(from, to).some((l) => /\bcatch\s*\(/.test(l));

function scratchIn(f: JavaFacts, scope: string, name: string, line: number, text: string[]): boolean {
  const m = methodFiles(f, scope, text);
  if (!m) return false;
  const root = m.same.find(m.variable(name, line));
  if (m.temp.has(root)) return true;
  return m.deleted.some(
    (d) =>
      m.same.find(d.name) === root && (d.line === 0 || (d.line > line && !cleanupAfterFailure(text, line, d.line))),
  );
}

/** The parameters of a private method of the file, read from its declaration above its first line. */
function privateParams(text: string[], method: string, before: number): string[] | undefined {
  const decl = new RegExp(`\\bprivate\\b[^=;]*\\b${method}\\s*\\(([^)]*)\\)`);
  for (let n = before - 1; n >= Math.max(0, before - 6); n--) {
    const m = decl.exec(text[n] ?? '');
    if (m) return m[1].split(',').map((p) => p.trim().split(/\s+/).pop() ?? '');
  }
  return undefined;
}

/** A private helper's parameter that every caller in the file fills with a temporary file of its own. */
function scratchParameter(f: JavaFacts, site: Site, name: string, text: string[]): boolean {
  const method = site.enclosingMethod;
  if (!method || method.startsWith('<')) return false;
  const { methods, unqualifiedCalls } = fileSites(f);
  const first = methods.get(scopeOf(site))?.firstCallOrNew;
  const params = first !== undefined && Number.isFinite(first) ? privateParams(text, method, first) : undefined;
  const at = params?.indexOf(name) ?? -1;
  if (at < 0) return false;
  const callers = unqualifiedCalls.get(method) ?? [];
  return (
    callers.length > 0 &&
    callers.every((c) => {
      const arg = fileVariable(c.args[at]);
      return arg !== undefined && scratchIn(f, scopeOf(c), arg, c.line, text);
    })
  );
}

/** Whether the write at this place of the file goes to a temporary file. */
export function writesTemporaryFile(f: JavaFacts, site: Site, text: string[]): boolean {
  const to = writeTarget(site);
  if (to && TEMP_FILE.test(to)) return true;
  const name = fileVariable(to);
  if (!name) return false;
  return scratchIn(f, scopeOf(site), name, site.line, text) || scratchParameter(f, site, name, text);
}
