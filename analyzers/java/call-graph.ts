import { resolveExprType, resolveTypeName, typeHierarchy, type ProjectIndex } from './type-index.js';
import type { ExprType, JavaFacts, ProjectFacts } from '../types.js';

/** A method of the project: `qualified.Type#name` (overloads are one node); `<init>`, `<clinit>`, `<field>` too. */
export type MethodId = string;

export const methodId = (type: string, method: string): MethodId => `${type}#${method}`;

/** `a.b.Outer.Inner#run` → `Inner.run`, for paths shown to people. */
export function shortName(id: MethodId): string {
  const [type, method] = id.split('#');
  return `${type.slice(type.lastIndexOf('.') + 1)}.${method}`;
}

/**
 * The project's calls between its own methods. Built from the facts the workers send, once per assessment; the
 * cost is bounded by the number of call sites times the types a receiver may be (its type and the project's
 * subtypes of it), and a name-only guess is made only for receivers of no known type whose method name at most
 * MAX_GUESSES project types declare.
 */
export interface CallGraph {
  callees: Map<MethodId, Set<MethodId>>;
  /** The edges every call of which is lazy set-up: made inside an `if` that tests a value as missing. */
  lazy: Map<MethodId, Set<MethodId>>;
  /** The qualified name of a type a file declares, by its simple name. */
  typeIn(file: JavaFacts, simple: string | undefined): string | undefined;
  /** The project methods a call may run. */
  targets(file: JavaFacts, site: CallSite): MethodId[];
  /** The targets of the file's call at this index (in `file.calls`), worked out once, when the edges were made. */
  callTargets(file: JavaFacts, i: number): MethodId[];
}

export interface CallSite {
  name: string;
  receiver?: string;
  receiverType?: ExprType;
  enclosingType?: string;
}

const MAX_GUESSES = 3;
const VARIABLE = /^[a-z_$][\w$]*$/;
// Names too common to guess a target from when the receiver's type is unknown.
const COMMON =
  /^(get|set|put|add|remove|contains|size|isEmpty|equals|hashCode|toString|clear|close|run|call|apply|accept|init|destroy|start|stop|execute|process|handle|next|hasNext|length|append|valueOf|compareTo|clone|iterator|keySet|values|entrySet|write|read|flush|print|println|format|parse|update|save|delete|find|load|create|build|open|getName|getId|setName|setId|getValue|setValue)$/;

interface Declarations {
  methods: Map<string, Set<string>>; // qualified type → the names of the methods it declares
  declaring: Map<string, string[]>; // method name → the types declaring it
  subtypes: Map<string, string[]>; // qualified type → its direct project subtypes
}

