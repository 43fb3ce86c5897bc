import { resolveTypeName } from '../../java/type-index.js';
import type { JavaFacts } from '../../types.js';
import type { EvalContext } from '../types.js';

const simpleName = (t: string) => t.slice(t.lastIndexOf('.') + 1);

export type TypeMatcher = (name: string, file: JavaFacts, ctx: EvalContext) => boolean;

/**
 * Whether a type name written in a file stands for one of the wanted qualified types. A name can only be one of them
 * if its simple name is one of theirs: checked first, since resolving names through imports is the costly part.
 */
export function typeMatcher(wanted: string[]): TypeMatcher {
  const simple = new Set(wanted.map(simpleName));
  return (name, file, ctx) =>
    simple.has(simpleName(name)) && resolveTypeName(name, file, ctx.index).some((q) => wanted.includes(q));
}
