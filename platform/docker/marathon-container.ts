import type { ContainerCreateOptions } from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';

/** The parts of a Marathon app definition a container is made from. */
export interface MarathonAppDef {
  id: string;
  mem?: number;
  env: Record<string, string | { secret: string }>;
  labels: Record<string, string>;
  healthChecks?: unknown;
  image: string;
  containerPorts: number[];
  servicePorts: number[];
  volumes: { hostPath: string; containerPath: string; mode: string }[];
  parameters: { key: string; value: string }[];
}

type PortMapping = { containerPort?: number; servicePort?: number };

/** Reads an app definition of any of the three formats (1.1/1.4: docker.portMappings; 1.5: container.portMappings). */
export function marathonAppDef(doc: Record<string, unknown>): MarathonAppDef {
  const container = (doc.container ?? {}) as Record<string, unknown>;
  const docker = (container.docker ?? {}) as Record<string, unknown>;
  const mappings = ((container.portMappings ?? docker.portMappings ?? []) as PortMapping[]).filter(
    (m) => typeof m.containerPort === 'number',
  );
  if (typeof doc.id !== 'string' || typeof docker.image !== 'string') {
    throw new PaasportError('the app definition has no id or no container.docker.image: run paasport generate again');
  }
  return {
    id: doc.id,
    ...(typeof doc.mem === 'number' ? { mem: doc.mem } : {}),
    env: (doc.env ?? {}) as MarathonAppDef['env'],
    labels: (doc.labels ?? {}) as Record<string, string>,
    healthChecks: doc.healthChecks,
    image: docker.image,
    containerPorts: mappings.map((m) => m.containerPort!),
    servicePorts: mappings.map((m) => m.servicePort ?? 0),
    volumes: (container.volumes ?? []) as MarathonAppDef['volumes'],
    parameters: (docker.parameters ?? []) as MarathonAppDef['parameters'],
  };
}

/** 512m, 1g, 1024 (bytes): the sizes `docker run` takes. */
export function sizeInBytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(v.trim());
  if (!m) throw new PaasportError(`docker parameter size "${v}" is not a size such as 512m or 1g`);
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

type HostConfig = NonNullable<ContainerCreateOptions['HostConfig']>;

/** `docker run` options as Marathon passes them (container.docker.parameters) → the engine's HostConfig fields. */
const PARAMETERS: Record<string, (v: string, h: HostConfig) => void> = {
  'cpu-shares': (v, h) => (h.CpuShares = Number(v)),
  'cpu-period': (v, h) => (h.CpuPeriod = Number(v)),
  'cpu-quota': (v, h) => (h.CpuQuota = Number(v)),
  'cpuset-cpus': (v, h) => (h.CpusetCpus = v),
  memory: (v, h) => (h.Memory = sizeInBytes(v)),
  'memory-swap': (v, h) => (h.MemorySwap = v === '-1' ? -1 : sizeInBytes(v)),
  'blkio-weight': (v, h) => (h.BlkioWeight = Number(v)),
  'blkio-weight-device': (v, h) => {
    const [Path, weight] = v.split(':');
    h.BlkioWeightDevice = [...(h.BlkioWeightDevice ?? []), { Path, Weight: Number(weight) }];
  },
  'add-host': (v, h) => (h.ExtraHosts = [...(h.ExtraHosts ?? []), v]),
  ulimit: (v, h) => {
    const [Name, limits] = v.split('=');
    const [soft, hard] = (limits ?? '').split(':');
    h.Ulimits = [...(h.Ulimits ?? []), { Name, Soft: Number(soft), Hard: Number(hard ?? soft) }];
  },
};

export interface TaskOptions {
  index: number; // 1..N
  name: string;
  image: string;
  env: Record<string, string>; // resolved: the definition's values, secrets, the session store's address
  hostPathOf: (hostPath: string) => string; // where a volume's host folder is on this machine
  labels: Record<string, string>;
  bindAddress: string;
}

/** What Mesos does for a task of the definition: env, volumes, ports on random host ports, resources. */
export function taskContainer(
  def: MarathonAppDef,
  t: TaskOptions,
): { spec: ContainerCreateOptions; ignored: string[] } {
  const hostConfig: HostConfig = {
    Binds: def.volumes.map((v) => `${t.hostPathOf(v.hostPath)}:${v.containerPath}:${v.mode === 'RO' ? 'ro' : 'rw'}`),
    PortBindings: Object.fromEntries(
      def.containerPorts.map((p) => [`${p}/tcp`, [{ HostIp: t.bindAddress, HostPort: '' }]]),
    ),
    // Mesos sets --memory from the app's mem (and --cpu-shares from cpus, which a preview leaves alone)
    ...(def.mem ? { Memory: def.mem * 1024 * 1024 } : {}),
  };
  const ignored: string[] = [];
  for (const p of def.parameters) {
    const apply = PARAMETERS[p.key];
    if (apply) apply(p.value, hostConfig);
    else ignored.push(`${p.key}=${p.value}`);
  }
  if (hostConfig.MemorySwap !== undefined && hostConfig.MemorySwap > 0 && hostConfig.Memory) {
    hostConfig.MemorySwap = Math.max(hostConfig.MemorySwap, hostConfig.Memory);
  }
  const env = {
    ...t.env,
    MARATHON_APP_ID: def.id,
    HOST: `preview-${t.index}`, // Marathon sets the agent's name; one task per host, so one name per task
  };
  return {
    spec: {
      name: t.name,
      Image: t.image,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      Labels: t.labels,
      ExposedPorts: Object.fromEntries(def.containerPorts.map((p) => [`${p}/tcp`, {}])),
      HostConfig: hostConfig,
    },
    ignored,
  };
}
