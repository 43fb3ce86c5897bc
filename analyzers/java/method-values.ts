import { pathHeads } from './path-heads.js';
import type { JavaFacts, JavaMethodDecl } from '../types.js';

// What a method's text assigns to its variables, and what an expression is worked out from through them: read from
// the text, since the facts carry no data flow.

const ASSIGNMENT = /(?:^|[\s({;,])([A-Za-z_$][\w$]*)\s*(?:\[[^\]]*\])?\s*=(?!=)\s*([^;]+)/g;
const LINE_COMMENT = /(^|[^:"])\/\/[^\n]*/g;

export const simpleType = (t: string) =>
  t
    .replace(/<.*>/, '')
    .replace(/^.*\./, '')
    .replace(/^final\s+/, '')
    .replace(/\[\]|\.\.\./g, '')
    .trim();

/** A method's declaration and what its text assigns to each variable. */
export interface MethodValues {
  decl: JavaMethodDecl;
  types: string[];
  assigned: Map<string, { rhs: string; line: number }[]>;
}

/**
 * The names a path expression takes its folder from in its method, following the variables to what they are assigned
 * (in any order: a variable assigned in a loop or a branch counts).
 */
export function origins(expr: string, m: MethodValues): Set<string> {
  const names = new Set<string>();
  const todo = pathHeads(expr);
  while (todo.length) {
    const n = todo.pop()!;
    if (names.has(n)) continue;
    names.add(n);
    for (const a of m.assigned.get(n) ?? []) todo.push(...pathHeads(a.rhs));
  }
  return names;
}

/** An expression and the right-hand sides of the assignments of the variables it takes its folder from. */
export function sourcesOf(expr: string, m: MethodValues | undefined): string[] {
  if (!m) return [expr];
  return [expr, ...[...origins(expr, m)].flatMap((n) => (m.assigned.get(n) ?? []).map((a) => a.rhs))];
}

// What comes before a file's first method (fields, constructors): read as one method with no parameters, since the
// facts do not list constructors.
const AHEAD: JavaMethodDecl = { name: '<init>', line: 1, column: 1, isStatic: false, params: [], annotations: [] };

export class MethodTexts {
  private memo = new Map<string, MethodValues>();
  private decls = new Map<JavaFacts, JavaMethodDecl[]>();
  constructor(readonly lines: (f: JavaFacts) => string[]) {}

  /** The method a line is in (the last one declared above it, or the constructors ahead), with its assignments. */
  at(f: JavaFacts, line: number): MethodValues | undefined {
    let decls = this.decls.get(f);
    if (!decls)
      this.decls.set(f, (decls = [AHEAD, ...f.types.flatMap((t) => t.methods).sort((a, b) => a.line - b.line)]));
    let i = 0;
    while (i + 1 < decls.length && decls[i + 1].line <= line) i++;
    const key = `${f.file}:${decls[i].line}`;
    let got = this.memo.get(key);
    if (!got) {
      const end = (decls[i + 1]?.line ?? f.lineCount + 1) - 1;
      const text = this.lines(f)
        .slice(decls[i].line - 1, end)
        .join('\n')
        .replace(LINE_COMMENT, '$1');
      const assigned = new Map<string, { rhs: string; line: number }[]>();
      for (const m of text.matchAll(ASSIGNMENT)) {
        const line = decls[i].line + (text.slice(0, m.index).match(/\n/g)?.length ?? 0);
        assigned.set(m[1], [...(assigned.get(m[1]) ?? []), { rhs: m[2].trim(), line }]);
      }
      const types = (decls[i].paramTypes ?? decls[i].params.map(() => '')).map(simpleType);
      this.memo.set(key, (got = { decl: decls[i], types, assigned }));
    }
    return got;
  }
}
