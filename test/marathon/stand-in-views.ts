import type { DeploymentRecord, StandInState } from './stand-in-state.js';
import { tasksOf } from './stand-in-tasks.js';

// A few of the defaults Marathon fills into every app it returns: what a dry run must leave out of its diff.
const APP_DEFAULTS = {
  cmd: null,
  args: null,
  user: null,
  backoffSeconds: 1,
  backoffFactor: 1.15,
  maxLaunchDelaySeconds: 3600,
  requirePorts: false,
  uris: [],
  storeUrls: [],
  dependencies: [],
};

/** `GET /v2/apps/{id}`'s app: the definition with Marathon's defaults, version, counts and, embedded, its tasks. */
export function appView(s: StandInState, id: string, embedTasks: boolean): Record<string, unknown> {
  const rec = s.apps.get(id)!;
  const tasks = tasksOf(s, id);
  const healthy = tasks.filter((t) => t.healthCheckResults?.every((r) => r.alive) && t.healthCheckResults.length);
  const unhealthy = tasks.filter((t) => t.healthCheckResults?.some((r) => !r.alive));
  const first = [...rec.versions.keys()][0];
  return {
    ...APP_DEFAULTS,
    ...rec.versions.get(rec.current),
    version: rec.current,
    versionInfo: { lastScalingAt: rec.current, lastConfigChangeAt: rec.current, firstVersion: first },
    tasksStaged: 0,
    tasksRunning: tasks.length,
    tasksHealthy: healthy.length,
    tasksUnhealthy: unhealthy.length,
    deployments: s.lockedBy([id]).map((d) => ({ id: d.id })),
    ...(embedTasks ? { tasks } : {}),
  };
}

export function groupView(s: StandInState, id: string): Record<string, unknown> {
  const rec = s.groups.get(id)!;
  const appIds = ((rec.versions.get(rec.current)!.apps as { id: string }[]) ?? []).map((a) => a.id);
  return { id, apps: appIds.map((a) => appView(s, a, false)), groups: [], dependencies: [], version: rec.current };
}

export function deploymentView(s: StandInState, d: DeploymentRecord): Record<string, unknown> {
  const actions = [...d.apps].map(([app, move]) => ({
    action: move.from === undefined ? 'StartApplication' : 'RestartApplication',
    app,
    ...(s.version === '1.1' ? {} : { readinessCheckResults: [] }),
  }));
  return {
    id: d.id,
    version: d.version,
    affectedApps: [...d.apps.keys()],
    steps: [{ actions: actions.map(({ action, app }) => ({ action, app })) }],
    currentActions: actions,
    currentStep: 1,
    totalSteps: 1,
  };
}
