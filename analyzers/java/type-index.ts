import { isJavaLangType, isSerializableInterface, knownReturnType } from './library-types.js';
import { rawType } from './syntax.js';
import type { ExprType, JavaFacts, JavaTypeDecl, ProjectFacts } from '../types.js';

export interface TypeEntry {
  decl: JavaTypeDecl;
  file: JavaFacts;
}

/** The project's own Java types, by qualified and by simple name. */
export interface ProjectIndex {
  byQualified: Map<string, TypeEntry>;
  bySimple: Map<string, TypeEntry[]>;
  // answers already worked out during this assessment: each file's type names, each type's hierarchy
  names: WeakMap<JavaFacts, Map<string, string[]>>;
  hierarchies: Map<string, string[]>;
}

export function buildIndex(project: ProjectFacts): ProjectIndex {
  const byQualified = new Map<string, TypeEntry>();
  const bySimple = new Map<string, TypeEntry[]>();
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const decl of f.types) {
      const entry = { decl, file: f };
      byQualified.set(decl.qualifiedName, entry);
      const list = bySimple.get(decl.name) ?? [];
      list.push(entry);
      bySimple.set(decl.name, list);
    }
  }
  return { byQualified, bySimple, names: new WeakMap(), hierarchies: new Map() };
}

/**
 * The qualified names a type name may stand for in a file: imports, the file's package, wildcard imports,
 * java.lang.
 */
export function resolveTypeName(name: string, file: JavaFacts, index: ProjectIndex): string[] {
  let known = index.names.get(file);
  if (!known) index.names.set(file, (known = new Map()));
  let out = known.get(name);
  if (!out) known.set(name, (out = resolveUncached(name, file, index)));
  return out;
}

function resolveUncached(name: string, file: JavaFacts, index: ProjectIndex): string[] {
  const t = rawType(name);
  if (!t) return [];
  if (t.includes('.')) {
    const first = t.slice(0, t.indexOf('.'));
    if (/^[a-z]/.test(first)) return [t];
    // Outer.Inner: resolve the outer type
    return resolveTypeName(first, file, index).map((q) => q + t.slice(first.length));
  }
  const single = file.imports.find((i) => !i.wildcard && !i.isStatic && i.name.endsWith('.' + t));
  if (single) return [single.name];
  const local = file.types.find((d) => d.name === t);
  if (local) return [local.qualifiedName];
  const samePackage = file.package ? `${file.package}.${t}` : t;
  if (index.byQualified.has(samePackage)) return [samePackage];
  const out = file.imports.filter((i) => i.wildcard && !i.isStatic).map((i) => `${i.name}.${t}`);
  const known = out.filter((q) => index.byQualified.has(q));
  if (known.length) return known;
  if (isJavaLangType(t)) return [`java.lang.${t}`];
  return out.length ? out : [t];
}

function superTypes(q: string, index: ProjectIndex): string[] {
  const e = index.byQualified.get(q);
  if (!e) return [];
  const names = [e.decl.extends, ...e.decl.implements].filter((x): x is string => !!x);
  return names.flatMap((n) => resolveTypeName(n, e.file, index));
}

/** The type and every super type reachable through the project's own declarations. */
export function typeHierarchy(q: string, index: ProjectIndex): string[] {
  let out = index.hierarchies.get(q);
  if (!out) index.hierarchies.set(q, (out = hierarchyOf(q, index)));
  return out;
}

function hierarchyOf(q: string, index: ProjectIndex): string[] {
  const seen = new Set<string>();
  const queue = [q];
  while (queue.length) {
    const t = queue.shift()!;
    if (seen.has(t)) continue;
    seen.add(t);
    queue.push(...superTypes(t, index));
  }
  return [...seen];
}

function methodReturn(typeQ: string, method: string, index: ProjectIndex): string[] {
  for (const t of typeHierarchy(typeQ, index)) {
    const known = knownReturnType(t, method);
    if (known) return [known];
    const e = index.byQualified.get(t);
    const m = e?.decl.methods.find((x) => x.name === method && x.returnType);
    if (e && m?.returnType) return resolveTypeName(m.returnType, e.file, index);
  }
  return [];
}

/**
 * Resolves an expression type from the facts (`HttpSession`, `{ base: 'Helper', calls: ['getSession'] }`,
 * `{ calls: ['getSession'] }`) to qualified names, going through the project's method declarations and known
 * library methods.
 */
export function resolveExprType(
  expr: ExprType | undefined,
  file: JavaFacts,
  enclosingType: string | undefined,
  index: ProjectIndex,
): string[] {
  if (!expr) return [];
  if (typeof expr === 'string') return resolveTypeName(expr, file, index);
  let types: string[];
  if (expr.base) types = resolveTypeName(expr.base, file, index);
  else {
    const own = file.types.find((d) => d.name === enclosingType);
    types = own ? [own.qualifiedName] : [];
  }
  for (const method of expr.calls) {
    types = [...new Set(types.flatMap((t) => methodReturn(t, method, index)))];
    if (!types.length) return [];
  }
  return types;
}

/**
 * Whether a project type is Serializable: true, false, or undefined when it extends a class from
 * outside the project (that class may be Serializable). Library interfaces other than Serializable don't make it so.
 */
export function isSerializable(q: string, index: ProjectIndex): boolean | undefined {
  const seen = new Set<string>();
  const walk = (t: string): boolean | undefined => {
    if (seen.has(t)) return false;
    seen.add(t);
    const e = index.byQualified.get(t);
    if (!e) return undefined;
    if (e.decl.kind === 'enum') return true;
    let unknown = false;
    for (const i of e.decl.implements) {
      const names = resolveTypeName(i, e.file, index);
      if (names.some(isSerializableInterface)) return true;
      for (const n of names) if (index.byQualified.has(n) && walk(n)) return true;
    }
    if (e.decl.extends) {
      const names = resolveTypeName(e.decl.extends, e.file, index);
      if (names.some(isSerializableInterface)) return true;
      for (const n of names) {
        const r = walk(n);
        if (r) return true;
        if (r === undefined && n !== 'java.lang.Object') unknown = true;
      }
    }
    return unknown ? undefined : false;
  };
  return index.byQualified.has(q) ? walk(q) : undefined;
}
