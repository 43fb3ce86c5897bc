import type { Node } from 'web-tree-sitter';
import type { ExprType } from '../types.js';
import { fieldNode, rawType } from './syntax.js';

/** A type or method body the walk is inside, with the variables declared in it (name → declared type). */
interface Frame {
  end: number;
  kind: 'type' | 'method' | 'anonymous'; // an anonymous class body belongs to the named type around it
  name: string;
  vars: Map<string, ExprType>; // a `var` has the type of its initializer, which may be a call chain
  untyped?: Set<string>; // variables declared with no type the walk can tell (`var n = a + b`)
}

/** Where the walk over a file's captures stands: the enclosing types and methods, innermost last. */
export interface Scope {
  frames: Frame[];
  typeNames: string[]; // simple names of the enclosing types, outermost first
  fieldsByType: Map<number, Map<string, string>>; // a type's start index → its fields' declared types
}

/** A node a fact is made from, with the name of its handler (extract.ts). */
export interface Capture {
  name: string;
  node: Node;
}

interface Span {
  start: number;
  end: number;
}

/** The fields of every type body, so that a receiver can be a field declared further down the file. */
function fieldTypesByType(captures: Capture[]): Map<number, Map<string, string>> {
  const byType = new Map<number, Map<string, string>>();
  const types: Span[] = [];
  for (const { name, node } of captures) {
    if (name.startsWith('type.')) types.push({ start: node.startIndex, end: node.endIndex });
    if (name !== 'field') continue;
    let owner: Span | undefined;
    for (const t of types) if (t.start <= node.startIndex && node.endIndex <= t.end) owner = t;
    if (!owner) continue;
    const map = byType.get(owner.start) ?? new Map<string, string>();
    byType.set(owner.start, map);
    const type = fieldNode(node, 'type')?.text ?? '';
    for (const d of node.childrenForFieldName('declarator')) {
      const n = fieldNode(d, 'name')?.text;
      if (n) map.set(n, type);
    }
  }
  return byType;
}

export function newScope(captures: Capture[]): Scope {
  return { frames: [], typeNames: [], fieldsByType: fieldTypesByType(captures) };
}

/** Leaves the bodies that end before `start`. */
export function leaveEnded(scope: Scope, start: number): void {
  const { frames } = scope;
  while (frames.length && start >= frames[frames.length - 1].end) {
    if (frames.pop()!.kind === 'type') scope.typeNames.pop();
  }
}

/** Enters a type body, whose fields are known from the start. */
export function enterType(scope: Scope, node: Node, name: string): void {
  const vars = new Map<string, ExprType>(scope.fieldsByType.get(node.startIndex) ?? []);
  scope.frames.push({ end: node.endIndex, kind: 'type', name, vars });
  scope.typeNames.push(name);
}

/** Enters an anonymous class's body, which ends where its object creation does. */
export function enterAnonymous(scope: Scope, end: number): void {
  scope.frames.push({ end, kind: 'anonymous', name: '', vars: new Map() });
}

/** Whether the innermost body is an anonymous class's: a method starting now is one of its methods. */
export const inAnonymousBody = (scope: Scope): boolean => scope.frames.at(-1)?.kind === 'anonymous';

export function enterMethod(scope: Scope, node: Node, name: string): void {
  scope.frames.push({ end: node.endIndex, kind: 'method', name, vars: new Map() });
}

/** The innermost type and the method inside it; code outside any method is `<field>` (initializers). */
export function enclosing(scope: Scope): { enclosingType?: string; enclosingMethod?: string } {
  let type: string | undefined;
  let method: string | undefined;
  for (let i = scope.frames.length - 1; i >= 0; i--) {
    const f = scope.frames[i];
    if (f.kind === 'method' && method === undefined && type === undefined) method = f.name;
    if (f.kind === 'type') {
      type = f.name;
      break;
    }
  }
  return { enclosingType: type, enclosingMethod: method ?? (type ? '<field>' : undefined) };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const NOT_NAMES = new Set(['this', 'super', 'null', 'true', 'false']);
const DOTTED = /^[\w$]+(\.[\w$]+)+$/;
const QUALIFIED_TYPE = /^[a-z_$][\w$]*(\.[a-z_$][\w$]*)*\.[A-Z][\w$]*$/;
const STRING = /^"(?:[^"\\\n]|\\.)*"$/;

