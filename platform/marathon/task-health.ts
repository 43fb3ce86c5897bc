import type { MarathonTask } from '../types.js';

export interface TaskHealth {
  tasks: number;
  healthy: number;
  unhealthy: number;
  /** the last failure Marathon recorded for an unhealthy task */
  cause?: string;
}

/** Tasks with every health check alive are healthy, any check not alive makes one unhealthy; no result yet: neither. */
export function taskHealth(tasks: MarathonTask[]): TaskHealth {
  let healthy = 0;
  let unhealthy = 0;
  let cause: string | undefined;
  for (const t of tasks) {
    const results = t.healthCheckResults ?? [];
    if (results.some((r) => !r.alive)) {
      unhealthy++;
      cause ??= results.find((r) => !r.alive && r.lastFailureCause)?.lastFailureCause;
    } else if (results.length) healthy++;
  }
  return { tasks: tasks.length, healthy, unhealthy, cause };
}

export function healthLine(appId: string, tasks: MarathonTask[], instances?: number): string {
  const h = taskHealth(tasks);
  const of = instances === undefined ? '' : ` of ${instances}`;
  const versions = [...new Set(tasks.map((t) => t.version))].sort();
  const version =
    versions.length === 1 ? `, version ${versions[0]}` : versions.length > 1 ? `, ${versions.length} versions` : '';
  const unhealthy = h.unhealthy ? `, ${h.unhealthy} unhealthy${h.cause ? ` (${h.cause})` : ''}` : '';
  return `${appId}: ${h.tasks}${of} tasks running${version}, ${h.healthy} healthy${unhealthy}`;
}
