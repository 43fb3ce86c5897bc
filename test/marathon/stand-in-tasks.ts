import type { MarathonTask } from '../../platform/types.js';
import type { StandInState } from './stand-in-state.js';

function task(s: StandInState, appId: string, version: string, i: number, alive: boolean | undefined): MarathonTask {
  const name = appId.replace(/^\//, '').replace(/\//g, '_');
  const t: MarathonTask & Record<string, unknown> = {
    id: `${name}.${version.replace(/\D/g, '')}-${i}`,
    appId,
    host: `agent-${i + 1}.local`,
    ports: [31000 + i],
    slaveId: `agent-${i + 1}`,
    version,
    stagedAt: version,
    startedAt: version,
  };
  if (s.version !== '1.1') t.state = 'TASK_RUNNING';
  if (alive !== undefined) {
    t.healthCheckResults = [
      alive
        ? { alive: true, consecutiveFailures: 0, taskId: t.id }
        : {
            alive: false,
            consecutiveFailures: 3,
            lastFailureCause: 'ConnectException: Connection refused',
            taskId: t.id,
          },
    ];
  }
  return t;
}

/**
 * The tasks of an app now: all at the current version, or during a deployment a rolling upgrade from the old version
 * to the new one, one more new task (and one fewer old) each share of the deployment's time. New tasks that fail
 * their health checks stop the upgrade at the first one, the old tasks staying up.
 */
export function tasksOf(s: StandInState, appId: string, now = Date.now()): MarathonTask[] {
  s.tick(now);
  const def = s.appDefinition(appId);
  if (!def) return [];
  const instances = Number(def.instances ?? 1);
  const checked = Array.isArray(def.healthChecks) && def.healthChecks.length > 0;
  const d = [...s.deployments].reverse().find((x) => x.apps.has(appId));
  const move = d?.apps.get(appId);
  if (!d || !move || move.from === move.to) {
    const current = s.apps.get(appId)!.current;
    return Array.from({ length: instances }, (_, i) => task(s, appId, current, i, checked ? true : undefined));
  }
  const share = d.durationMs > 0 ? Math.min(1, (now - d.startedAt) / d.durationMs) : 1;
  const fresh = d.unhealthy ? 1 : Math.min(instances, Math.floor(share * (instances + 1)));
  const old = move.from === undefined ? 0 : d.unhealthy ? instances : instances - fresh;
  const healthOfNew = checked ? !d.unhealthy : undefined;
  return [
    ...Array.from({ length: old }, (_, i) => task(s, appId, move.from!, i, checked ? true : undefined)),
    ...Array.from({ length: fresh }, (_, i) => task(s, appId, move.to, old + i, healthOfNew)),
  ];
}
