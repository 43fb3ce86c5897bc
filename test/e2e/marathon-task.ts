import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { isBridge, portMappings, type MarathonApp } from './marathon-app.js';

/** One task of an app as a Marathon agent in BRIDGE mode starts it: a container and its host port. */
export interface Task {
  container: Docker.Container;
  host: string;
  hostPort: number;
}

// what `docker run --KEY VALUE` sets, for the container.docker.parameters the generator writes
const PARAMETERS: Record<string, (v: string) => Partial<Docker.HostConfig>> = {
  'cpu-period': (v) => ({ CpuPeriod: Number(v) }),
  'cpu-quota': (v) => ({ CpuQuota: Number(v) }),
  'cpuset-cpus': (v) => ({ CpusetCpus: v }),
  'memory-swap': (v) => ({ MemorySwap: bytes(v) }),
  'blkio-weight': (v) => ({ BlkioWeight: Number(v) }),
};

function bytes(v: string): number {
  const m = /^(\d+)([kmg]?)b?$/i.exec(v);
  if (!m) throw new Error(`not a size: ${v}`);
  return Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase());
}

const SANDBOX = '/mnt/mesos/sandbox';

/**
 * What the Mesos fetcher does before the task starts: each `fetch` URI (file:// paths on the agent, here under
 * `hostRoot`) copied into the task's sandbox, archives unpacked when `extract` is set. The sandbox folder is returned.
 */
function fetchIntoSandbox(app: MarathonApp, hostRoot: string, host: string): string {
  const sandbox = path.join(hostRoot, 'sandboxes', host);
  mkdirSync(sandbox, { recursive: true });
  for (const f of app.fetch ?? []) {
    if (!f.uri.startsWith('file://')) throw new Error(`this test fetches only file:// URIs, not ${f.uri}`);
    const file = path.join(hostRoot, f.uri.slice('file://'.length));
    if (f.extract !== false && /\.(tar|tar\.gz|tgz)$/.test(file)) execFileSync('tar', ['-xf', file, '-C', sandbox]);
    else copyFileSync(file, path.join(sandbox, path.basename(file)));
  }
  return sandbox;
}

function hostConfig(app: MarathonApp, hostRoot: string, sandbox: string): Docker.HostConfig {
  const config: Docker.HostConfig = {
    // what Mesos itself passes from cpus and mem
    CpuShares: Math.round(1024 * (app.cpus ?? 1)),
    Memory: (app.mem ?? 128) * 1024 * 1024,
    Binds: (app.container.volumes ?? [])
      .filter((v) => v.hostPath)
      .map((v) => `${path.join(hostRoot, v.hostPath!)}:${v.containerPath}:${v.mode === 'RO' ? 'ro' : 'rw'}`)
      .concat(`${sandbox}:${SANDBOX}`),
    PortBindings: Object.fromEntries(
      portMappings(app).map((p) => [`${p.containerPort}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]]),
    ),
  };
  for (const { key, value } of app.container.docker.parameters ?? []) {
    const set = PARAMETERS[key];
    if (!set) throw new Error(`docker parameter --${key} is not known to this test: add it to PARAMETERS`);
    Object.assign(config, set(value));
  }
  return config;
}

/**
 * Starts one task of `app` on the agent named `host`, whose root folder is `hostRoot`: its image, env (secret
 * references given by the caller, as Marathon's secret store would), the host folders of its volumes, its fetched
 * files in a sandbox (MESOS_SANDBOX), its port mappings to a random port on 127.0.0.1, its docker parameters, and
 * HOST, which Marathon sets to the agent's name.
 */
export async function startTask(
  docker: Docker,
  app: MarathonApp,
  opts: { host: string; hostRoot: string; secrets?: Record<string, string>; env?: Record<string, string> },
): Promise<Task> {
  if (!isBridge(app)) throw new Error(`${app.id} is not in BRIDGE networking`);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(app.env ?? {})) {
    if (typeof value === 'string') env[name] = value;
    else if (opts.secrets && value.secret in opts.secrets) env[name] = opts.secrets[value.secret];
    else throw new Error(`no value for the secret ${value.secret} of ${name}`);
  }
  const mappings = portMappings(app);
  const sandbox = fetchIntoSandbox(app, opts.hostRoot, opts.host);
  const container = await docker.createContainer({
    Image: app.container.docker.image,
    Env: Object.entries({ ...env, ...opts.env, HOST: opts.host, MESOS_SANDBOX: SANDBOX }).map(([k, v]) => `${k}=${v}`),
    ExposedPorts: Object.fromEntries(mappings.map((p) => [`${p.containerPort}/tcp`, {}])),
    Labels: { 'paasport.e2e.app': app.id },
    HostConfig: hostConfig(app, opts.hostRoot, sandbox),
  });
  await container.start();
  const ports = (await container.inspect()).NetworkSettings.Ports;
  const hostPort = Number(ports[`${mappings[0].containerPort}/tcp`]?.[0]?.HostPort);
  return { container, host: opts.host, hostPort };
}
