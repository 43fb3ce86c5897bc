import type { AppSettings, HealthCheckSetting } from '../../analyzers/settings/types.js';
import type { DeployPlan } from './deploy-plan.js';
import { pointsAtLocalhost } from './local-defaults.js';
import type { MarathonSettings } from './marathon.js';

function healthCheck(h: HealthCheckSetting | undefined, contextPath: string): MarathonSettings['healthCheck'] {
  return {
    path: h?.path ?? contextPath,
    gracePeriodSeconds: h?.gracePeriodSeconds ?? 300,
    intervalSeconds: h?.intervalSeconds ?? 30,
    timeoutSeconds: h?.timeoutSeconds ?? 10,
    maxConsecutiveFailures: h?.maxConsecutiveFailures ?? 3,
  };
}

/** What the task sees in its environment: plain values and defaults, and where each data volume is mounted. */
function environment(plan: DeployPlan, cfg: AppSettings): Record<string, string> {
  const env: Record<string, string> = { LOG_DIR: plan.logDir };
  for (const e of cfg.env ?? []) {
    if (!e.secret && e.default !== undefined && !pointsAtLocalhost(e.default)) env[e.name] = e.default;
  }
  for (const v of plan.dataVolumes) env[v.env] = v.containerPath;
  return env;
}

// Mesos already passes --cpu-shares and --memory from cpus and mem: only the other isolation options here
function isolation(cfg: AppSettings, cpus: number, mem: number): MarathonSettings['parameters'] {
  const iso = cfg.marathon?.isolation;
  return [
    { key: 'cpu-period', value: '100000' },
    { key: 'cpu-quota', value: String(Math.round(cpus * 100000)) },
    { key: 'memory-swap', value: `${Math.round(mem)}m` },
    { key: 'blkio-weight', value: String(iso?.blkioWeight ?? 500) },
    ...(iso?.cpusetCpus ? [{ key: 'cpuset-cpus', value: iso.cpusetCpus }] : []),
  ];
}

/** The Marathon settings of the application's own app definition. */
export function marathonSettings(plan: DeployPlan, cfg: AppSettings): MarathonSettings {
  const m = cfg.marathon ?? {};
  const { r } = plan;
  const cpus = m.cpus ?? 1;
  const mem = m.mem ?? 1024;
  const fetch = [
    ...(plan.registryCredentials ? [plan.registryCredentials] : []),
    ...(plan.secretsFile ? [`file:///etc/paasport/${plan.secretsFile}`] : []),
  ];
  return {
    id: r.marathonId,
    image: r.image,
    cpus,
    mem,
    disk: m.disk ?? 0,
    instances: r.stateful ? 1 : (m.instances ?? 2),
    servicePort: m.servicePort ?? 10000,
    sticky: r.stateful,
    haproxyGroup: m.haproxyGroup ?? 'external',
    vhost: m.vhost,
    path: r.contextPath,
    healthCheck: healthCheck(m.healthCheck, r.contextPath),
    env: environment(plan, cfg),
    secrets: plan.secrets,
    volumes: [
      { hostPath: plan.logHostPath, containerPath: plan.logDir, mode: 'RW' },
      ...plan.dataVolumes.map((v) => ({ hostPath: v.hostPath, containerPath: v.containerPath, mode: 'RW' as const })),
    ],
    parameters: isolation(cfg, cpus, mem),
    fetch,
    version: plan.version,
  };
}