function listIn(map: Map<string, string[]>, key: string): string[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function declarations(index: ProjectIndex): Declarations {
  const methods = new Map<string, Set<string>>();
  const declaring = new Map<string, string[]>();
  const subtypes = new Map<string, string[]>();
  for (const [q, e] of index.byQualified) {
    const names = new Set(e.decl.methods.map((m) => m.name));
    methods.set(q, names);
    for (const n of names) listIn(declaring, n).push(q);
    for (const s of [e.decl.extends, ...e.decl.implements]) {
      if (!s) continue;
      for (const sq of resolveTypeName(s, e.file, index)) listIn(subtypes, sq).push(q);
    }
  }
  return { methods, declaring, subtypes };
}

function allSubtypes(q: string, d: Declarations): string[] {
  const seen = new Set<string>();
  const queue = [...(d.subtypes.get(q) ?? [])];
  while (queue.length) {
    const t = queue.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    queue.push(...(d.subtypes.get(t) ?? []));
  }
  return [...seen];
}

/** Dispatch answers by type, then by method name (no key string made per call). */
type DispatchMemo = Map<string, Map<string, MethodId[]>>;

/** The declaration a call on `type` runs (the nearest in its hierarchy) and every override in its subtypes. */
function dispatch(type: string, name: string, d: Declarations, index: ProjectIndex, memo: DispatchMemo) {
  let byName = memo.get(type);
  if (!byName) memo.set(type, (byName = new Map()));
  let out = byName.get(name);
  if (out) return out;
  out = [];
  const declaring = typeHierarchy(type, index).find((t) => d.methods.get(t)?.has(name));
  if (declaring) out.push(methodId(declaring, name));
  for (const s of allSubtypes(type, d)) if (d.methods.get(s)?.has(name)) out.push(methodId(s, name));
  byName.set(name, out);
  return out;
}

/** The enclosing types of a nested type, innermost first: `a.Outer.Inner` → `a.Outer`. */
function outerTypes(q: string, index: ProjectIndex): string[] {
  const out: string[] = [];
  for (let i = q.lastIndexOf('.'); i > 0; i = q.lastIndexOf('.', i - 1)) {
    const t = q.slice(0, i);
    if (index.byQualified.has(t)) out.push(t);
  }
  return out;
}

function staticImportTypes(file: JavaFacts, name: string, index: ProjectIndex): string[] {
  const out: string[] = [];
  for (const i of file.imports) {
    if (!i.isStatic) continue;
    const type = i.wildcard ? i.name : i.name.slice(0, i.name.lastIndexOf('.'));
    if ((i.wildcard || i.name.endsWith(`.${name}`)) && index.byQualified.has(type)) out.push(type);
  }
  return out;
}

export function buildCallGraph(project: ProjectFacts, index: ProjectIndex): CallGraph {
  const d = declarations(index);
  const memo: DispatchMemo = new Map();
  const guessesOf = new Map<string, MethodId[]>(); // by method name
  // every call site asks for its enclosing type: a file's types by simple name (the first of a name), made once
  const typesOf = new WeakMap<JavaFacts, Map<string, string>>();
  const typeIn = (file: JavaFacts, simple: string | undefined) => {
    if (simple === undefined) return undefined;
    let byName = typesOf.get(file);
    if (!byName) {
      typesOf.set(file, (byName = new Map()));
      for (const t of file.types) if (!byName.has(t.name)) byName.set(t.name, t.qualifiedName);
    }
    return byName.get(simple);
  };

  const unqualified = (file: JavaFacts, site: CallSite, caller: string | undefined): MethodId[] => {
    if (caller) {
      for (const t of [caller, ...outerTypes(caller, index)]) {
        const found = dispatch(t, site.name, d, index, memo);
        if (found.length) return found;
      }
    }
    return staticImportTypes(file, site.name, index).flatMap((t) => dispatch(t, site.name, d, index, memo));
  };

  const targets = (file: JavaFacts, site: CallSite): MethodId[] => {
    if (!d.declaring.has(site.name)) return []; // a method no project type declares: a library's
    const caller = typeIn(file, site.enclosingType);
    if (site.receiver === undefined || site.receiver === 'this') return unqualified(file, site, caller);
    if (site.receiver === 'super') {
      const supers = caller ? typeHierarchy(caller, index).slice(1) : [];
      const declaring = supers.find((t) => d.methods.get(t)?.has(site.name));
      return declaring ? [methodId(declaring, site.name)] : [];
    }
    const types = resolveExprType(site.receiverType, file, site.enclosingType, index);
    const own = types.filter((t) => index.byQualified.has(t));
    // one type, mostly: its dispatch list as it is (memoized, shared, never changed), with no set made per call
    if (own.length === 1) return dispatch(own[0], site.name, d, index, memo);
    if (own.length) return [...new Set(own.flatMap((t) => dispatch(t, site.name, d, index, memo)))];
    // a receiver of no type the file or the index can tell (a generic element, an array, a chain through a
    // library): a guess by name, when few project types declare the method and the name is not a common one
    const libraryType = typeof site.receiverType === 'string' && types.length > 0;
    const guesses = d.declaring.get(site.name) ?? [];
    if (libraryType || COMMON.test(site.name) || !guesses.length || guesses.length > MAX_GUESSES) return [];
    let guessed = guessesOf.get(site.name);
    if (!guessed) guessesOf.set(site.name, (guessed = guesses.map((t) => methodId(t, site.name))));
    return guessed;
  };

  // the call graph's users (unused code, wrappers, write flow) ask again for the calls the edges came from: each
  // file's answers are kept in the order of its calls (an array per file, no lookup by object)
  const known = new Map<JavaFacts, MethodId[][]>();
  const callTargets = (file: JavaFacts, i: number): MethodId[] => {
    let list = known.get(file);
    if (!list) known.set(file, (list = []));
    return (list[i] ??= targets(file, file.calls[i]));
  };
  return { ...edgesOf(project, index, d, typeIn, targets, callTargets), typeIn, targets, callTargets };
}

/** The edges, and those every call of which is lazy: one lazy call marks an edge until a plain call is seen. */
function edgeSets() {
  const callees = new Map<MethodId, Set<MethodId>>();
  const lazy = new Map<MethodId, Set<MethodId>>();
  // the calls of one method come one after another: its callee set is kept at hand while they do
  let lastFrom: MethodId | undefined;
  let set: Set<MethodId> | undefined;
  const edge = (from: MethodId, to: MethodId, isLazy = false) => {
    if (from !== lastFrom || !set) {
      set = callees.get(from);
      if (!set) callees.set(from, (set = new Set()));
      lastFrom = from;
    }
    if (!isLazy) lazy.get(from)?.delete(to);
    else if (!set.has(to)) {
      let lazySet = lazy.get(from);
      if (!lazySet) lazy.set(from, (lazySet = new Set()));
      lazySet.add(to);
    }
    set.add(to);
  };
  return { callees, lazy, edge };
}

/** The method a fact of the file is in, as a node of the graph; the one of the fact before, mostly. */
function callerIn(f: JavaFacts, typeIn: CallGraph['typeIn']) {
  let lastType: string | undefined;
  let lastMethod: string | undefined;
  let lastCaller: MethodId | undefined;
  return (type: string | undefined, method: string | undefined): MethodId | undefined => {
    if (lastCaller !== undefined && type === lastType && method === lastMethod) return lastCaller;
    const q = typeIn(f, type);
    lastCaller = q && method ? methodId(q, method) : undefined;
    lastType = type;
    lastMethod = method;
    return lastCaller;
  };
}

/** Every call, method reference, object creation and anonymous class of the project as an edge between methods. */
function edgesOf(
  project: ProjectFacts,
  index: ProjectIndex,
  d: Declarations,
  typeIn: CallGraph['typeIn'],
  targets: CallGraph['targets'],
  callTargets: CallGraph['callTargets'],
): Pick<CallGraph, 'callees' | 'lazy'> {
  const { callees, lazy, edge } = edgeSets();
  const ownMethods = (id: MethodId): MethodId[] => {
    const type = id.slice(0, id.indexOf('#'));
    return [type, ...allSubtypes(type, d)].flatMap((t) => [...(d.methods.get(t) ?? [])].map((m) => methodId(t, m)));
  };
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    const from = callerIn(f, typeIn);
    for (const t of f.types) {
      // a constructor runs its super class's constructor
      const supers = t.extends ? resolveTypeName(t.extends, f, index) : [];
      for (const s of supers)
        if (index.byQualified.has(s)) edge(methodId(t.qualifiedName, '<init>'), methodId(s, '<init>'));
    }
    for (let i = 0; i < f.calls.length; i++) {
      const c = f.calls[i];
      const caller = from(c.enclosingType, c.enclosingMethod);
      if (!caller) continue;
      // a value the caller worked out and hands over (`setBaseUrl(url)`) may come from the request: not set-up
      const lazy = c.lazy && !c.args.some((a) => VARIABLE.test(a));
      for (const t of callTargets(f, i)) edge(caller, t, lazy);
      // a thread started runs its run(); `getMethod(name).invoke(this)` may run any method of the object's class
      if (c.name === 'start' && !c.args.length) for (const t of targets(f, { ...c, name: 'run' })) edge(caller, t);
      if (c.name === 'invoke' && c.args[0] === 'this') for (const t of ownMethods(caller)) edge(caller, t);
    }
    for (const r of f.methodRefs) {
      const caller = from(r.enclosingType, r.enclosingMethod);
      if (!caller) continue;
      if (r.name === 'new') {
        for (const q of resolveTypeName(r.receiver, f, index))
          if (index.byQualified.has(q)) edge(caller, `${q}#<init>`);
      } else for (const t of targets(f, r)) edge(caller, t);
    }
    for (const n of f.news) {
      const caller = from(n.enclosingType, n.enclosingMethod);
      if (!caller) continue;
      for (const q of resolveTypeName(n.type, f, index))
        if (index.byQualified.has(q)) edge(caller, methodId(q, '<init>'));
    }
    for (const a of f.anonymousMethods) {
      const q = typeIn(f, a.enclosingType);
      if (q && a.enclosingMethod) edge(methodId(q, a.enclosingMethod), methodId(q, a.name));
    }
  }
  return { callees, lazy };
}
