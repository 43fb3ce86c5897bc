import { rawType } from './syntax.js';
import type { WhenRun } from './reach.js';
import type { JavaCall, JavaFacts, JavaField, JavaWrite, ProjectFacts } from '../types.js';

export interface StaticState {
  field: JavaField;
  file: JavaFacts;
  how: string; // language-neutral, e.g. "login() → ONLINE.put()"
}

export const CONTAINER =
  /(Map|List|Set|Collection|Queue|Deque|Vector|Hashtable|Stack|Cache|Properties|Multimap|Table|Buffer)$/;
const COUNTER = /^(int|long|short|double|float|Integer|Long|Short|Double|Float|BigDecimal|BigInteger)$/;
// A flag or a setting (`static boolean locked`, `static String siteUrl`): state when a request is what sets it.
const SETTING = /^(boolean|Boolean|String|Date)$/;
// Methods that run once while the application starts; what they assign is configuration, not state.
const STARTUP_METHOD =
  /^(<init>|init\w*|start\w*|setup\w*|configure\w*|load\w*|register\w*|contextInitialized|afterPropertiesSet|set[A-Z]\w*)$/;
// What fills a registry while the application starts, listeners and watched files included (a constructor may run
// per request: not one of these).
export const STARTUP_FILL =
  /^(init\w*|start\w*|setup\w*|configure\w*|load\w*|(un)?register\w*|(add|remove)\w*Listener|watch(File|Dir|Path|ForChanges)\w*|stop\w*|shutdown\w*|destroy\w*|contextInitialized|contextDestroyed|afterPropertiesSet)$/;
// Derived data: what a memo cache of these holds is the same on every instance (compiled patterns, formats,
// bundles, reflection), so keeping it per JVM is harmless; futures are loads running now in this JVM.
const DERIVED =
  /\b(Future|CompletableFuture|FutureTask|Pattern|Matcher|(Simple)?DateFormat|DateTimeFormatter|(Decimal|Number|Message)Format|ResourceBundle|Properties|PropertyDescriptor|Method|Field|Constructor|Class|Charset|Permission\w*|Collator|JAXBContext|Template|\w*Messages|\w*Bundle)\b/;
export const ATOMIC =
  /^(AtomicInteger|AtomicLong|AtomicBoolean|AtomicReference|LongAdder|DoubleAdder|AtomicIntegerArray|AtomicLongArray)$/;
export const MUTATORS = new Set([
  'put',
  'putAll',
  'putIfAbsent',
  'add',
  'addAll',
  'addElement',
  'addFirst',
  'addLast',
  'remove',
  'removeAll',
  'removeIf',
  'retainAll',
  'clear',
  'set',
  'offer',
  'push',
  'poll',
  'pop',
  'compute',
  'computeIfAbsent',
  'computeIfPresent',
  'merge',
  'replace',
  'replaceAll',
  'setProperty',
  'insertElementAt',
  'removeElement',
  'element',
  'incrementAndGet',
  'getAndIncrement',
  'decrementAndGet',
  'getAndDecrement',
  'addAndGet',
  'getAndAdd',
  'getAndSet',
  'compareAndSet',
  'increment',
  'decrement',
  'lazySet',
  'accumulateAndGet',
  'updateAndGet',
]);
// Writes in these places run once at start-up, not per request.
const STARTUP = new Set(['<clinit>', '<field>']);

const refersTo = (expr: string | undefined, f: JavaField) =>
  expr === f.name || expr === `this.${f.name}` || expr === `${f.owner}.${f.name}`;

// A file's writes and mutating calls by the last name of their target (`hits`, `this.hits`, `Counter.hits` under
// `hits`), made once per file: a file with many static fields is not scanned again for each of them.
const writesByName = new WeakMap<JavaFacts, Map<string, JavaWrite[]>>();
const mutatingByName = new WeakMap<JavaFacts, Map<string, JavaCall[]>>();

function byLastName<T>(items: T[], name: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const n = name(x);
    if (n === undefined) continue;
    const key = n.slice(n.lastIndexOf('.') + 1);
    const list = out.get(key);
    if (list) list.push(x);
    else out.set(key, [x]);
  }
  return out;
}

/** The writes of a field in a file. */
function writesOf(file: JavaFacts, field: JavaField): JavaWrite[] {
  let index = writesByName.get(file);
  if (!index) writesByName.set(file, (index = byLastName(file.writes, (w) => w.target)));
  return (index.get(field.name) ?? []).filter((w) => refersTo(w.target, field));
}

/** The calls of mutating methods on a field in a file. */
function mutatingCallsOf(file: JavaFacts, field: JavaField): JavaCall[] {
  let index = mutatingByName.get(file);
  if (!index)
    mutatingByName.set(
      file,
      (index = byLastName(
        file.calls.filter((c) => MUTATORS.has(c.name)),
        (c) => c.receiver,
      )),
    );
  return (index.get(field.name) ?? []).filter((c) => refersTo(c.receiver, field));
}

