import { setTimeout as sleep } from 'node:timers/promises';
import { PaasportError } from '../../analyzers/errors.js';
import type { MarathonChange } from '../types.js';
import { MarathonLockedError } from './marathon-client.js';

export interface LockOptions {
  force: boolean;
  deadline: number;
  pollMs: number;
  say: (line: string) => void;
}

/**
 * A PUT that deployments in progress may lock (409): with `force`, sent again with `?force=true`, which makes
 * Marathon cancel them; else sent again each poll until they are over or the deadline passes.
 */
export async function putUnlocked(put: (force: boolean) => Promise<MarathonChange>, o: LockOptions) {
  let waiting = false;
  for (;;) {
    try {
      return await put(false);
    } catch (e) {
      if (!(e instanceof MarathonLockedError)) throw e;
      const by = e.deploymentIds.length ? `deployment ${e.deploymentIds.join(', ')}` : 'a deployment';
      if (o.force) {
        o.say(`locked by ${by}: overriding it (--force)`);
        return put(true);
      }
      if (Date.now() + o.pollMs > o.deadline) {
        throw new PaasportError(
          `still locked by ${by} when the time was up: wait for it, pass a longer --timeout, or --force to override it`,
          'failed',
        );
      }
      if (!waiting) o.say(`locked by ${by}: waiting for it to finish`);
      waiting = true;
      await sleep(o.pollMs);
    }
  }
}