function lookupVar(scope: Scope, v: string): ExprType | undefined {
  for (let i = scope.frames.length - 1; i >= 0; i--) {
    const t = scope.frames[i].vars.get(v);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** Whether a bare name is a variable of the method (a parameter or a local), not a field of the type. */
export function isLocalVar(scope: Scope, v: string): boolean {
  for (let i = scope.frames.length - 1; i >= 0; i--) {
    const f = scope.frames[i];
    if (f.vars.has(v) || f.untyped?.has(v)) return f.kind !== 'type';
  }
  return false;
}

/** A variable declared in the innermost body; one of no type it can tell is still a variable (it hides a field). */
export function declare(scope: Scope, v: string | undefined, type: ExprType | undefined): void {
  if (!v || !scope.frames.length) return;
  const frame = scope.frames[scope.frames.length - 1];
  if (type) frame.vars.set(v, type);
  else (frame.untyped ??= new Set()).add(v);
}

/** A declared type without generics and array brackets; a call chain as it is. */
const declaredType = (t: ExprType): ExprType => (typeof t === 'string' ? rawType(t) : t);

function identifierType(scope: Scope, n: Node): ExprType | undefined {
  const v = lookupVar(scope, n.text);
  if (v) return declaredType(v);
  return /^[A-Z]/.test(n.text) ? n.text : undefined; // a type name used as a static receiver
}

function fieldAccessType(scope: Scope, n: Node): ExprType | undefined {
  const obj = fieldNode(n, 'object');
  const fld = fieldNode(n, 'field')?.text;
  if (obj?.type === 'this' && fld) {
    const v = lookupVar(scope, fld);
    return v ? declaredType(v) : undefined;
  }
  return QUALIFIED_TYPE.test(n.text) ? n.text : undefined;
}

/** The type of an expression that is neither a call nor in parentheses. */
function leafType(scope: Scope, n: Node): ExprType | undefined {
  switch (n.type) {
    case 'identifier':
      return identifierType(scope, n);
    case 'field_access':
      return fieldAccessType(scope, n);
    case 'object_creation_expression':
    case 'cast_expression':
      return rawType(fieldNode(n, 'type')?.text ?? '');
    case 'string_literal':
      return 'String';
    default:
      return undefined;
  }
}

/**
 * The type of an expression told from its text alone, as `exprType` gives it, for the shapes most arguments and
 * receivers have (a name, `this.name`, `a.b.C`, a one-line string literal); `null` for any other shape.
 */
export function textType(scope: Scope, text: string): ExprType | undefined | null {
  if (IDENTIFIER.test(text)) {
    if (NOT_NAMES.has(text)) return undefined;
    const v = lookupVar(scope, text);
    if (v) return declaredType(v);
    return /^[A-Z]/.test(text) ? text : undefined;
  }
  if (STRING.test(text)) return 'String';
  if (DOTTED.test(text) && !text.endsWith('.class')) {
    if (/^this\.[\w$]+$/.test(text)) {
      const v = lookupVar(scope, text.slice(5));
      return v ? declaredType(v) : undefined;
    }
    return QUALIFIED_TYPE.test(text) ? text : undefined;
  }
  return null;
}

/**
 * The type of an expression where the file says it; method calls become call chains (a call extends the chain of its
 * receiver; a call without a receiver starts one on the enclosing type). A loop down the receivers and parentheses,
 * not a recursion: ten thousand nested parentheses or chained calls must not overflow the stack.
 */
export function exprType(scope: Scope, n: Node | null | undefined): ExprType | undefined {
  const calls: string[] = []; // from the outermost call inwards
  for (let at = n; at;) {
    if (at.type === 'parenthesized_expression') {
      at = at.namedChild(0);
      continue;
    }
    if (at.type !== 'method_invocation') {
      const base = leafType(scope, at);
      if (base === undefined || !calls.length) return base;
      calls.reverse();
      return typeof base === 'string' ? { base, calls } : { ...base, calls: [...base.calls, ...calls] };
    }
    calls.push(fieldNode(at, 'name')?.text ?? '');
    const obj = fieldNode(at, 'object');
    // `this.getSession()` is `getSession()`: a chain on the enclosing type
    if (!obj || obj.type === 'this') return { calls: calls.reverse() };
    at = obj;
  }
  return undefined;
}