/** A map or collection whose values (the last type argument) are derived data: `Map<String, Pattern>`. */
export function memoOfDerived(type: string): boolean {
  const args = /<(.*)>/.exec(type)?.[1];
  if (!args) return false;
  const last = args.split(',').at(-1)!.trim();
  return DERIVED.test(last);
}

/**
 * A memo the app can always make again: a WeakHashMap keyed by objects (an entry lives as long as its key object
 * does) or a map of weak or soft references (entries vanish at any collection).
 */
export function heldWeakly(field: JavaField): boolean {
  const made = `${field.type} ${field.initializer ?? ''}`;
  if (/\b(Weak|Soft)Reference\b/.test(made)) return true;
  if (!/\bWeakHashMap\b/.test(made)) return false;
  const key = /<\s*([\w.]+)/.exec(made)?.[1];
  return !!key && !/^(?:java\.lang\.)?String$/.test(key);
}

/**
 * A registry of objects made from their key (`BUILDERS.put(engine, new Builder(engine))`, with the `new` anywhere in
 * the method): one helper per component, the same on every instance.
 */
export function madeFromKey(file: JavaFacts, call: JavaCall): boolean {
  if (!/^put(IfAbsent)?$/.test(call.name) || call.args.length !== 2) return false;
  const [key, value] = call.args;
  if (!/^[\w$]+$/.test(key) || !/^([\w$]+|new\b.*)$/s.test(value)) return false;
  // the value is the object made from the key: `new` in the call, or assigned to the value's name by the `new`
  const madeHere = (n: JavaFacts['news'][number]) =>
    value.startsWith('new')
      ? n.line === call.line
      : file.writes.some((w) => w.target === value && w.line === n.line && w.enclosingMethod === call.enclosingMethod);
  return file.news.some(
    (n) =>
      n.enclosingMethod === call.enclosingMethod &&
      n.enclosingType === call.enclosingType &&
      n.args.includes(key) &&
      madeHere(n),
  );
}

/** A flag a method sets and clears again (`working = true; try { ... } finally { working = false; }`). */
const busyGuard = (c: Candidate, field: JavaField) =>
  /^(boolean|Boolean)$/.test(field.type) &&
  writesOf(c.file, field).filter((w) => w.enclosingMethod === c.method && w.enclosingType === c.type).length > 1;

/** The method creates the collection it fills (`if (list == null) { list = new ArrayList(); list.add(..) }`). */
const lazilyBuilt = (file: JavaFacts, field: JavaField, method: string | undefined) =>
  !!method && writesOf(file, field).some((w) => w.enclosingMethod === method);

/** The method also fills the collection it assigns (`list = new ArrayList(); list.add(..)`). */
const mutatedIn = (file: JavaFacts, field: JavaField, method: string | undefined) =>
  !!method && mutatingCallsOf(file, field).some((c) => c.enclosingMethod === method);

export type MutationIndex = Map<string, { call: JavaCall; file: JavaFacts }[]>;

/** Calls of mutating methods, by receiver text: built once per project. */
export function mutationIndex(project: ProjectFacts): MutationIndex {
  const index: MutationIndex = new Map();
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const call of f.calls) {
      if (!call.receiver || !MUTATORS.has(call.name)) continue;
      const list = index.get(call.receiver) ?? [];
      list.push({ call, file: f });
      index.set(call.receiver, list);
    }
  }
  return index;
}

/** When the code in a type's method runs (reach.ts `whenRun`, bound to the project's code flow). */
export type WhenRunIn = (file: JavaFacts, type: string | undefined, method: string | undefined) => WhenRun;

interface Candidate {
  file: JavaFacts;
  type?: string;
  method?: string;
  what: string; // `ONLINE.put()`, `hits =`
  local: boolean; // in the declaring type's own code, whose start-up methods the names tell
  lazy?: boolean; // inside `if (X == null)` or `if (!X)`, X a static field of the type: set up on first use
}

/**
 * Whether the write is lazy set-up: inside `if (X == null)` where X is a static field of the type (`if (rand == null)
 * { rand = ...; letters = ...; }`), or inside `if (!F)` where F is the field written (`if (!ready) { ready = true; }`).
 */
function testsStaticOf(file: JavaFacts, field: JavaField, names: string[] | undefined): boolean {
  const owner = field.owner;
  return !!names?.some((n) => {
    if (n.startsWith('!')) return n.slice(1) === field.name || n.slice(1) === `${owner}.${field.name}`;
    const name = n.startsWith(`${owner}.`) ? n.slice(owner.length + 1) : n;
    return file.fields.some((f) => f.isStatic && f.owner === owner && f.name === name);
  });
}

