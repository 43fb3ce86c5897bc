import { rawType } from './syntax.js';
import type { JavaCall, JavaFacts, JavaField, ProjectFacts } from '../types.js';

export interface StaticState {
  field: JavaField;
  file: JavaFacts;
  how: string; // language-neutral, e.g. "login() → ONLINE.put()"
}

const CONTAINER =
  /(Map|List|Set|Collection|Queue|Deque|Vector|Hashtable|Stack|Cache|Properties|Multimap|Table|Buffer)$/;
const COUNTER = /^(int|long|short|double|float|Integer|Long|Short|Double|Float|BigDecimal|BigInteger)$/;
// Methods that run once while the application starts; what they assign is configuration, not state.
const STARTUP_METHOD =
  /^(<init>|init\w*|start\w*|setup\w*|configure\w*|load\w*|register\w*|contextInitialized|afterPropertiesSet|set[A-Z]\w*)$/;
// What fills a registry while the application starts (a constructor may run per request: not one of these).
const STARTUP_FILL =
  /^(init\w*|start\w*|setup\w*|configure\w*|load\w*|register\w*|contextInitialized|afterPropertiesSet)$/;
// Derived data: what a memo cache of these holds is the same on every instance (compiled patterns, formats,
// bundles, reflection), so keeping it per JVM is harmless.
const DERIVED =
  /\b(Pattern|Matcher|(Simple)?DateFormat|DateTimeFormatter|(Decimal|Number|Message)Format|ResourceBundle|Properties|PropertyDescriptor|Method|Field|Constructor|Class|Charset|Permission\w*|Collator|JAXBContext|Template)\b/;
const ATOMIC =
  /^(AtomicInteger|AtomicLong|AtomicBoolean|AtomicReference|LongAdder|DoubleAdder|AtomicIntegerArray|AtomicLongArray)$/;
const MUTATORS = new Set([
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

/** A map or collection whose values (the last type argument) are derived data: `Map<String, Pattern>`. */
function memoOfDerived(type: string): boolean {
  const args = /<(.*)>/.exec(type)?.[1];
  if (!args) return false;
  const last = args.split(',').at(-1)!.trim();
  return DERIVED.test(last);
}

/** The method creates the collection it fills (`if (list == null) { list = new ArrayList(); list.add(..) }`). */
const lazilyBuilt = (file: JavaFacts, field: JavaField, method: string | undefined) =>
  !!method && file.writes.some((w) => refersTo(w.target, field) && w.enclosingMethod === method);

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

/**
 * Static fields that hold state changed at run time: collections and maps mutated outside static
 * initialization, atomic counters, and numeric or collection fields reassigned while serving.
 * Lookup tables filled once in a static block, constants, loggers, lazily created singletons, flags
 * and services wired at start-up are not state.
 */
export function staticState(file: JavaFacts, mutations: MutationIndex): StaticState[] {
  const out: StaticState[] = [];
  for (const field of file.fields) {
    if (!field.isStatic) continue;
    const type = rawType(field.type);
    const simple = type.slice(type.lastIndexOf('.') + 1);
    if (simple === field.owner) continue; // singleton instance
    if (/Log(ger)?$/.test(simple)) continue;
    const mutable = CONTAINER.test(simple) || ATOMIC.test(simple) || field.type.endsWith(']');
    if (CONTAINER.test(simple) && memoOfDerived(field.type)) continue;
    if (!field.isFinal && (mutable || COUNTER.test(simple))) {
      const w = file.writes.find(
        (x) =>
          refersTo(x.target, field) &&
          x.enclosingType === field.owner &&
          !STARTUP.has(x.enclosingMethod ?? '') &&
          !STARTUP_METHOD.test(x.enclosingMethod ?? '') &&
          // a getter creating the collection it returns when it is still null: lazy initialization
          !(CONTAINER.test(simple) && /^get[A-Z]/.test(x.enclosingMethod ?? '')),
      );
      if (w) {
        out.push({ field, file, how: `${w.enclosingMethod}() → ${field.name} =` });
        continue;
      }
    }
    if (!mutable) continue;
    const own = [field.name, `this.${field.name}`, `${field.owner}.${field.name}`]
      .flatMap((r) => mutations.get(r) ?? [])
      .filter((m) =>
        m.file === file
          ? m.call.enclosingType === field.owner &&
            !STARTUP.has(m.call.enclosingMethod ?? '') &&
            !STARTUP_FILL.test(m.call.enclosingMethod ?? '') &&
            !lazilyBuilt(file, field, m.call.enclosingMethod)
          : m.call.receiver === `${field.owner}.${field.name}`,
      );
    const c = own[0];
    let how: string | undefined;
    if (c)
      how = `${c.file === file ? '' : `${c.file.file}: `}${c.call.enclosingMethod}() → ${c.call.receiver}.${c.call.name}()`;
    else if (field.type.endsWith(']')) {
      const w = file.writes.find((x) => x.target.startsWith(`${field.name}[`) && !STARTUP.has(x.enclosingMethod ?? ''));
      if (w) how = `${w.enclosingMethod}() → ${field.name}[…] =`;
    }
    if (how) out.push({ field, file, how });
  }
  return out;
}
