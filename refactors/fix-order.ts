import type { FixKind } from './types.js';

/** The fixes by name, in the order they run (fixes/index.ts lists the fixes themselves in this order). */
export const FIX_ORDER: readonly FixKind[] = [
  'session-serializable',
  'session-store',
  'externalize-config',
  'logs',
  'local-files',
];