/** The writes and mutating calls of a static field, in its own type and (qualified) anywhere else. */
function candidates(file: JavaFacts, field: JavaField, mutations: MutationIndex): Candidate[] {
  const out: Candidate[] = [];
  for (const w of writesOf(file, field))
    if (w.enclosingType === field.owner)
      out.push({
        file,
        type: w.enclosingType,
        method: w.enclosingMethod,
        what: `${field.name} =`,
        local: true,
        lazy: testsStaticOf(file, field, w.unsetTested),
      });
  const qualified = `${field.owner}.${field.name}`;
  const candidate = (f: JavaFacts, call: JavaCall, local: boolean): Candidate => ({
    file: f,
    type: call.enclosingType,
    method: call.enclosingMethod,
    what: `${call.receiver}.${call.name}()`,
    local,
  });
  // by its bare name the field is changed only in its own type's code (a field of the same name in another file is
  // another field: many classes have a `cache` or a `COUNTS`); qualified, anywhere
  const inFile = mutatingCallsOf(file, field);
  for (const receiver of [field.name, `this.${field.name}`])
    for (const call of inFile)
      if (call.receiver === receiver && call.enclosingType === field.owner && !madeFromKey(file, call))
        out.push(candidate(file, call, true));
  for (const m of mutations.get(qualified) ?? [])
    if (!madeFromKey(m.file, m.call))
      out.push(candidate(m.file, m.call, m.file === file && m.call.enclosingType === field.owner));
  return out;
}

/**
 * Static fields that hold state changed at run time. Where the project's code flow tells, a write counts when a
 * request-time entry point reaches it (the how names the path) and never when only start-up code does; elsewhere
 * the method names tell: collections and maps mutated outside static initialization, atomic counters, numeric or
 * collection fields reassigned while serving. Lookup tables filled once in a static block, constants, loggers,
 * lazily created singletons, flags and services wired at start-up are not state.
 */
export function staticState(
  file: JavaFacts,
  mutations: MutationIndex,
  whenRunIn: WhenRunIn,
  namesDecide: boolean,
): StaticState[] {
  const out: StaticState[] = [];
  for (const field of file.fields) {
    if (!field.isStatic) continue;
    const type = rawType(field.type);
    const simple = type.slice(type.lastIndexOf('.') + 1);
    if (simple === field.owner) continue; // singleton instance
    if (/Log(ger)?$/.test(simple)) continue;
    const container = CONTAINER.test(simple);
    const mutable = container || ATOMIC.test(simple) || field.type.endsWith(']');
    if (container && (memoOfDerived(field.type) || heldWeakly(field))) continue;
    if (field.type.endsWith(']') && DERIVED.test(simple)) continue;
    const assignable = !field.isFinal && (mutable || COUNTER.test(simple));
    const setting = !field.isFinal && SETTING.test(simple);
    const how = changeAtRunTime(file, field, candidates(file, field, mutations), whenRunIn, {
      mutable,
      assignable,
      setting,
      namesDecide,
    });
    if (how) out.push({ field, file, how });
  }
  return out;
}

function changeAtRunTime(
  file: JavaFacts,
  field: JavaField,
  all: Candidate[],
  whenRunIn: WhenRunIn,
  kind: { mutable: boolean; assignable: boolean; setting: boolean; namesDecide: boolean },
): string | undefined {
  const container = CONTAINER.test(rawType(field.type).replace(/^.*\./, ''));
  let byName: string | undefined;
  for (const c of all) {
    const assignment = c.what.endsWith(' =');
    if (assignment ? !(kind.assignable || kind.setting) : !kind.mutable) continue;
    if (c.lazy) continue; // `if (TABLE == null) TABLE = ...`, `if (!ready) ...`: set up once, the same everywhere
    // a getter or a method creating the collection it fills when it is still null: lazy initialization
    if (assignment ? container && /^get[A-Z]/.test(c.method ?? '') : c.local && lazilyBuilt(file, field, c.method))
      continue;
    if (assignment && container && mutatedIn(file, field, c.method)) continue; // built on first use
    const when = whenRunIn(c.file, c.type, c.method);
    if (when === 'startup') continue;
    // set up on first use, even when a request is what triggers it: the same on every instance
    if (when && (STARTUP_FILL.test(c.method ?? '') || (assignment && c.method === '<init>'))) continue;
    const where = c.file === file ? '' : `${c.file.file}: `;
    if (assignment && kind.setting && busyGuard(c, field)) continue;
    if (when) return `${where}${when.request} → ${c.what}`;
    if (assignment && !kind.assignable) continue; // a flag or a setting counts only when a request sets it
    const startup =
      STARTUP.has(c.method ?? '') || (c.local && (assignment ? STARTUP_METHOD : STARTUP_FILL).test(c.method ?? ''));
    byName ??= startup ? undefined : `${where}${c.method}() → ${c.what}`;
  }
  if (byName && kind.namesDecide) return byName;
  if (!field.type.endsWith(']')) return undefined;
  let unknown: string | undefined;
  for (const w of file.writes) {
    if (!w.target.startsWith(`${field.name}[`) || STARTUP.has(w.enclosingMethod ?? '')) continue;
    const when = whenRunIn(file, w.enclosingType, w.enclosingMethod);
    if (when && when !== 'startup') return `${when.request} → ${field.name}[…] =`;
    if (!when) unknown ??= `${w.enclosingMethod}() → ${field.name}[…] =`;
  }
  return kind.namesDecide ? unknown : undefined;
}
