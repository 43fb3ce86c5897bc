import picomatch from 'picomatch';
import { externalSessionStore } from '../config/session-store.js';
import { MethodTexts } from '../java/method-values.js';
import { codeFlow, type CodeFlow } from '../java/reach.js';
import type { MutationIndex } from '../java/static-state.js';
import type { ProjectIndex } from '../java/type-index.js';
import { compileLinearRegex, compileRegex, type Pattern } from './regex.js';
import type { EvalContext } from './types.js';
import type { FileFacts, ProjectFacts } from '../types.js';
import { timeStage } from '../stage-times.js';

/** What the conditions evaluate with during one run: the project, its type index, and caches of regexes and globs. */
export function createContext(
  project: ProjectFacts,
  index: ProjectIndex,
  mutations: () => MutationIndex,
  lines: (f: FileFacts) => string[],
): EvalContext {
  const regexes = new Map<string, Pattern>();
  let store: string | undefined | null = null;
  let flow: CodeFlow | undefined;
  let texts: MethodTexts | undefined;
  const globs = new Map<string, (f: string) => boolean>();
  return {
    project,
    index,
    mutations,
    flow: () => (flow ??= timeStage('call graph', () => codeFlow(project, index))),
    lines,
    methodTexts: () => (texts ??= new MethodTexts(lines)),
    regex: (src) => {
      let r = regexes.get(src);
      if (!r) regexes.set(src, (r = compileRegex(src)));
      return r;
    },
    sessionStore: () => (store === null ? (store = externalSessionStore(project)) : store),
    glob: (p) => {
      const key = JSON.stringify(p);
      let g = globs.get(key);
      if (!g) globs.set(key, (g = picomatch(p, { dot: true, nocase: true })));
      return g;
    },
  };
}

/** The same context, but its regexes run on the linear-time engine: for the rules of a user. */
export function withLinearRegexes(ctx: EvalContext): EvalContext {
  const regexes = new Map<string, Pattern>();
  return {
    ...ctx,
    regex: (src) => {
      let r = regexes.get(src);
      if (!r) regexes.set(src, (r = compileLinearRegex(src)));
      return r;
    },
  };
}
