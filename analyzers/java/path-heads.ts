// Where a path comes from, read from the text of an expression: the name that decides the folder. In
// `new File(dir, name)`, `dir + "/" + name`, `Paths.get(dir, name)`, `dir.replace('\\', '/')`, `toFile(dir, name)`
// it is `dir`; the file name after it does not move the file out of that folder.

const IDENT = /^(?:this\.)?([A-Za-z_$][\w$]*)$/;
const NEW = /^new\s+[\w$.<>]+\s*\(/;

/** The parts of a text split at a separator outside parentheses, brackets, braces and string literals. */
function topLevel(expr: string, separator: (s: string, i: number) => number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '"' || ch === "'") {
      for (i++; i < expr.length && expr[i] !== ch; i++) if (expr[i] === '\\') i++;
    } else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0) {
      const len = separator(expr, i);
      if (len > 0) {
        parts.push(expr.slice(start, i).trim());
        start = i + len;
        i += len - 1;
      }
    }
  }
  parts.push(expr.slice(start).trim());
  return parts;
}

const plus = (s: string, i: number) => (s[i] === '+' && s[i + 1] !== '+' && s[i - 1] !== '+' ? 1 : 0);
const comma = (s: string, i: number) => (s[i] === ',' ? 1 : 0);
const question = (s: string, i: number) => (s[i] === '?' ? 1 : 0);
const colon = (s: string, i: number) => (s[i] === ':' ? 1 : 0);

/** The index of the `(` that opens the argument list ending the expression, or -1. */
function lastCallOpen(expr: string): number {
  if (!expr.endsWith(')')) return -1;
  let depth = 0;
  for (let i = expr.length - 1; i >= 0; i--) {
    const ch = expr[i];
    if (ch === '"' || ch === "'") {
      for (i--; i >= 0 && expr[i] !== ch; i--);
    } else if (ch === ')') depth++;
    else if (ch === '(' && --depth === 0) return i;
  }
  return -1;
}

const firstArg = (args: string): string | undefined => {
  const first = topLevel(args, comma)[0];
  return first || undefined;
};

/** The names a path expression takes its folder from (several for a conditional), at most `depth` steps deep. */
export function pathHeads(expr: string, depth = 8): string[] {
  let e = expr.trim();
  while (e.startsWith('(') && lastCallOpen(e) === 0 && depth-- > 0) e = e.slice(1, -1).trim();
  if (depth <= 0 || !e) return [];
  const branches = topLevel(e, question);
  if (branches.length > 1) {
    const [, rest] = [branches[0], branches.slice(1).join('?')];
    return topLevel(rest, colon).flatMap((b) => pathHeads(b, depth - 1));
  }
  const operands = topLevel(e, plus);
  if (operands.length > 1) return pathHeads(operands[0], depth - 1);
  e = e.replace(/^\([\w$.<>[\]]+\)\s*/, ''); // a cast
  const name = IDENT.exec(e);
  if (name) return [name[1]];
  const open = lastCallOpen(e);
  if (open < 0) return [];
  const args = e.slice(open + 1, -1);
  const callee = e.slice(0, open).trim();
  if (NEW.test(e) && open === e.indexOf('(')) {
    const first = firstArg(args);
    return first ? pathHeads(first, depth - 1) : [];
  }
  const dot = callee.lastIndexOf('.');
  const on = dot > 0 ? callee.slice(0, dot) : undefined;
  const receiver = on === 'this' || on === 'super' ? undefined : on;
  // a static helper (`Paths.get(dir, name)`, `FilenameUtils.concat(dir, name)`) or a method of the class: its first
  // argument; a method on a value (`dir.getPath()`, `dir.replace(...)`): the value
  if (!receiver || /^[A-Z][\w$]*(\.[A-Z][\w$]*)*$/.test(receiver)) {
    // a method of the class given one name (`findPageDir(page)`) works out the folder itself, from its own fields
    if (!receiver && topLevel(args, comma).length === 1) return [];
    const first = firstArg(args);
    return first ? pathHeads(first, depth - 1) : [];
  }
  return pathHeads(receiver, depth - 1);
}

// A read of a configuration value by its key: `Config.getProperty("dir")`, `props.getProperty(KEY, fallback)`,
// `TextUtil.getStringProperty(props, KEY, fallback)`.
const CONFIG_READ = /(?:^|\.)(?:get\w*Property|getString|getValue|getSetting|getInitParameter)$/;
const KEY = /^("[^"]*"|[A-Z][A-Z0-9_]*|[\w$.]+\.[A-Z][A-Z0-9_]*)$/;

/**
 * Whether an expression reads a configuration value by its key, and the fallback it gives (the argument after the
 * key), if any: the value is decided where the key is set, or by the fallback.
 */
export function configRead(expr: string): { fallback?: string } | undefined {
  const e = expr.trim();
  const open = lastCallOpen(e);
  if (open < 0 || !CONFIG_READ.test(e.slice(0, open).trim())) return undefined;
  const args = topLevel(e.slice(open + 1, -1), comma);
  const key = args.findIndex((a) => KEY.test(a));
  if (key < 0) return undefined;
  return { fallback: args[key + 1] };
}

// also the reads of the app's own XML settings by element name (`root.getChildText("DataPath")`, an XPath)
const CONFIG_CALL =
  /\b(?:get\w*Property|getString|getValue|getSetting|getInitParameter|getChildText(?:Trim)?|elementText(?:Trim)?|selectSingleNode|getElementsByTagName)\s*\(/g;

/** The keys (a string literal, or a constant's name) of the configuration reads anywhere in an expression. */
export function configKeysIn(expr: string): string[] {
  const keys: string[] = [];
  for (const m of expr.matchAll(CONFIG_CALL)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let end = -1;
    for (let i = open; i < expr.length && end < 0; i++) {
      const ch = expr[i];
      if (ch === '"' || ch === "'") {
        for (i++; i < expr.length && expr[i] !== ch; i++) if (expr[i] === '\\') i++;
      } else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) end = i;
    }
    if (end < 0) continue;
    const key = topLevel(expr.slice(open + 1, end), comma).find((a) => KEY.test(a));
    if (key) keys.push(key);
  }
  return keys;
}
