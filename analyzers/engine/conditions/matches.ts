import type { Location } from '../../types.js';
import type { Match } from '../types.js';

/** No match: shared, never changed. */
export const NONE: readonly Match[] = Object.freeze([]);

/** A match at a place of a file's facts. */
export const matchAt = (file: string, x: Location, value?: string, scope?: string, detail?: string): Match => ({
  file,
  line: x.line,
  column: x.column,
  value,
  scope,
  detail,
});

/** A match that stands for the whole file: its first line. */
export const wholeFile = (file: string, value?: string): Match =>
  value === undefined ? { file, line: 1, column: 1 } : { file, line: 1, column: 1, value };

/** The enclosing Type#method of a call or a `new`, which `within: method` compares. */
export const scopeOf = (x: { enclosingType?: string; enclosingMethod?: string }): string =>
  `${x.enclosingType ?? ''}#${x.enclosingMethod ?? ''}`;
