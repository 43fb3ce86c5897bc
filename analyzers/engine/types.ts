import type { Pattern } from './regex.js';
// Types of the rule engine: what a condition matches, what it evaluates with, and what a condition module declares.
import type { MethodTexts } from '../java/method-values.js';
import type { CodeFlow } from '../java/reach.js';
import type { MutationIndex } from '../java/static-state.js';
import type { ProjectIndex } from '../java/type-index.js';
import type { Condition } from './conditions/index.js';
import type { FileFacts, ProjectFacts } from '../types.js';

export type { Condition };

// The combinators hold conditions. These are interfaces, not aliases, so that `Condition`, which is made from the
// types of the modules, can be made from the combinators' modules too (an interface is resolved lazily).
/** The parts of `and` and `or`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConditionList extends Array<Condition> {}
/** The condition under `not`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NestedCondition extends Condition {}

export type Patterns = string | string[];

export interface Match {
  file: string;
  line: number;
  column: number;
  value?: string; // what matched: masked when the rule says it is a secret
  scope?: string; // enclosing Type#method, for `within: method`
  detail?: string; // extra words for the message
  via?: string; // the project's methods a call goes through to what the rule looks for, shown after the message
}

export interface EvalContext {
  project: ProjectFacts;
  index: ProjectIndex;
  mutations: () => MutationIndex;
  flow: () => CodeFlow; // the call graph, its entry points and what they reach, built on first use
  regex: (src: string) => Pattern;
  glob: (p: Patterns) => (file: string) => boolean;
  sessionStore: () => string | undefined; // the external session store the app is configured with, if any
  lines: (f: FileFacts) => string[]; // a file's text, read on demand for Java
  methodTexts: () => MethodTexts; // what each method's text assigns to its variables, read once per method
}

/** A condition made ready to run: the matches in one file. The result is read, never changed. */
export type Evaluator = (f: FileFacts, ctx: EvalContext) => readonly Match[];

/** Makes a nested condition ready to run (for the combinators). */
export type Compile = (cond: Condition) => Evaluator;

/** A JSON-schema fragment. */
export type SchemaFragment = { [keyword: string]: unknown };

/** A small tree where a condition must match at the expected places, and a look-alike tree where it must not. */
export interface ConditionCase {
  name: string;
  when: Condition;
  files: Record<string, string>;
  expect: string[]; // file:line of every match in files
  lookAlike: Record<string, string>;
}

/** One key of a rule condition: its value's schema, how it is evaluated, and the cases that show it. */
export interface ConditionModule<K extends string = string, V = unknown> {
  key: K;
  schema: SchemaFragment; // of the value under the key
  /** Prepares the evaluation of `value` once per run; the returned function runs on every file. */
  evaluator(value: V, compile: Compile, cond: Condition): Evaluator;
  cases: ConditionCase[];
}

/** A key that only changes how another key's condition is evaluated (`within` beside `and`). */
export interface ModifierModule<K extends string = string, V = unknown> {
  key: K;
  modifies: string; // the key it must stand beside
  schema: SchemaFragment;
  /** The matches of the modified condition from the matches of its positive parts (absent value: the default). */
  combine(value: V | undefined, parts: readonly (readonly Match[])[]): readonly Match[];
  cases: ConditionCase[];
}
