import type { EvalContext, Patterns } from '../types.js';

/** The patterns as a list. */
export const list = (p: Patterns | undefined): string[] => (p === undefined ? [] : Array.isArray(p) ? p : [p]);

/** Whether a file is one of `files` (when given) and none of `notFiles`. */
export function inFiles(c: { files?: Patterns; notFiles?: Patterns }, file: string, ctx: EvalContext): boolean {
  return (!c.files || ctx.glob(c.files)(file)) && !(c.notFiles && ctx.glob(c.notFiles)(file));
}
