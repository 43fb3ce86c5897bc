import { resolveTypeName, type ProjectIndex } from './type-index.js';
import type { JavaCall, JavaFacts, JavaMethodDecl, ProjectFacts } from '../types.js';

// calls that change an object in place: a setter, a collection's, map's or builder's mutators, and a domain object's
// own changing methods named like them (`addItem`, `removeItemById`, `incrementQuantityByItemId`)
const MUTATOR =
  /^(set|add|addAll|addFirst|addLast|put|putAll|putIfAbsent|remove|removeAll|removeIf|retainAll|clear|push|offer|poll|pop|merge|compute\w*|replaceAll|sort|append|insert|increment\w*|decrement\w*|(set|add|remove|clear|put|update|reset|append|insert)[A-Z]\w*)$/;

const SESSION_RECEIVER = /session/i;

// `User u = (User) session.getAttribute("user");`, `cart = (List<Item>) req.getSession().getAttribute("cart");`
const assignedFrom = (call: string) =>
  new RegExp(`(\\w+)\\s*=\\s*(?:\\(\\s*[\\w.<>?,\\s[\\]]+\\)\\s*)?[\\w.()]*?\\b${call}\\s*\\(`);
const ASSIGNED_FROM_SESSION =
  /(\w+)\s*=\s*(?:\(\s*[\w.<>?,\s[\]]+\)\s*)?[\w.()]*[Ss]ession\w*(?:\(\))?\.getAttribute\s*\(/;

const sameMethod = (a: JavaCall, b: JavaCall) =>
  a.enclosingType === b.enclosingType && a.enclosingMethod === b.enclosingMethod;

const isSessionRead = (c: JavaCall) => c.name === 'getAttribute' && SESSION_RECEIVER.test(c.receiver ?? '');

/** `((List) session.getAttribute("cart")).add(item)`: a mutator called on the attribute itself. */
function chainedMutations(f: JavaFacts): JavaCall[] {
  return f.calls.filter(
    (c) => MUTATOR.test(c.name) && /getAttribute\s*\(/.test(c.receiver ?? '') && SESSION_RECEIVER.test(c.receiver!),
  );
}

/** The lines of a method: from its declaration to the next declaration of the file, or the end. */
function methodLines(f: JavaFacts, m: JavaMethodDecl, lines: string[]): [number, number] {
  const next = f.types
    .flatMap((t) => t.methods)
    .map((x) => x.line)
    .filter((l) => l > m.line)
    .sort((a, b) => a - b)[0];
  return [m.line, (next ?? lines.length + 1) - 1];
}

/**
 * The project's methods that hand out a session attribute, as `qualified.Type.method`: `Cart getCart(HttpSession s)
 * { Cart c = (Cart) s.getAttribute("cart"); ... return c; }` or `return (Cart) s.getAttribute("cart");`.
 */
export function sessionReaders(project: ProjectFacts, linesOf: (f: JavaFacts) => string[]): Set<string> {
  const out = new Set<string>();
  for (const f of project.files) {
    if (f.kind !== 'java' || !f.calls.some(isSessionRead)) continue;
    readersIn(f, linesOf(f), out);
  }
  return out;
}

function readersIn(f: JavaFacts, lines: string[], out: Set<string>): void {
  for (const read of f.calls.filter(isSessionRead)) {
    const type = f.types.find((t) => t.name === read.enclosingType);
    const m = type?.methods.find((x) => x.name === read.enclosingMethod && x.line <= read.line);
    if (!type || !m?.returnType || m.returnType === 'void') continue;
    const key = `${type.qualifiedName}.${m.name}`;
    const text = lines[read.line - 1] ?? '';
    if (/\breturn\b/.test(text.slice(0, text.indexOf('getAttribute')))) {
      out.add(key);
      continue;
    }
    const variable = ASSIGNED_FROM_SESSION.exec(text)?.[1];
    if (!variable) continue;
    const [, end] = methodLines(f, m, lines);
    const returned = new RegExp(`\\breturn\\s+${variable}\\s*;`);
    if (lines.slice(read.line, end).some((l) => returned.test(l))) out.add(key);
  }
}

/** Whether a call is one of the readers: a method of the file's own type, or a static one of another type. */
function readerCall(c: JavaCall, f: JavaFacts, readers: Set<string>, index: ProjectIndex): boolean {
  if (!c.receiver || c.receiver === 'this') {
    const own = f.types.find((t) => t.name === c.enclosingType);
    return !!own && readers.has(`${own.qualifiedName}.${c.name}`);
  }
  if (!/^[A-Z][\w.]*$/.test(c.receiver)) return false;
  return resolveTypeName(c.receiver, f, index).some((q) => readers.has(`${q}.${c.name}`));
}

/** A variable assigned from a read of the session, then changed in the same method and not set again afterwards. */
/** The variable and the names it is copied to later in the method (`order = sessionOrder;`). */
function aliases(variable: string, lines: string[], from: number, to: number): Set<string> {
  const names = new Set([variable]);
  for (const l of lines.slice(from - 1, to)) {
    const copy = /(\w+)\s*=\s*(\w+)\s*;/.exec(l);
    if (copy && names.has(copy[2])) names.add(copy[1]);
  }
  return names;
}

function variableMutations(f: JavaFacts, lines: string[], reads: JavaCall[], assigned: (c: JavaCall) => RegExp) {
  const out: JavaCall[] = [];
  for (const read of reads) {
    const variable = assigned(read).exec(lines[read.line - 1] ?? '')?.[1];
    if (!variable) continue;
    const inMethod = f.calls.filter((c) => sameMethod(c, read) && c.line >= read.line);
    // taken out of the session after the read: what it holds is no longer session state
    const key = read.args[0]?.trim();
    if (key && inMethod.some((c) => /^(removeAttribute|removeValue)$/.test(c.name) && c.args[0]?.trim() === key))
      continue;
    const last = Math.max(...inMethod.map((c) => c.line));
    const names = aliases(variable, lines, read.line + 1, last);
    // set again after the change, under any name (a set before it, as when a missing attribute is created, does
    // not count)
    const setBackAfter = (line: number) =>
      inMethod.some(
        (c) => /^(setAttribute|putValue)$/.test(c.name) && names.has(c.args[1]?.trim() ?? '') && c.line >= line,
      );
    out.push(...inMethod.filter((c) => c.receiver === variable && MUTATOR.test(c.name) && !setBackAfter(c.line)));
  }
  return out;
}

/**
 * The calls of a Java file that change an object read from the HTTP session in place (`user.setName(...)`,
 * `cart.add(...)`), read directly or through one of the readers (sessionReaders), without setting it again: a
 * session store that saves on setAttribute only loses those changes. The file's lines are read only when it reads
 * the session or calls a reader: most files do neither.
 */
export function sessionMutations(
  f: JavaFacts,
  linesOf: () => string[],
  readers: Set<string>,
  index: ProjectIndex,
): JavaCall[] {
  const readerCalls = readers.size ? f.calls.filter((c) => readerCall(c, f, readers, index)) : [];
  if (!readerCalls.length && !f.calls.some(isSessionRead)) return [];
  const lines = linesOf();
  const direct = variableMutations(f, lines, f.calls.filter(isSessionRead), () => ASSIGNED_FROM_SESSION);
  const viaReaders = variableMutations(f, lines, readerCalls, (c) => assignedFrom(c.name));
  const seen = new Set<JavaCall>();
  return [...chainedMutations(f), ...direct, ...viaReaders].filter((c) => !seen.has(c) && !!seen.add(c));
}
