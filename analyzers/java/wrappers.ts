import { methodId, shortName, type MethodId } from './call-graph.js';
import { callsByName, callsNamed } from './calls-by-name.js';
import type { CodeFlow } from './reach.js';
import type { ProjectIndex } from './type-index.js';
import type { JavaCall, JavaFacts, ProjectFacts } from '../types.js';

/**
 * A project method that passes its own parameter on as the first argument (the attribute name, the path, the cache key;
 * as it is or inside an expression: `PREFIX + name`, `keyOf(name)`) of a call
 * a rule looks for, directly or through other such methods: `Sessions.put(name, value)` ending in
 * `session.setAttribute(name, value)`. Its call sites are places of the same finding.
 */
export interface Wrapper {
  id: MethodId;
  args: number[]; // for each argument of the call looked for, the index of the parameter passed to it, or -1
  chain: string; // `Sessions.put → HttpSession.setAttribute`
}

/** A call that reaches a call the rule looks for, with the arguments that end up in it. */
export interface WrappedCall {
  call: JavaCall;
  args: (string | undefined)[]; // the arguments of the call looked for, as this call site passes them
  argTypes: JavaCall['argTypes'];
  chain: string;
}

const MAX_LEVELS = 8; // wrappers of wrappers: deeper chains than this are not followed

function paramsOf(index: ProjectIndex, type: string | undefined, method: string | undefined): string[][] {
  if (!type || !method) return [];
  return (
    index.byQualified
      .get(type)
      ?.decl.methods.filter((m) => m.name === method)
      .map((m) => m.params) ?? []
  );
}

// the names an expression reads: not the words of its string and char literals, nor members after a dot (`req.id`)
const identifiers = (expr: string) =>
  new Set(
    expr
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
      .replace(/\.\s*[A-Za-z_$][\w$]*/g, ' ')
      .match(/[A-Za-z_$][\w$]*/g) ?? [],
  );

/** The parameter an argument passes on: itself (`name`) or inside an expression of it (`getKey(name)`, `P + name`). */
function paramIn(arg: string | undefined, params: string[]): number {
  if (arg === undefined) return -1;
  const exact = params.indexOf(arg);
  if (exact >= 0) return exact;
  const ids = identifiers(arg);
  return params.findIndex((p) => ids.has(p));
}

/** How a call's arguments map to the parameters of the method it is in, when its first argument is one of them. */
function passedParams(call: JavaCall, argIndexes: number[], params: string[][]): number[] | undefined {
  const list = params.find((p) => paramIn(call.args[argIndexes[0]], p) >= 0);
  if (!list) return undefined;
  return argIndexes.map((i, n) => (i < 0 ? -1 : n === 0 ? paramIn(call.args[i], list) : list.indexOf(call.args[i])));
}

/** Where the calls a rule looks for are made through the project's wrappers. */
export interface WrappedSites {
  sites: Map<string, WrappedCall[]>; // every call site of a wrapper, by file
  called: Set<MethodId>; // the wrappers that have call sites: their own calls are reported at those sites
}

/** Whether the call's first argument is (or is made of) a parameter of the method it is in: what makes a wrapper. */
export function passesParameter(index: ProjectIndex, type: string, call: JavaCall): boolean {
  return passedParams(call, [0], paramsOf(index, type, call.enclosingMethod)) !== undefined;
}

/**
 * The wrappers of the calls `isBase` accepts, to a fixpoint through any number of levels (bounded by MAX_LEVELS),
 * and every call site of a wrapper, by file. `isBase` accepts only calls of `baseNames`.
 */
export function wrappedCalls(
  project: ProjectFacts,
  index: ProjectIndex,
  flow: CodeFlow,
  baseNames: string[],
  isBase: (f: JavaFacts, call: JavaCall) => string | undefined, // the called method's name as people read it
): WrappedSites {
  const wrappers = new Map<MethodId, Wrapper>();
  const called = new Set<MethodId>();
  const byName = callsByName(project);
  const addWrapper = (f: JavaFacts, call: JavaCall, args: number[], chain: string) => {
    const type = flow.graph.typeIn(f, call.enclosingType);
    const mapped = passedParams(call, args, paramsOf(index, type, call.enclosingMethod));
    if (!type || !mapped) return false;
    const id = methodId(type, call.enclosingMethod!);
    if (wrappers.has(id)) return false;
    wrappers.set(id, { id, args: mapped, chain: `${shortName(id)} → ${chain}` });
    return true;
  };
  for (const { f, call } of callsNamed(byName, new Set(baseNames))) {
    if (f.page) continue;
    const base = isBase(f, call);
    if (base)
      addWrapper(
        f,
        call,
        call.args.map((_, i) => i),
        base,
      );
  }
  const sites = new Map<string, WrappedCall[]>();
  const seenSite = new Set<JavaCall>();
  for (let level = 0, grew = wrappers.size > 0; grew && level < MAX_LEVELS; level++) {
    grew = false;
    const names = new Set([...wrappers.keys()].map((id) => id.slice(id.indexOf('#') + 1)));
    for (const { f, call, i } of callsNamed(byName, names)) {
      if (seenSite.has(call)) continue;
      const w = flow.graph
        .callTargets(f, i)
        .map((t) => wrappers.get(t))
        .find((x) => !!x);
      if (!w) continue;
      seenSite.add(call);
      called.add(w.id);
      const args = w.args.map((p) => (p >= 0 ? call.args[p] : undefined));
      const argTypes = w.args.map((p) => (p >= 0 ? call.argTypes[p] : undefined));
      const list = sites.get(f.file) ?? [];
      list.push({ call, args, argTypes, chain: w.chain });
      sites.set(f.file, list);
      if (!f.page && addWrapper(f, call, w.args, w.chain)) grew = true;
    }
  }
  return { sites, called };
}
