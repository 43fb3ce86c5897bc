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
  /^(<init>|init\w*|start\w*|setup\w*|configure\w*|load\w*|contextInitialized|afterPropertiesSet|set[A-Z]\w*)$/;
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
    if (!field.isFinal && (mutable || COUNTER.test(simple))) {
      const w = file.writes.find(
        (x) =>
          refersTo(x.target, field) &&
          x.enclosingType === field.owner &&
          !STARTUP.has(x.enclosingMethod ?? '') &&
          !STARTUP_METHOD.test(x.enclosingMethod ?? ''),
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
          ? m.call.enclosingType === field.owner && !STARTUP.has(m.call.enclosingMethod ?? '')
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
