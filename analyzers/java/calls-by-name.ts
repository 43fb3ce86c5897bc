import type { JavaCall, JavaFacts, ProjectFacts } from '../types.js';

/** A call of the project, with its place among all calls (file by file, in file order). */
export interface CallRef {
  f: JavaFacts;
  call: JavaCall;
  i: number; // its index in f.calls
  at: number;
}

const byNameOf = new WeakMap<ProjectFacts['files'], Map<string, CallRef[]>>();

/**
 * The project's calls by method name, made once per project: a fixpoint over the callers of some methods (wrappers,
 * write helpers) reads only the calls of their names at each level, not every call of the project.
 */
export function callsByName(project: ProjectFacts): Map<string, CallRef[]> {
  let byName = byNameOf.get(project.files);
  if (byName) return byName;
  byName = new Map();
  let at = 0;
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    f.calls.forEach((call, i) => {
      const ref = { f, call, i, at: at++ };
      const list = byName.get(call.name);
      if (list) list.push(ref);
      else byName.set(call.name, [ref]);
    });
  }
  byNameOf.set(project.files, byName);
  return byName;
}

/** The calls of these names, in the order of the project's files and of their calls. */
export function callsNamed(byName: Map<string, CallRef[]>, names: Iterable<string>): CallRef[] {
  const out: CallRef[] = [];
  for (const n of names) out.push(...(byName.get(n) ?? []));
  return out.sort((a, b) => a.at - b.at);
}

const ofFile = new WeakMap<JavaFacts, Map<string, number[]>>();

/**
 * A file's calls of these names, in the file's order: each condition on calls reads only the calls of its method
 * names, from an index of the file's calls made once, not every call of the file.
 */
export function fileCallsNamed(f: JavaFacts, names: readonly string[]): JavaCall[] {
  let byName = ofFile.get(f);
  if (!byName) {
    ofFile.set(f, (byName = new Map()));
    f.calls.forEach((call, i) => {
      const list = byName!.get(call.name);
      if (list) list.push(i);
      else byName!.set(call.name, [i]);
    });
  }
  if (names.length === 1) return (byName.get(names[0]) ?? []).map((i) => f.calls[i]);
  const at: number[] = [];
  for (const n of new Set(names)) at.push(...(byName.get(n) ?? []));
  return at.sort((a, b) => a - b).map((i) => f.calls[i]);
}
