import { methodId, type MethodId } from './call-graph.js';
import type { CodeFlow } from './reach.js';
import { resolveExprType, resolveTypeName, type ProjectIndex } from './type-index.js';
import type { ProjectFacts } from '../types.js';

// Annotations that say nothing about who calls a method.
const PLAIN_ANNOTATIONS = new Set(['Override', 'Deprecated', 'SuppressWarnings', 'SafeVarargs', 'FunctionalInterface']);
// Super types with no methods a library calls.
const MARKERS = new Set(['java.lang.Object', 'java.io.Serializable', 'java.lang.Cloneable']);
const QUALIFIED = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+/g;

/** Qualified names written in the configuration files: classes a framework or the app loads by name. */
function namesInConfig(project: ProjectFacts): Set<string> {
  const out = new Set<string>();
  const add = (text: string) => {
    for (const m of text.match(QUALIFIED) ?? []) out.add(m);
  };
  for (const f of project.files) {
    if (f.kind === 'xml')
      for (const e of f.elements) {
        add(e.text);
        for (const v of Object.values(e.attributes)) add(v);
      }
    else if (f.kind === 'properties') for (const e of f.entries) add(e.value);
  }
  return out;
}

/**
 * The folders of the reactor's library modules (a JAR among several modules the app deploys): code outside the
 * project (the app's plugins, another webapp) may call any of their public methods.
 */
function libraryModules(project: ProjectFacts): string[] {
  const deployed = (project.build.modules ?? []).filter((m) => m.scope === 'app');
  if (deployed.length < 2) return [];
  return deployed.filter((m) => !/^(war|ear)$/.test(m.packaging ?? '')).map((m) => (m.dir ? `${m.dir}/` : ''));
}

/** Whether something outside the project's code may call the type's methods: a framework, a library, reflection. */
function calledFromOutside(q: string, index: ProjectIndex, config: Set<string>, libraries: string[]): boolean {
  const { decl, file } = index.byQualified.get(q)!;
  if (file.page || decl.kind !== 'class' || decl.annotations.length || config.has(q)) return true;
  if (libraries.some((dir) => file.file.startsWith(dir))) return true;
  const supers = [decl.extends, ...decl.implements].filter((s): s is string => !!s);
  return supers.some((s) => resolveTypeName(s, file, index).some((t) => !index.byQualified.has(t) && !MARKERS.has(t)));
}

/**
 * Method names the call graph cannot rule out as called: calls on a receiver of no type the project can tell, method
 * references, and string literals (a name looked up by reflection).
 */
function namesMaybeCalled(project: ProjectFacts, index: ProjectIndex, flow: CodeFlow): Set<string> {
  const out = new Set<string>();
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const r of f.methodRefs) out.add(r.name);
    for (const s of f.strings) out.add(s.value);
    f.calls.forEach((c, i) => {
      if (c.receiver === undefined || c.receiver === 'this' || c.receiver === 'super' || out.has(c.name)) return;
      if (flow.graph.callTargets(f, i).length) return;
      if (!resolveExprType(c.receiverType, f, c.enclosingType, index).length) out.add(c.name);
    });
  }
  return out;
}

function reached(flow: CodeFlow, roots: Iterable<MethodId>): Set<MethodId> {
  const seen = new Set<MethodId>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of flow.graph.callees.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

/** Methods that never run in the deployed app, and methods only start-up code runs. */
export interface ServingCode {
  unused: Set<MethodId>;
  startupOnly: Set<MethodId>;
}

/**
 * The project's methods that never run in the deployed app: not reached in the call graph from an entry point, from a
 * method something outside the code may call (a type with annotations, a library super type, named in configuration;
 * a method with annotations; a name called on a receiver of unknown type, referenced or written as a string; a
 * `main()`). And those only start-up entry points reach (static initializers, contextInitialized, init): not a
 * request, not even through a start method a request runs (an admin page starting a module), nor any other root.
 * Three walks of the graph and one pass over the call sites.
 */
export function servingCode(project: ProjectFacts, index: ProjectIndex, flow: CodeFlow): ServingCode {
  // without a request-time entry point the graph does not know how the app is entered: nothing is ruled out
  if (![...flow.entries.values()].some((e) => e.phase === 'request'))
    return { unused: new Set(), startupOnly: new Set() };
  const config = namesInConfig(project);
  const maybe = namesMaybeCalled(project, index, flow);
  const libraries = libraryModules(project);
  const atStartup = [...flow.entries].filter(([, e]) => e.phase === 'startup').map(([id]) => id);
  const roots: MethodId[] = [...flow.entries].filter(([, e]) => e.phase === 'request').map(([id]) => id);
  // what JSP pages call (their classes share one name, so the entry points do not tell them all)
  for (const f of project.files)
    if (f.kind === 'java' && f.page) f.calls.forEach((_, i) => roots.push(...flow.graph.callTargets(f, i)));
  const named: MethodId[] = [];
  for (const [q, { decl }] of index.byQualified) {
    const outside = calledFromOutside(q, index, config, libraries);
    for (const m of decl.methods) {
      const id = methodId(q, m.name);
      named.push(id);
      if (flow.entries.has(id)) continue; // the entry points say when they run
      // a main() is a command-line tool's start: finding-scope.ts tells tools apart
      if (
        (m.name === 'main' && m.isStatic) ||
        outside ||
        maybe.has(m.name) ||
        m.annotations.some((a) => !PLAIN_ANNOTATIONS.has(a))
      )
        roots.push(id);
    }
  }
  const serving = reached(flow, roots);
  const starting = reached(flow, atStartup);
  return {
    unused: new Set(named.filter((id) => !serving.has(id) && !starting.has(id))),
    startupOnly: new Set([...starting].filter((id) => !serving.has(id))),
  };
}
