import path from 'node:path';
import type { MarathonVersion } from '../../analyzers/settings/types.js';

export interface WorkerAppSettings {
  id: string; // the Marathon app id of the workers
  image: string; // an image with paasport on its PATH
  instances: number;
  inventory: string; // absolute
  out: string; // absolute: the shared folder, at the same path on every agent
  coordinator: string; // zk://...
  args: string[]; // the other options of the run, passed on as they were given
  rules: string[]; // absolute folders of the user's rules, mounted read-only
  version: MarathonVersion;
  cpus: number;
  mem: number;
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const inside = (dir: string, parent: string) => {
  const rel = path.relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** The shared folder read-write; the inventory's folder and the rule folders read-only, unless inside it. */
function volumes(s: WorkerAppSettings) {
  const readOnly = [path.dirname(s.inventory), ...s.rules].filter((d) => !inside(d, s.out));
  const unique = [...new Set(readOnly)].filter((d, _, all) => !all.some((o) => o !== d && inside(d, o)));
  return [
    { containerPath: s.out, hostPath: s.out, mode: 'RW' },
    ...unique.map((d) => ({ containerPath: d, hostPath: d, mode: 'RO' })),
  ];
}

/**
 * A Marathon app whose instances are the workers of one coordinated `paasport batch` run. Each runs the batch, then
 * stays idle: Marathon restarts a task that exits, and a restarted worker would only find every app done again.
 * Scale the app to 0 or remove it once batch-report.md is in the shared folder.
 */
export function workerApp(s: WorkerAppSettings): Record<string, unknown> {
  const command = ['paasport', 'batch', s.inventory, '--coordinator', s.coordinator, '-o', s.out, ...s.args];
  const docker: Record<string, unknown> = {
    image: s.image,
    forcePullImage: false,
    ...(s.version === '1.5' ? {} : { network: 'HOST' }),
  };
  return {
    id: s.id,
    instances: s.instances,
    cpus: s.cpus,
    mem: s.mem,
    cmd: `${command.map(quote).join(' ')}; exec sleep infinity`,
    container: { type: 'DOCKER', docker, volumes: volumes(s) },
    ...(s.version === '1.5' ? { networks: [{ mode: 'host' }] } : {}),
    portDefinitions: [],
    labels: { PAASPORT_ROLE: 'batch-worker' },
    upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
  };
}
