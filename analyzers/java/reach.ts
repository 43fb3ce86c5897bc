import { buildCallGraph, methodId, shortName, type CallGraph, type MethodId } from './call-graph.js';
import { entryPoints, type EntryPoint } from './entry-points.js';
import { buildFieldGraph, type FieldGraph } from './field-graph.js';
import type { ProjectIndex } from './type-index.js';
import type { JavaFacts, ProjectFacts } from '../types.js';

/** Which methods run while serving requests, which only while starting, and how a request reaches them. */
export interface Reach {
  /** The methods from a request-time entry point to this one, entry first; undefined when no entry reaches it. */
  requestPath(id: MethodId): MethodId[] | undefined;
  /**
   * Whether only start-up entry points (static initializers, contextInitialized, singletons' constructors) or lazy
   * set-up reach it: no request-time entry point, and no method that nothing in the project calls (which a framework
   * or reflection may call at any time).
   */
  onlyAtStartup(id: MethodId): boolean;
}

/** The call graph, its entry points and what they reach: built once per assessment, when a rule needs it. */
export interface CodeFlow {
  graph: CallGraph;
  entries: Map<MethodId, EntryPoint>;
  reach: Reach;
  /** The fields and the methods that read and write them: made on first use. */
  fields(): FieldGraph;
}

// Methods that start, restart or stop the application or a part of it: when a request runs one (a setup wizard, an
// admin page starting a module), what it does is start-up work, done once per start on every instance.
const LIFECYCLE =
  /#(init|initialize|startup|start|restart|shutdown|stop|destroy|contextInitialized|contextDestroyed)([A-Z]\w*)?$/;

function visit(graph: CallGraph, roots: MethodId[], seen: Set<MethodId>): void {
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.callees.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
}

function reachability(graph: CallGraph, entries: Map<MethodId, EntryPoint>): Reach {
  const parent = new Map<MethodId, MethodId | null>();
  const startup = new Set<MethodId>();
  const stack = [...entries].filter(([, e]) => e.phase === 'startup').map(([id]) => id);
  const queue: MethodId[] = [];
  for (const [id, e] of entries) {
    if (e.phase !== 'request') continue;
    parent.set(id, null);
    queue.push(id);
  }
  for (let i = 0; i < queue.length; i++) {
    if (LIFECYCLE.test(queue[i]) && entries.get(queue[i])?.phase !== 'request') {
      parent.delete(queue[i]);
      stack.push(queue[i]);
      continue;
    }
    const lazy = graph.lazy.get(queue[i]);
    for (const next of graph.callees.get(queue[i]) ?? []) {
      if (parent.has(next)) continue;
      // what a request runs only when a value is missing (`if (cached == null) load()`) is set-up, done once
      if (lazy?.has(next)) {
        stack.push(next);
        continue;
      }
      parent.set(next, queue[i]);
      queue.push(next);
    }
  }
  visit(graph, stack, startup);
  const called = new Set<MethodId>();
  for (const set of graph.callees.values()) for (const id of set) called.add(id);
  const unknown = new Set<MethodId>();
  visit(
    graph,
    [...graph.callees.keys()].filter((id) => !called.has(id) && !entries.has(id)),
    unknown,
  );
  return {
    requestPath(id) {
      if (!parent.has(id)) return undefined;
      const path: MethodId[] = [];
      for (let at: MethodId | null | undefined = id; at; at = parent.get(at)) path.unshift(at);
      return path;
    },
    onlyAtStartup: (id) => startup.has(id) && !unknown.has(id),
  };
}

export function codeFlow(project: ProjectFacts, index: ProjectIndex): CodeFlow {
  const graph = buildCallGraph(project, index);
  const entries = entryPoints(project, index);
  let fields: FieldGraph | undefined;
  return {
    graph,
    entries,
    reach: reachability(graph, entries),
    fields: () => (fields ??= buildFieldGraph(project, index, graph)),
  };
}

/** A request path as people read it: `CheckoutServlet.doPost → OrderLog.append`. */
export const pathText = (path: MethodId[]): string => path.map(shortName).join(' → ');

/** When code in a method runs: on a request (with the path), only at start-up, or unknown (no entry reaches it). */
export type WhenRun = { request: string } | 'startup' | undefined;

export function whenRun(
  flow: CodeFlow,
  file: JavaFacts,
  type: string | undefined,
  method: string | undefined,
): WhenRun {
  const q = flow.graph.typeIn(file, type);
  return q && method ? whenMethodRuns(flow, methodId(q, method)) : undefined;
}

/** When a method of the graph runs: on a request (with the path), only at start-up, or unknown. */
export function whenMethodRuns(flow: CodeFlow, id: MethodId): WhenRun {
  const path = flow.reach.requestPath(id);
  if (path) return { request: pathText(path) };
  return flow.reach.onlyAtStartup(id) ? 'startup' : undefined;
}
