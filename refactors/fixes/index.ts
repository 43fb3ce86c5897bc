import { configFix } from './config.js';
import { localFilesFix } from './local-files.js';
import { loggingFix } from './logging.js';
import { serializableFix } from './serializable.js';
import { sessionStoreFix } from './session-store.js';
import type { Fix, FixOptionName } from '../types.js';

/**
 * Every fix, in the order they run: session classes become Serializable before a session store serializes them;
 * each fix reads the files as the earlier ones left them.
 */
export const FIXES: readonly Fix<FixOptionName>[] = [
  serializableFix,
  sessionStoreFix,
  configFix,
  loggingFix,
  localFilesFix,
];

// the names alone, for what must not load every fix (the options of `paasport fix`); a test keeps them equal
export { FIX_ORDER } from '../fix-order.js';
