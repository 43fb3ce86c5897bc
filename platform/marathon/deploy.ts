import { PaasportError } from '../../analyzers/errors.js';
import type { MarathonApi, MarathonChange, MarathonTarget } from '../types.js';
import { groupAppIds } from './definition-file.js';
import { followDeployment, type WatchResult } from './deployment-watch.js';
import { putUnlocked } from './put-unlocked.js';
import { healthLine } from './task-health.js';

export interface DeployOptions {
  force: boolean;
  rollback: boolean;
  timeoutMs: number;
  pollMs: number;
  say: (line: string) => void;
}

/** The apps a target holds, by absolute id, with the instances the running definition asks for. */
export async function appsOf(api: MarathonApi, target: MarathonTarget): Promise<{ id: string; instances?: number }[]> {
  const running = await api.running(target);
  if (target.kind === 'app') return [{ id: target.id, instances: running?.instances as number | undefined }];
  if (!running) return [];
  const ids = groupAppIds(running);
  const instances = new Map<string, number>();
  const walk = (g: Record<string, unknown>) => {
    for (const a of (g.apps as Record<string, unknown>[] | undefined) ?? [])
      instances.set(String(a.id), Number(a.instances));
    for (const n of (g.groups as Record<string, unknown>[] | undefined) ?? []) walk(n);
  };
  walk(running);
  return ids.map((id) => ({ id, instances: instances.get(id) }));
}

/** One line per app: its tasks, their version and health. */
export async function healthReport(api: MarathonApi, target: MarathonTarget): Promise<string[]> {
  const apps = await appsOf(api, target);
  return Promise.all(apps.map(async (a) => healthLine(a.id, await api.tasks(a.id), a.instances)));
}

/** Runs a change (a PUT) to its end: locked deployments, then the deployment it started. */
async function applyChange(
  target: MarathonTarget,
  put: (force: boolean) => Promise<MarathonChange>,
  api: MarathonApi,
  o: DeployOptions,
): Promise<{ change: MarathonChange; result: WatchResult }> {
  const deadline = Date.now() + o.timeoutMs;
  const change = await putUnlocked(put, { ...o, deadline });
  o.say(`deployment ${change.deploymentId || '(no id)'} started: version ${change.version}`);
  const result = await followDeployment(api, change, { deadline, pollMs: o.pollMs, say: o.say });
  if (!result.done) return { change, result };
  // a deployment also leaves Marathon's list when another change, forced over it, cancelled it (checked for apps:
  // an app's version is the one its PUT answered)
  if (target.kind !== 'app') return { change, result };
  const now = (await api.running(target))?.version;
  if (change.version && now && now !== change.version) {
    return {
      change,
      result: { done: false, reason: `another change (version ${String(now)}) replaced it`, replaced: true },
    };
  }
  return { change, result };
}

export interface DeployOutcome {
  version: string;
  previous?: string;
}

/**
 * Deploys a definition and follows the deployment to its end. On failure (not finished in time, tasks failing their
 * health checks) and with `rollback`, the version that ran before is deployed again and followed in turn.
 */
export async function deploy(
  api: MarathonApi,
  target: MarathonTarget,
  definition: Record<string, unknown>,
  o: DeployOptions,
): Promise<DeployOutcome> {
  const previous = (await api.running(target))?.version as string | undefined;
  const { change, result } = await applyChange(target, (force) => api.put(target, definition, force), api, o);
  if (result.done) return { version: change.version, previous };
  if (result.replaced) throw new PaasportError(`${target.kind} ${target.id}: ${result.reason}`, 'failed');
  if (!o.rollback || !previous) {
    const hint = previous
      ? `; pass --rollback to bring back version ${previous} by itself, or run paasport rollback`
      : '; nothing ran before it to roll back to';
    throw new PaasportError(`${target.kind} ${target.id}: ${result.reason}${hint}`, 'failed');
  }
  o.say(`${result.reason}: rolling back to version ${previous}`);
  // the failed deployment still holds the app: the rollback overrides it
  const back = await applyChange(target, () => api.putVersion(target, previous, true), api, o);
  const outcome = back.result.done
    ? `rolled back to version ${previous}`
    : `the rollback failed too: ${back.result.reason}`;
  throw new PaasportError(`${target.kind} ${target.id}: ${result.reason}; ${outcome}`, 'failed');
}

/** Brings back an earlier version: `to`, else the one before the version running now. */
export async function rollback(
  api: MarathonApi,
  target: MarathonTarget,
  to: string | undefined,
  o: DeployOptions,
): Promise<string> {
  const versions = await api.versions(target);
  if (!versions.length) throw new PaasportError(`${target.kind} ${target.id}: Marathon does not know it`, 'failed');
  const current = (await api.running(target))?.version as string | undefined;
  const older = versions.filter((v) => v !== current);
  const version = to ?? older.find((v) => !current || v < current);
  if (!version || !versions.includes(version)) {
    const known = versions.slice(0, 5).join(', ');
    throw new PaasportError(
      to
        ? `${target.id}: Marathon has no version ${to} (newest: ${known})`
        : `${target.id}: no earlier version to roll back to`,
      to ? 'usage' : 'failed',
    );
  }
  const back = await applyChange(target, (force) => api.putVersion(target, version, force), api, o);
  if (!back.result.done) throw new PaasportError(`${target.kind} ${target.id}: ${back.result.reason}`, 'failed');
  return version;
}
