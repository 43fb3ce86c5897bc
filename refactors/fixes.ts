import { serializableFix } from './fix-serializable.js';
import { sessionStoreFix } from './fix-session-store.js';
import type { Fix, FixKind } from './types.js';

const notYet = (kind: FixKind): Fix => ({ kind, run: () => ({ kind, message: '', left: [] }) });

/** Every fix by kind; the plan runs them in FIX_ORDER. */
export const FIXES: Record<FixKind, Fix> = {
  'session-serializable': serializableFix,
  'session-store': sessionStoreFix,
  'externalize-config': notYet('externalize-config'),
  logs: notYet('logs'),
  'local-files': notYet('local-files'),
};
