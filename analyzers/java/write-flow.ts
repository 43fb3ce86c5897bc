import { methodId, shortName, type MethodId } from './call-graph.js';
import { callsByName, callsNamed } from './calls-by-name.js';
import { configRead, pathHeads } from './path-heads.js';
import { MethodTexts, origins, simpleType, sourcesOf, type MethodValues } from './method-values.js';
import { settingKeys } from './write-settings.js';
import type { CodeFlow } from './reach.js';
import type { JavaCall, JavaFacts, JavaNew, ProjectFacts } from '../types.js';

/** A file write, with the expressions naming where it goes and what it writes (the path, the upload). */
export interface WriteSite {
  site: JavaCall | JavaNew;
  targets: string[];
  what: string; // `new FileOutputStream`, `ImageIO.write`: the end of a chain as people read it
}

/** A call of a project method whose parameter decides where a file is written: the place that hands it the path. */
export interface HelperCall {
  call: JavaCall;
  arg: string; // the argument that decides where the write goes
  chain: string; // `Tool.addFile → new FileOutputStream`
  sources: string[]; // the argument and what the method assigns to the variables it is worked out from
  toGeneric: boolean; // the write is a generic helper's, reported only at the calls that supply its path
}

/** An assignment of a field that decides where the writes of its class go: `this.dir = base + "/media"`. */
export interface FieldSupply {
  line: number;
  column: number;
  enclosingType: string;
  field: string;
  chain: string; // `Search.indexDir → new NIOFSDirectory`
}

/** A parameter of a method (an overload, told by its parameter types) that decides where a write goes. */
interface FlowingParam {
  types: string[]; // the overload's parameter types, simple names
  index: number;
  chain: string;
  base: MethodId; // the method that writes
}

// Chains longer than this (helpers of helpers) are not followed: each level is one pass over the call sites.
const MAX_LEVELS = 6;

// Types that carry an upload, and the parameter types that name a file or carry an upload; other values (a context,
// an entity) are not followed.
const UPLOAD_TYPES = new Set(['MultipartFile', 'FormFile', 'FileItem', 'Part']);
const PATH_TYPES = new Set(['String', 'File', 'Path', '', ...UPLOAD_TYPES]);

const GETTER_COPY = /^[\w$]+(\(\s*\))?(\.[\w$]+(\(\s*\))?)*\.(get|is)[A-Z][\w$]*\(\s*\)$/;

const sameMethod = (a: JavaCall, b: JavaCall) =>
  a.enclosingType === b.enclosingType && a.enclosingMethod === b.enclosingMethod;

function addFlowing(into: Map<MethodId, FlowingParam[]>, id: MethodId, p: FlowingParam): boolean {
  const list = into.get(id) ?? [];
  if (list.some((x) => x.index === p.index && x.types.join() === p.types.join())) return false;
  list.push(p);
  into.set(id, list);
  return true;
}

/** Whether a call's arguments fit an overload: the same number, and no argument of a known other simple type. */
function fits(call: JavaCall, types: string[]): boolean {
  if (call.args.length !== types.length) return false;
  return call.argTypes.every((t, i) => typeof t !== 'string' || !types[i] || simpleType(t) === types[i]);
}

/**
 * The method around `line` and those of its parameters of a path type that the expressions take their folder from (a
 * value read from another parameter, `request.getRealPath(...)`, is made here: the method supplies it).
 */
function flowingParams(f: JavaFacts, line: number, exprs: string[], texts: MethodTexts) {
  const m = texts.at(f, line);
  if (!m) return { m, params: [] as number[] };
  const names = new Set(exprs.flatMap((e) => [...origins(e, m)]));
  return { m, params: m.decl.params.flatMap((p, i) => (names.has(p) && PATH_TYPES.has(m.types[i]) ? [i] : [])) };
}

function isEntry(f: JavaFacts, call: JavaCall, m: MethodValues | undefined, flow: CodeFlow): boolean {
  const q = flow.graph.typeIn(f, call.enclosingType);
  return !!q && !!m && flow.entries.has(methodId(q, m.decl.name));
}

function summarize(
  f: JavaFacts,
  type: string | undefined,
  found: { m?: MethodValues; params: number[] },
  chain: string,
  flow: CodeFlow,
  flowing: Map<MethodId, FlowingParam[]>,
  base?: MethodId,
): boolean {
  const q = flow.graph.typeIn(f, type);
  if (!q || !found.m) return false;
  const id = methodId(q, found.m.decl.name);
  let grew = false;
  for (const index of found.params) {
    const p = { types: found.m.types, index, chain: `${shortName(id)} → ${chain}`, base: base ?? id };
    grew = addFlowing(flowing, id, p) || grew;
  }
  return grew;
}

