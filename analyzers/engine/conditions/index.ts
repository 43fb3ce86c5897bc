// The registry of condition keys. A new key is a module of its own and one line here: the `Condition` type, the rule
// schema (and so the loader's validation) and the table of condition cases all follow from this list.
import type { FileFacts } from '../../types.js';
import type { Compile, ConditionModule, EvalContext, Evaluator, Match, ModifierModule } from '../types.js';
import { and } from './and.js';
import { dependency } from './dependency.js';
import { file } from './file.js';
import { javaAnnotation } from './java-annotation.js';
import { javaCall } from './java-call.js';
import { javaExtends } from './java-extends.js';
import { javaField } from './java-field.js';
import { javaImplements } from './java-implements.js';
import { javaImport } from './java-import.js';
import { javaInstanceState } from './java-instance-state.js';
import { javaNew } from './java-new.js';
import { javaNotTemporary } from './java-not-temporary.js';
import { javaSessionMutation } from './java-session-mutation.js';
import { javaRuns } from './java-runs.js';
import { javaStaticState } from './java-static-state.js';
import { javaWritesThrough } from './java-writes-through.js';
import { javaString } from './java-string.js';
import { loggingFileAppender } from './logging-file-appender.js';
import { not } from './not.js';
import { or } from './or.js';
import { projectSessionStore } from './project-session-store.js';
import { properties } from './properties.js';
import { text } from './text.js';
import { within } from './within.js';
import { xmlElement } from './xml-element.js';

export const CONDITIONS = [
  javaCall,
  javaNew,
  javaNotTemporary,
  javaWritesThrough,
  javaRuns,
  javaImport,
  javaAnnotation,
  javaExtends,
  javaImplements,
  javaStaticState,
  javaInstanceState,
  javaSessionMutation,
  javaString,
  javaField,
  xmlElement,
  properties,
  dependency,
  loggingFileAppender,
  projectSessionStore,
  file,
  text,
  and,
  or,
  not,
  within,
] as const;

type Registered = (typeof CONDITIONS)[number];
type ValueOf<M> =
  M extends ConditionModule<string, infer V> ? V : M extends ModifierModule<string, infer V> ? V : never;

/** A rule condition: one key of a condition module (with the modifiers that may stand beside it). */
export type Condition = { [M in Registered as M['key']]?: ValueOf<M> };

export const isModifier = (m: ConditionModule | ModifierModule): m is ModifierModule => 'modifies' in m;

const registered = (): readonly (ConditionModule | ModifierModule)[] => CONDITIONS;

/** The modules whose key makes a condition on its own. */
export const mainConditions = (): ConditionModule[] => registered().filter((m): m is ConditionModule => !isModifier(m));

/** The modules whose key stands beside another key. */
export const modifiers = (): ModifierModule[] => registered().filter(isModifier);

function compileWith(cond: Condition, compile: Compile): Evaluator {
  const values = cond as Record<string, unknown>;
  const main = mainConditions().find((m) => values[m.key] !== undefined);
  // the schema allows no such condition: a rule that was not loaded through it
  if (!main) throw new Error(`a condition has none of the keys ${mainConditions().map((m) => m.key)}`);
  return main.evaluator(values[main.key], compile, cond);
}

/** Makes a (validated) condition ready to run on every file: done once per run, not per file. */
export function compileCondition(cond: Condition): Evaluator {
  return compileWith(cond, compileCondition);
}

/** An evaluator that works out each file's matches once per run and gives the same ones after. */
function oncePerFile(e: Evaluator): Evaluator {
  const runs = new WeakMap<EvalContext, WeakMap<FileFacts, readonly Match[]>>();
  return (f, ctx) => {
    let files = runs.get(ctx);
    if (!files) runs.set(ctx, (files = new WeakMap()));
    let found = files.get(f);
    if (!found) files.set(f, (found = e(f, ctx)));
    return found;
  };
}

/**
 * Compiles the conditions of a rule set together: a condition written the same way in several places (the copies of
 * a YAML anchor: the local writes, the upload writes) is one evaluator, which works out each file's matches once.
 */
export function compileConditions(conds: Condition[]): Evaluator[] {
  const uses = new Map<string, number>();
  const count: Compile = (c) => {
    const key = JSON.stringify(c);
    uses.set(key, (uses.get(key) ?? 0) + 1);
    return compileWith(c, count);
  };
  conds.forEach(count);
  const shared = new Map<string, Evaluator>();
  const compile: Compile = (c) => {
    const key = JSON.stringify(c);
    let e = shared.get(key);
    if (!e) {
      e = compileWith(c, compile);
      if ((uses.get(key) ?? 0) > 1) e = oncePerFile(e);
      shared.set(key, e);
    }
    return e;
  };
  return conds.map(compile);
}
