// What deploy, status and rollback share once they run: the connection and the app or group they name.
import { existsSync } from 'node:fs';
import { absoluteId, readDefinitionFile } from '../platform/marathon/definition-file.js';
import { connectMarathon } from '../platform/marathon/connect.js';
import type { MarathonApi, MarathonTarget } from '../platform/types.js';
import type { MarathonFlags } from './marathon-options.js';

const MAX_MASTER_WAIT_S = 120;

export const say = (line: string) => process.stderr.write(`${line}\n`);

export function openMarathon(o: MarathonFlags): MarathonApi {
  return connectMarathon({
    marathon: o.marathon,
    credentialsFile: o.credentialsFile,
    // a leader election takes seconds: a master that stays unreachable longer is more likely a wrong address
    retryForMs: Math.min(o.timeout, MAX_MASTER_WAIT_S) * 1000,
    retryIntervalMs: Math.min(o.pollInterval, 2) * 1000,
    say,
  });
}

/** An id (`/team/shop`), or a definition file whose id and kind are read from it. */
export function targetOf(arg: string, group?: boolean): MarathonTarget {
  if (arg.endsWith('.json') || (existsSync(arg) && !arg.startsWith('/'))) return readDefinitionFile(arg).target;
  return { kind: group ? 'group' : 'app', id: absoluteId(arg) };
}
