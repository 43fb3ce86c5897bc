import { configFix } from './fix-config.js';
import { localFilesFix } from './fix-local-files.js';
import { loggingFix } from './fix-logging.js';
import { serializableFix } from './fix-serializable.js';
import { sessionStoreFix } from './fix-session-store.js';
import type { Fix, FixKind } from './types.js';

/** Every fix by kind; the plan runs them in FIX_ORDER. */
export const FIXES: Record<FixKind, Fix> = {
  'session-serializable': serializableFix,
  'session-store': sessionStoreFix,
  'externalize-config': configFix,
  logs: loggingFix,
  'local-files': localFilesFix,
};
