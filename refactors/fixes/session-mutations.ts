import { sourceLines } from '../../analyzers/read/source-lines.js';
import type { JavaCall, JavaFacts, ProjectFacts } from '../../analyzers/types.js';

// calls that change an object in place: a setter, or a collection's, map's or builder's mutators
const MUTATOR =
  /^(set[A-Z]\w*|set|add|addAll|addFirst|addLast|put|putAll|putIfAbsent|remove|removeAll|removeIf|retainAll|clear|push|offer|poll|pop|merge|compute\w*|replaceAll|sort|append|insert|increment\w*)$/;

// `User u = (User) session.getAttribute("user");` or `cart = (List<Item>) req.getSession().getAttribute("cart");`
const ASSIGNED_FROM_SESSION =
  /(\w+)\s*=\s*(?:\(\s*[\w.<>?,\s[\]]+\)\s*)?[\w.()]*[Ss]ession\w*(?:\(\))?\.getAttribute\s*\(/;

const SESSION_RECEIVER = /session/i;

const sameMethod = (a: JavaCall, b: JavaCall) =>
  a.enclosingType === b.enclosingType && a.enclosingMethod === b.enclosingMethod;

/** `((List) session.getAttribute("cart")).add(item)`: a mutator called on the attribute itself. */
function chainedMutations(f: JavaFacts): JavaCall[] {
  return f.calls.filter(
    (c) => MUTATOR.test(c.name) && /getAttribute\s*\(/.test(c.receiver ?? '') && SESSION_RECEIVER.test(c.receiver!),
  );
}

/** A variable assigned from getAttribute, then changed in the same method and not set again afterwards. */
function variableMutations(f: JavaFacts, lines: string[]): JavaCall[] {
  const out: JavaCall[] = [];
  const reads = f.calls.filter((c) => c.name === 'getAttribute' && SESSION_RECEIVER.test(c.receiver ?? ''));
  for (const read of reads) {
    const variable = ASSIGNED_FROM_SESSION.exec(lines[read.line - 1] ?? '')?.[1];
    if (!variable) continue;
    const inMethod = f.calls.filter((c) => sameMethod(c, read) && c.line >= read.line);
    // set again after the change (a set before it, as when a missing attribute is created, does not count)
    const setBackAfter = (line: number) =>
      inMethod.some(
        (c) => /^(setAttribute|putValue)$/.test(c.name) && c.args[1]?.trim() === variable && c.line >= line,
      );
    out.push(...inMethod.filter((c) => c.receiver === variable && MUTATOR.test(c.name) && !setBackAfter(c.line)));
  }
  return out;
}

/**
 * Places where an object read from the HTTP session is changed in place (`user.setName(...)`, `cart.add(...)`)
 * without being set again: a store that saves on setAttribute only loses those changes.
 */
export function sessionMutations(project: ProjectFacts): string[] {
  const linesOf = sourceLines(project);
  const found: string[] = [];
  for (const f of project.files) {
    if (f.kind !== 'java' || !f.calls.some((c) => c.name === 'getAttribute')) continue;
    const lines = linesOf(f);
    for (const c of [...chainedMutations(f), ...variableMutations(f, lines)]) found.push(`${f.file}:${c.line}`);
  }
  return [...new Set(found)];
}
