import { setTimeout as sleep } from 'node:timers/promises';
import type { MarathonApi, MarathonChange, MarathonDeployment } from '../types.js';
import { taskHealth } from './task-health.js';

export interface WatchOptions {
  deadline: number; // Date.now() value
  pollMs: number;
  say: (line: string) => void;
}

/** `replaced`: someone else's change cancelled the deployment; it is theirs now, not to be rolled back. */
export type WatchResult = { done: true } | { done: false; reason: string; replaced?: boolean };

const mine = (d: MarathonDeployment, c: MarathonChange) =>
  c.deploymentId ? d.id === c.deploymentId : d.version === c.version;

/** One line on where a deployment is: its step and actions, and the tasks of the new version per app. */
async function progress(api: MarathonApi, d: MarathonDeployment, c: MarathonChange) {
  const actions = d.currentActions.map((a) => `${a.action} ${a.app}`).join(', ');
  const apps = [...new Set(d.currentActions.map((a) => a.app))];
  const health = await Promise.all(
    apps.map(async (app) => {
      const h = taskHealth((await api.tasks(app)).filter((t) => !c.version || t.version === c.version));
      return { app, ...h };
    }),
  );
  const tasks = health.map(
    (h) =>
      `${h.app} ${h.tasks} new, ${h.healthy} healthy${h.unhealthy ? `, ${h.unhealthy} failing health checks` : ''}`,
  );
  const failing = health.find((h) => h.unhealthy);
  const line = `deployment ${d.id}: step ${d.currentStep}/${d.totalSteps}${actions ? ` ${actions}` : ''}; ${tasks.join('; ')}`;
  return {
    line,
    failing: failing
      ? `${failing.app}: ${failing.unhealthy} tasks fail health checks${failing.cause ? ` (${failing.cause})` : ''}`
      : undefined,
  };
}

/**
 * Follows a deployment until Marathon no longer lists it (done) or the deadline passes, printing a line each time its
 * progress changes. Marathon keeps replacing tasks that fail their health checks, so such a deployment only ends by
 * the deadline; the reason then says so.
 */
export async function followDeployment(api: MarathonApi, c: MarathonChange, o: WatchOptions): Promise<WatchResult> {
  let last = '';
  let failing: string | undefined;
  for (;;) {
    const d = (await api.deployments()).find((x) => mine(x, c));
    if (!d) return { done: true };
    const p = await progress(api, d, c);
    failing = p.failing;
    if (p.line !== last) o.say(p.line);
    last = p.line;
    if (Date.now() >= o.deadline) {
      return { done: false, reason: `deployment ${d.id} did not finish in time${failing ? `: ${failing}` : ''}` };
    }
    await sleep(Math.min(o.pollMs, Math.max(0, o.deadline - Date.now())));
  }
}
