import type { Node, QueryCapture } from 'web-tree-sitter';
import { rawType } from './syntax.js';

/** A type or method body the walk is inside, with the variables declared in it (name → declared type). */
interface Frame {
  end: number;
  kind: 'type' | 'method';
  name: string;
  vars: Map<string, string>;
}

/** Where the walk over a file's captures stands: the enclosing types and methods, innermost last. */
export interface Scope {
  frames: Frame[];
  typeNames: string[]; // simple names of the enclosing types, outermost first
  fieldsByType: Map<number, Map<string, string>>; // a type's start index → its fields' declared types
}

interface Span {
  start: number;
  end: number;
}

/** The fields of every type body, so that a receiver can be a field declared further down the file. */
function fieldTypesByType(captures: QueryCapture[]): Map<number, Map<string, string>> {
  const byType = new Map<number, Map<string, string>>();
  const types: Span[] = [];
  for (const { name, node } of captures) {
    if (name === 'type') types.push({ start: node.startIndex, end: node.endIndex });
    if (name !== 'field') continue;
    let owner: Span | undefined;
    for (const t of types) if (t.start <= node.startIndex && node.endIndex <= t.end) owner = t;
    if (!owner) continue;
    const map = byType.get(owner.start) ?? new Map<string, string>();
    byType.set(owner.start, map);
    const type = node.childForFieldName('type')?.text ?? '';
    for (const d of node.childrenForFieldName('declarator')) {
      const n = d?.childForFieldName('name')?.text;
      if (n) map.set(n, type);
    }
  }
  return byType;
}

export function newScope(captures: QueryCapture[]): Scope {
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
  const vars = new Map(scope.fieldsByType.get(node.startIndex) ?? []);
  scope.frames.push({ end: node.endIndex, kind: 'type', name, vars });
  scope.typeNames.push(name);
}

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

function lookupVar(scope: Scope, v: string): string | undefined {
  for (let i = scope.frames.length - 1; i >= 0; i--) {
    const t = scope.frames[i].vars.get(v);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** A variable declared in the innermost body. */
export function declare(scope: Scope, v: string | undefined, type: string | undefined): void {
  if (v && type && scope.frames.length) scope.frames[scope.frames.length - 1].vars.set(v, type);
}

function identifierType(scope: Scope, n: Node): string | undefined {
  const v = lookupVar(scope, n.text);
  if (v) return rawType(v);
  return /^[A-Z]/.test(n.text) ? n.text : undefined; // a type name used as a static receiver
}

function fieldAccessType(scope: Scope, n: Node): string | undefined {
  const obj = n.childForFieldName('object');
  const fld = n.childForFieldName('field')?.text;
  if (obj?.type === 'this' && fld) {
    const v = lookupVar(scope, fld);
    return v ? rawType(v) : undefined;
  }
  return /^[a-z_$][\w$]*(\.[a-z_$][\w$]*)*\.[A-Z][\w$]*$/.test(n.text) ? n.text : undefined;
}

function callType(scope: Scope, n: Node): string | undefined {
  const obj = n.childForFieldName('object');
  const base = obj ? exprType(scope, obj) : '';
  if (base === undefined) return undefined;
  return `${base}#${n.childForFieldName('name')?.text}()`;
}

/**
 * The declared type of an expression where the file says it; method calls become `Type#method()` chains
 * that the project-wide resolver finishes.
 */
export function exprType(scope: Scope, n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'identifier':
      return identifierType(scope, n);
    case 'field_access':
      return fieldAccessType(scope, n);
    case 'method_invocation':
      return callType(scope, n);
    case 'object_creation_expression':
    case 'cast_expression':
      return rawType(n.childForFieldName('type')?.text ?? '');
    case 'parenthesized_expression':
      return exprType(scope, n.namedChild(0));
    case 'string_literal':
      return 'String';
    default:
      return undefined;
  }
}
