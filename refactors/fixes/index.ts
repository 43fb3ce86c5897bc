import { configFix } from './config.js';
import { localFilesFix } from './local-files.js';
import { loggingFix } from './logging.js';
import { serializableFix } from './serializable.js';
import { sessionStoreFix } from './session-store.js';
import type { Fix, FixKind } from '../types.js';

/** Every fix by kind; the plan runs them in FIX_ORDER. */
export const FIXES: Record<FixKind, Fix> = {
  'session-serializable': serializableFix,
  'session-store': sessionStoreFix,
  'externalize-config': configFix,
  logs: loggingFix,
  'local-files': localFilesFix,
};
