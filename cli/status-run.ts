// What `paasport status` does once its options are parsed (status-command.ts).
import { PaasportError } from '../analyzers/errors.js';
import { appsOf } from '../platform/marathon/deploy.js';
import { healthLine, taskHealth } from '../platform/marathon/task-health.js';
import type { MarathonFlags } from './marathon-options.js';
import { openMarathon, targetOf } from './marathon-run.js';

export async function runStatus(arg: string, o: MarathonFlags & { group?: boolean }): Promise<void> {
  const target = targetOf(arg, o.group);
  const api = openMarathon(o);
  const running = await api.running(target);
  if (!running) throw new PaasportError(`${target.kind} ${target.id} is not deployed on Marathon`, 'failed');
  const apps = await appsOf(api, target);
  const deployments = (await api.deployments()).filter((d) =>
    apps.some((a) => d.affectedApps.includes(a.id) || d.currentActions.some((c) => c.app === a.id)),
  );
  const out = [`${target.kind} ${target.id} version ${String(running.version ?? '?')}`];
  let healthy = true;
  for (const a of apps) {
    const tasks = await api.tasks(a.id);
    const h = taskHealth(tasks);
    if (h.unhealthy || (a.instances !== undefined && tasks.length < a.instances)) healthy = false;
    out.push(`  ${healthLine(a.id, tasks, a.instances)}`);
    for (const t of tasks) {
      const results = t.healthCheckResults ?? [];
      const state = !results.length ? 'no health result' : results.every((r) => r.alive) ? 'healthy' : 'unhealthy';
      out.push(`    ${t.id} ${t.host}:${t.ports.join(',')} ${t.version} ${state}`);
    }
  }
  for (const d of deployments) out.push(`  deployment ${d.id} in progress: step ${d.currentStep}/${d.totalSteps}`);
  process.stdout.write(out.join('\n') + '\n');
  if (!healthy) throw new PaasportError(`${target.kind} ${target.id}: tasks are missing or unhealthy`, 'failed');
}
