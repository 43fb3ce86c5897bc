import type { MarathonVersion } from '../../analyzers/settings/types.js';

export type { MarathonVersion };

export interface MarathonSettings {
  id: string; // /team/app
  image: string;
  cpus: number;
  mem: number;
  disk: number;
  instances: number;
  servicePort: number;
  sticky: boolean; // the app still keeps sessions in memory
  haproxyGroup: string;
  vhost?: string;
  path?: string;
  healthCheck: {
    path?: string; // HTTP GET of this path; none: a TCP check of the port
    gracePeriodSeconds: number;
    intervalSeconds: number;
    timeoutSeconds: number;
    maxConsecutiveFailures: number;
  };
  env: Record<string, string>;
  secrets: string[]; // env names whose values Marathon takes from its secret store (1.4+), never from this file
  volumes: { hostPath: string; containerPath: string; mode: 'RW' | 'RO' }[];
  parameters: { key: string; value: string }[]; // docker run options (resource isolation)
  fetch: string[]; // URIs the agent downloads first: the registry credentials archive
  version: MarathonVersion;
}

const secretKey = (env: string) => env.toLowerCase().replace(/_/g, '-');

/** marathon-lb's labels: the HAProxy group, the virtual host and path, sticky sessions while they stay in memory. */
function haproxyLabels(s: MarathonSettings): Record<string, string> {
  const labels: Record<string, string> = { HAPROXY_GROUP: s.haproxyGroup };
  if (s.vhost) labels.HAPROXY_0_VHOST = s.vhost;
  if (s.path && s.path !== '/') labels.HAPROXY_0_PATH = s.path;
  if (s.sticky) labels.HAPROXY_0_STICKY = 'true';
  return labels;
}

function healthCheck({ path, ...timing }: MarathonSettings['healthCheck']) {
  if (path === undefined) return { protocol: 'TCP', portIndex: 0, ...timing };
  return { protocol: 'HTTP', path, portIndex: 0, ...timing, ignoreHttp1xx: false };
}

/** Marathon 1.4+: each secret's key and where the secret store keeps it. */
const secretSources = (s: MarathonSettings) =>
  Object.fromEntries(s.secrets.map((n) => [secretKey(n), { source: `${s.id.replace(/^\//, '')}/${secretKey(n)}` }]));

/**
 * A Marathon app definition for the chosen API version: BRIDGE networking with 8080 mapped to a random
 * host port and a service port, an HTTP health check, marathon-lb labels, one task per host.
 */
export function marathonApp(s: MarathonSettings): Record<string, unknown> {
  const portMapping = {
    containerPort: 8080,
    hostPort: 0,
    servicePort: s.servicePort,
    protocol: 'tcp',
    ...(s.version === '1.5' ? { name: 'http' } : {}),
  };
  const docker: Record<string, unknown> = {
    image: s.image,
    forcePullImage: false,
    parameters: s.parameters,
    ...(s.version === '1.5' ? {} : { network: 'BRIDGE', portMappings: [portMapping] }),
  };
  const env: Record<string, unknown> = { ...s.env };
  if (s.version !== '1.1') for (const name of s.secrets) env[name] = { secret: secretKey(name) };
  return {
    id: s.id,
    instances: s.instances,
    cpus: s.cpus,
    mem: s.mem,
    disk: s.disk,
    container: {
      type: 'DOCKER',
      docker,
      ...(s.version === '1.5' ? { portMappings: [portMapping] } : {}),
      volumes: s.volumes,
    },
    ...(s.version === '1.5' ? { networks: [{ mode: 'container/bridge' }] } : {}),
    env,
    ...(s.version !== '1.1' && s.secrets.length ? { secrets: secretSources(s) } : {}),
    labels: haproxyLabels(s),
    healthChecks: [healthCheck(s.healthCheck)],
    upgradeStrategy:
      s.sticky || s.instances < 2
        ? { minimumHealthCapacity: 0, maximumOverCapacity: 0 }
        : { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 },
    constraints: [['hostname', 'UNIQUE']],
    ...(s.fetch.length
      ? { fetch: s.fetch.map((uri) => ({ uri, extract: true, executable: false, cache: false })) }
      : {}),
  };
}

/** Several apps deployed together under one group path. */
export function marathonGroup(id: string, apps: Record<string, unknown>[]): Record<string, unknown> {
  return { id, apps };
}

/** A single Redis or Memcached task for test environments (production uses a managed store off the platform). */
export function sessionStoreApp(
  kind: 'redis' | 'memcached',
  appId: string,
  image: string,
  servicePort: number,
  version: MarathonVersion,
): Record<string, unknown> {
  const port = kind === 'redis' ? 6379 : 11211;
  const mapping = {
    containerPort: port,
    hostPort: 0,
    servicePort,
    protocol: 'tcp',
    ...(version === '1.5' ? { name: kind } : {}),
  };
  return {
    id: `${appId}-${kind}`,
    instances: 1,
    cpus: 0.5,
    mem: 256,
    container: {
      type: 'DOCKER',
      docker: {
        image,
        forcePullImage: false,
        ...(version === '1.5' ? {} : { network: 'BRIDGE', portMappings: [mapping] }),
      },
      ...(version === '1.5' ? { portMappings: [mapping] } : {}),
    },
    ...(version === '1.5' ? { networks: [{ mode: 'container/bridge' }] } : {}),
    labels: { HAPROXY_GROUP: 'internal', HAPROXY_0_MODE: 'tcp' },
    healthChecks: [
      {
        protocol: 'TCP',
        portIndex: 0,
        gracePeriodSeconds: 60,
        intervalSeconds: 20,
        timeoutSeconds: 5,
        maxConsecutiveFailures: 3,
      },
    ],
  };
}
