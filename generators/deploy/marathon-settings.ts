import type { AppSettings, HealthCheckSetting } from '../../analyzers/settings/types.js';
import type { DeployPlan } from './deploy-plan.js';
import { pointsAtLocalhost } from './local-defaults.js';
import type { MarathonSettings } from './marathon.js';

/**
 * The health check: the path paasport.yaml names, else the page the image adds to an exploded webapp (a JSP that
 * makes no session: `GET /` made one per probe, in Redis, and is a 404 without a welcome page), else TCP.
 */
function healthCheck(h: HealthCheckSetting | undefined, plan: DeployPlan): MarathonSettings['healthCheck'] {
  const ctx = plan.r.contextPath === '/' ? '' : plan.r.contextPath;
  return {
    path: h?.path ?? (plan.healthPage ? `${ctx}/${plan.healthPage}` : undefined),
    gracePeriodSeconds: h?.gracePeriodSeconds ?? 300,
    intervalSeconds: h?.intervalSeconds ?? 30,
    timeoutSeconds: h?.timeoutSeconds ?? 10,
    maxConsecutiveFailures: h?.maxConsecutiveFailures ?? 3,
  };
}

/** marathon-lb's address inside the cluster: Mesos-DNS names the marathon-lb task so. */
export const DEFAULT_LB_HOST = 'marathon-lb.marathon.mesos';

/**
 * Where the session store is when paasport.yaml gives no address: the Redis or Memcached app of `generate
 * --with-store`, published by marathon-lb on the service port after the app's. A Redisson client with no
 * REDIS_HOST would look for a host named `redis`, Spring's for localhost.
 */
export function storeAddress(cfg: AppSettings, servicePort: number): Record<string, string> {
  const host = cfg.marathon?.lbHost ?? DEFAULT_LB_HOST;
  const port = String(servicePort + 1);
  const values: Record<string, string> = { REDIS_HOST: host, REDIS_PORT: port, MEMCACHED_NODES: `n1:${host}:${port}` };
  const names = cfg.sessionStore?.env ?? [];
  return Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]));
}

/** What the task sees in its environment: plain values and defaults, and where each data volume is mounted. */
function environment(plan: DeployPlan, cfg: AppSettings, servicePort: number): Record<string, string> {
  const env: Record<string, string> = { LOG_DIR: plan.logDir, ...storeAddress(cfg, servicePort) };
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
  const servicePort = m.servicePort ?? 10000;
  return {
    id: r.marathonId,
    image: r.image,
    cpus,
    mem,
    disk: m.disk ?? 0,
    instances: r.stateful ? 1 : (m.instances ?? 2),
    servicePort,
    sticky: r.stateful,
    haproxyGroup: m.haproxyGroup ?? 'external',
    vhost: m.vhost,
    path: r.contextPath,
    healthCheck: healthCheck(m.healthCheck, plan),
    env: environment(plan, cfg, servicePort),
    secrets: plan.secretsFile ? [] : plan.secrets,
    volumes: [
      { hostPath: plan.logHostPath, containerPath: plan.logDir, mode: 'RW' },
      ...plan.dataVolumes.map((v) => ({ hostPath: v.hostPath, containerPath: v.containerPath, mode: 'RW' as const })),
    ],
    parameters: isolation(cfg, cpus, mem),
    fetch,
    version: plan.version,
  };
}
