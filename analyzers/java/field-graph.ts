import { methodId, type CallGraph, type MethodId } from './call-graph.js';
import { MUTATORS } from './static-state.js';
import { resolveTypeName, typeHierarchy, type ProjectIndex } from './type-index.js';
import type { JavaFacts, Location, ProjectFacts } from '../types.js';

/** A field of the project: `qualified.Type.name`. */
export type FieldId = string;

/** Where a method reads or writes a field. */
export interface FieldAccess extends Location {
  field: FieldId;
  method: MethodId;
  file: JavaFacts;
  /** As people read it: `counter =` (an assignment or an increment), `counts[…] =`, `cache.put()`, `cache`. */
  what: string;
}

/**
 * The fields of the project's own types as nodes of the call graph, with the methods that write them (assignments,
 * increments, mutating calls on them: `cache.put`, `hits.incrementAndGet`) and those that read them (calls on them,
 * arguments naming them). Built from the facts the call graph is built from, in one pass over each file's writes and
 * calls. An expression names a field when it is `name` or `this.name` (a field of the enclosing type, an outer type or
 * a super type, unless a parameter or local variable of that name hides it) or `Type.name`; a field reached through
 * another object (`order.total = 0`) is not followed. A read is a call on the field or the field passed to a call or
 * a constructor: a field returned or compared as it is (`return store;`) is not seen.
 */
export interface FieldGraph {
  writes: Map<FieldId, FieldAccess[]>;
  reads: Map<FieldId, FieldAccess[]>;
  /** The field an expression of the file names, inside a method of this enclosing type (a simple name). */
  fieldOf(file: JavaFacts, expr: string, enclosingType: string | undefined): FieldId | undefined;
}

const NAME = /^(?:this\.)?([A-Za-z_$][\w$]*)$/;
const QUALIFIED = /^((?:[A-Za-z_$][\w$]*\.)*[A-Z][\w$]*)\.([A-Za-z_$][\w$]*)$/;
// an assignment's target may index an array or a list held in the field: its contents change
const ELEMENT = /^((?:this\.)?[A-Za-z_$][\w$.]*?)\s*\[.*\]$/s;

function declaredFields(project: ProjectFacts, graph: CallGraph): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const x of f.fields) {
      const q = graph.typeIn(f, x.owner);
      if (!q) continue;
      let names = out.get(q);
      if (!names) out.set(q, (names = new Set()));
      names.add(x.name);
    }
  }
  return out;
}

type FieldOf = FieldGraph['fieldOf'];

/** Which field an expression names, worked out once per file, enclosing type and text. */
function fieldResolver(project: ProjectFacts, index: ProjectIndex, graph: CallGraph): FieldOf {
  const declared = declaredFields(project, graph);
  const declaring = (types: string[], name: string): FieldId | undefined => {
    for (const t of types) if (declared.get(t)?.has(name)) return `${t}.${name}`;
    return undefined;
  };
  const names = new Set<string>();
  for (const fields of declared.values()) for (const n of fields) names.add(n);

  const resolve = (file: JavaFacts, expr: string, enclosingType: string | undefined): FieldId | undefined => {
    const bare = NAME.exec(expr);
    if (bare) {
      const q = graph.typeIn(file, enclosingType);
      if (!q) return undefined;
      // the enclosing type and its super types, then each type it is nested in with its super types
      const outer: string[] = [];
      for (let i = q.lastIndexOf('.'); i > 0; i = q.lastIndexOf('.', i - 1)) outer.push(q.slice(0, i));
      for (const t of [q, ...outer]) {
        const found = declaring(typeHierarchy(t, index), bare[1]);
        if (found) return found;
      }
      return undefined;
    }
    const qualified = QUALIFIED.exec(expr);
    if (!qualified) return undefined;
    for (const q of resolveTypeName(qualified[1], file, index)) {
      const found = declaring(typeHierarchy(q, index), qualified[2]);
      if (found) return found;
    }
    return undefined;
  };
  // the same few names come up over and over in a file's methods: one answer per file, type and text
  const memo = new WeakMap<JavaFacts, Map<string, FieldId | null>>();
  const fieldOf = (file: JavaFacts, expr: string, enclosingType: string | undefined): FieldId | undefined => {
    // most receivers and arguments are no field's name at all: no resolving, no key made for them
    if (!names.has(expr.slice(expr.lastIndexOf('.') + 1))) return undefined;
    let known = memo.get(file);
    if (!known) memo.set(file, (known = new Map()));
    const key = `${enclosingType}\0${expr}`;
    let id = known.get(key);
    if (id === undefined) known.set(key, (id = resolve(file, expr, enclosingType) ?? null));
    return id ?? undefined;
  };
  return fieldOf;
}

export function buildFieldGraph(project: ProjectFacts, index: ProjectIndex, graph: CallGraph): FieldGraph {
  const fieldOf = fieldResolver(project, index, graph);
  const writes = new Map<FieldId, FieldAccess[]>();
  const reads = new Map<FieldId, FieldAccess[]>();
  const add = (to: Map<FieldId, FieldAccess[]>, access: FieldAccess) => {
    const list = to.get(access.field);
    if (list) list.push(access);
    else to.set(access.field, [access]);
  };
  const readsIn = (
    site: { args: string[]; localArgs?: number[]; enclosingType?: string },
    at: Omit<FieldAccess, 'field' | 'what'>,
  ) => {
    site.args.forEach((a, i) => {
      if (site.localArgs?.includes(i)) return;
      const field = fieldOf(at.file, a, site.enclosingType);
      if (field) add(reads, { ...at, field, what: a.replace(/^this\./, '') });
    });
  };
  for (const file of project.files) {
    if (file.kind !== 'java') continue;
    for (const w of file.writes) {
      const q = graph.typeIn(file, w.enclosingType);
      if (!q || !w.enclosingMethod || w.local) continue;
      const element = ELEMENT.exec(w.target);
      const target = element ? element[1] : w.target;
      const field = fieldOf(file, target, w.enclosingType);
      if (!field) continue;
      const name = target.replace(/^this\./, '');
      const what = element ? `${name}[…] =` : `${name} =`;
      add(writes, { field, method: methodId(q, w.enclosingMethod), file, line: w.line, column: w.column, what });
    }
    for (const c of file.calls) {
      const q = graph.typeIn(file, c.enclosingType);
      if (!q || !c.enclosingMethod) continue;
      const method = methodId(q, c.enclosingMethod);
      const at = { method, file, line: c.line, column: c.column };
      if (c.receiver !== undefined && !c.receiverLocal) {
        const field = fieldOf(file, c.receiver, c.enclosingType);
        const name = c.receiver.replace(/^this\./, '');
        if (field) add(MUTATORS.has(c.name) ? writes : reads, { ...at, field, what: `${name}.${c.name}()` });
      }
      readsIn(c, at);
    }
    for (const n of file.news) {
      const q = graph.typeIn(file, n.enclosingType);
      if (q && n.enclosingMethod)
        readsIn(n, {
          method: methodId(q, n.enclosingMethod),
          file,
          line: n.line,
          column: n.column,
        });
    }
  }
  return { writes, reads, fieldOf };
}
