import { typeHierarchy } from '../../java/type-index.js';
import type { Evaluator, Patterns } from '../types.js';
import { list } from './file-filter.js';
import { matchAt, NONE } from './matches.js';

/** The type declarations of a file that have one of the types among their super types, through the project's own. */
export function subtypeDeclarations(type: Patterns): Evaluator {
  const types = list(type);
  return (f, ctx) =>
    f.kind !== 'java'
      ? NONE
      : f.types
          .filter(
            (t) =>
              t.qualifiedName &&
              typeHierarchy(t.qualifiedName, ctx.index)
                .slice(1)
                .some((s) => types.includes(s)),
          )
          .map((t) => matchAt(f.file, t, t.name));
}