/**
 * The lines where a value held in a field is worked out: following the variables of the method that assigns the field
 * back to the assignments made from no other variable of it (`defaultFile = new File(root + "/WEB-INF/users.xml")`),
 * else the assignment of the field itself. None when the value is a parameter naming a path: the caller decides.
 */
function originLines(expr: string, line: number, m: MethodValues | undefined, seen = new Set<string>()): number[] {
  if (!m) return [line];
  // a configuration value: decided where its key is set, or by its fallback
  const read = configRead(expr);
  if (read) return read.fallback ? originLines(read.fallback, line, m, seen) : [];
  // a copy of what another object holds (`engine.getWorkDir()`): worked out where that object gets it
  if (GETTER_COPY.test(expr.trim())) return [];
  const heads = pathHeads(expr);
  if (heads.some((h) => m.decl.params.includes(h) && PATH_TYPES.has(m.types[m.decl.params.indexOf(h)]))) return [];
  const locals = heads.filter((h) => m.assigned.has(h) && !seen.has(h));
  // a bare name assigned nowhere around (a constructor's parameter, another field): worked out elsewhere
  if (!locals.length) return /^[\w$]+$/.test(expr.trim()) ? [] : [line];
  for (const h of locals) seen.add(h);
  return locals.flatMap((h) => m.assigned.get(h)!.flatMap((a) => originLines(a.rhs, a.line, m, seen)));
}

/**
 * The places where the fields a class takes its write paths from get their value worked out (not a parameter naming a
 * path: a setter or an injected value is decided by whoever passes it), by file.
 */
function fieldSupplies(
  writes: Map<JavaFacts, WriteSite[]>,
  texts: MethodTexts,
  see: (f: JavaFacts, exprs: string[]) => void,
): Map<string, FieldSupply[]> {
  const out = new Map<string, FieldSupply[]>();
  for (const [f, sites] of writes) {
    if (f.page) continue;
    const found = new Map<string, { type: string; what: string }>();
    for (const w of sites) {
      const m = texts.at(f, w.site.line);
      const type = w.site.enclosingType;
      if (!m || !type) continue;
      const names = new Set(w.targets.flatMap((t) => [...origins(t, m)]));
      for (const x of f.fields)
        if (x.owner === type && names.has(x.name) && !m.decl.params.includes(x.name) && !found.has(x.name))
          found.set(x.name, { type, what: w.what });
    }
    const text = texts.lines(f);
    for (const [field, { type, what }] of found) {
      const assigned = new RegExp(`(^|[^\\w$.]|\\bthis\\.)${field.replace(/\$/g, '\\$')}\\s*=(?!=)\\s*([^;]*)`);
      const at = new Set<number>();
      text.forEach((l, i) => {
        const a = assigned.exec(l);
        const m = texts.at(f, i + 1);
        const rhs = a?.[2].trim() ?? '';
        // a literal, or a name the code around does not assign (a constructor's parameter): nothing worked out here
        if (!a || /^(null|"[^"]*")?$/.test(rhs) || (/^[\w$]+$/.test(rhs) && !m?.assigned.has(rhs))) return;
        see(f, sourcesOf(a[2], m));
        for (const line of originLines(a[2], i + 1, m)) at.add(line);
      });
      for (const line of at) {
        const column = (text[line - 1].search(/\S/) ?? 0) + 1;
        const supply = { line, column, enclosingType: type, field, chain: `${type}.${field} → ${what}` };
        out.set(f.file, [...(out.get(f.file) ?? []), supply]);
      }
    }
  }
  return out;
}

/** Whether a method handles an upload: one of its parameters, or a field of its class, holds one. */
function handlesUpload(f: JavaFacts, type: string | undefined, m: MethodValues): boolean {
  return (
    m.types.some((t) => UPLOAD_TYPES.has(t)) ||
    f.fields.some((x) => x.owner === type && UPLOAD_TYPES.has(simpleType(x.type)))
  );
}

/** The calls supplying the paths, by file, and the writes of generic helpers (every caller supplies the path). */
export interface WriteFlow {
  calls: Map<string, HelperCall[]>;
  fields: Map<string, FieldSupply[]>;
  genericWrites: Set<JavaCall | JavaNew>;
  settings: () => Set<string>; // configuration keys whose values name the folders of the writes (worked out once)
}

/**
 * How the calls of each base helper hand it the path: from their own values (supplied) or passing on one they were
 * given; and whether a call comes from the helper's own class.
 */
class CallerKinds {
  private supplied = new Set<MethodId>();
  private notGeneric = new Set<MethodId>();
  add(ids: MethodId[], passedOn: boolean, callerType: string | undefined) {
    for (const id of ids) {
      if (passedOn || callerType === id.slice(0, id.indexOf('#'))) this.notGeneric.add(id);
      else this.supplied.add(id);
    }
  }
  /**
   * A shared helper of another class that only ever gets its path from its callers' own values: they are the places,
   * not its write. A helper of the caller's own class is part of that class's work, reported at its write.
   */
  generic = (id: MethodId) => this.supplied.has(id) && !this.notGeneric.has(id);
}

/**
 * The first summaries (the parameters of the methods that write which decide where), and the writes of the methods
 * whose path is a parameter (not of an upload handler): a generic helper's, when every caller supplies the path.
 */
function summarizeWrites(
  writes: Map<JavaFacts, WriteSite[]>,
  texts: MethodTexts,
  flow: CodeFlow,
  flowing: Map<MethodId, FlowingParam[]>,
): Map<MethodId, (JavaCall | JavaNew)[]> {
  const baseWrites = new Map<MethodId, (JavaCall | JavaNew)[]>();
  for (const [f, sites] of writes)
    for (const w of sites) {
      if (f.page) continue;
      const found = flowingParams(f, w.site.line, w.targets, texts);
      const q = flow.graph.typeIn(f, w.site.enclosingType);
      summarize(f, w.site.enclosingType, found, w.what, flow, flowing);
      if (!q || !found.m || !found.params.length || handlesUpload(f, w.site.enclosingType, found.m)) continue;
      const id = methodId(q, found.m.decl.name);
      baseWrites.set(id, [...(baseWrites.get(id) ?? []), w.site]);
    }
  return baseWrites;
}

/**
 * The calls of the project's methods whose path parameter decides where a file is written (or which upload is
 * saved), through any number of such methods (bounded by MAX_LEVELS), by file. Only the calls that supply the path
 * are returned: one that passes on a parameter of its own makes its method a helper too, and its callers are the
 * places. A summary per method says which of its parameters flow into a write; each level is one pass over the call
 * sites whose name a summarised method has, and each method's text is read once: the call sites times the levels.
 */
export function writeFlow(
  project: ProjectFacts,
  flow: CodeFlow,
  texts: MethodTexts,
  writes: Map<JavaFacts, WriteSite[]>,
): WriteFlow {
  const flowing = new Map<MethodId, FlowingParam[]>();
  const baseWrites = summarizeWrites(writes, texts, flow, flowing);
  // what the paths of the writes are worked out from, to find the configuration keys naming their folders
  const sources = new Map<JavaFacts, string[]>();
  const see = (f: JavaFacts, exprs: string[]) => sources.set(f, [...(sources.get(f) ?? []), ...exprs]);
  for (const [f, list] of writes)
    for (const w of list)
      see(
        f,
        w.targets.flatMap((t) => sourcesOf(t, texts.at(f, w.site.line))),
      );
  const fields = fieldSupplies(writes, texts, see);
  const kinds = new CallerKinds();
  const sites = new Map<string, (Omit<HelperCall, 'toGeneric'> & { base: MethodId })[]>();
  const seen = new Set<JavaCall>();
  const byName = callsByName(project);
  for (let level = 0, grew = flowing.size > 0; grew && level < MAX_LEVELS; level++) {
    grew = false;
    const names = new Set([...flowing.keys()].map((id) => id.slice(id.indexOf('#') + 1)));
    for (const { f, call, i } of callsNamed(byName, names)) {
      if (seen.has(call)) continue;
      const ps = flow.graph
        .callTargets(f, i)
        .flatMap((t) => flowing.get(t) ?? [])
        .filter((x) => fits(call, x.types));
      if (!ps.length) continue;
      seen.add(call);
      const args = ps.map((p) => call.args[p.index]);
      const found = flowingParams(f, call.line, args, texts);
      // a parameter of a method the container or a framework calls comes with the request: this call supplies it
      const passedOn = found.params.length > 0 && !isEntry(f, call, found.m, flow);
      kinds.add(flow.graph.callTargets(f, i), passedOn, flow.graph.typeIn(f, call.enclosingType));
      if (passedOn) {
        if (!f.page) grew = summarize(f, call.enclosingType, found, ps[0].chain, flow, flowing, ps[0].base) || grew;
        continue;
      }
      const site = { call, arg: args[0], chain: ps[0].chain, sources: sourcesOf(args[0], found.m), base: ps[0].base };
      const inFile = sites.get(f.file) ?? [];
      // the same path handed to helpers twice in a method (save the upload, then its thumbnail): the first says it
      if (inFile.some((x) => sameMethod(x.call, call) && x.arg === site.arg)) continue;
      sites.set(f.file, [...inFile, site]);
      see(f, site.sources);
    }
  }
  const genericWrites = new Set([...baseWrites].filter(([id]) => kinds.generic(id)).flatMap(([, w]) => w));
  const calls = new Map(
    [...sites].map(([file, list]) => [
      file,
      list.map(({ base, ...h }) => ({ ...h, toGeneric: kinds.generic(base) && baseWrites.has(base) })),
    ]),
  );
  let settings: Set<string> | undefined;
  return { calls, fields, genericWrites, settings: () => (settings ??= settingKeys(project, sources)) };
}
