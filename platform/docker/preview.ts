import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';
import { ENV_FILE } from '../../analyzers/settings/paasport-yaml.js';
import type { AppSettings } from '../../analyzers/settings/types.js';
import { firstHealthCheck, haproxyConfig } from '../haproxy/haproxy-config.js';
import { launchHaproxy } from '../haproxy/haproxy-launch.js';
import { lbRouting } from '../haproxy/marathon-lb-labels.js';
import { PREVIEW_LABEL, type PreviewState } from '../types.js';
import type { DeployFolder } from './deploy-folder.js';
import { freePort, stopProcess } from './host-process.js';
import { imageUid } from './image-user.js';
import { taskContainer, type MarathonAppDef } from './marathon-container.js';
import { previewEnv, readEnvFile } from './preview-env.js';
import { startStoreProcess, storeEnv, type StoreAddress, type StoreKind } from './session-store-process.js';

export interface PreviewOptions {
  folder: DeployFolder;
  def: MarathonAppDef;
  image: string;
  instances: number;
  settings: AppSettings;
  haproxyImage?: string;
  store?: StoreAddress; // an existing Redis or memcached instead of one started here
  volumesRoot?: string; // host paths are made under this folder instead of /
  bindAddress: string;
  onLine: (line: string) => void;
}

export const stateFile = (f: DeployFolder) => path.join(f.outDir, '.preview.json');
const workDir = (f: DeployFolder) => path.join(f.outDir, '.preview');
const baseName = (def: MarathonAppDef) => `paasport-preview-${def.id.replace(/^\//, '').replace(/[^\w.-]/g, '-')}`;

export function readPreviewState(f: DeployFolder): PreviewState | undefined {
  const file = stateFile(f);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PreviewState) : undefined;
}

/** Written after each step, whole (a temporary file, then a rename), so `--down` finds what was started so far. */
function saveState(f: DeployFolder, s: PreviewState): void {
  const tmp = `${stateFile(f)}.tmp`;
  writeFileSync(tmp, JSON.stringify(s, null, 2) + '\n');
  renameSync(tmp, stateFile(f));
}

/** The address tasks reach this host at: the gateway of the engine's bridge network (the default bridge lists only
 * its subnet, whose first address the engine gives the host). */
async function hostFromContainers(docker: Docker): Promise<string> {
  const bridge = await docker.getNetwork('bridge').inspect();
  const configs = (bridge.IPAM?.Config ?? []) as { Gateway?: string; Subnet?: string }[];
  const gateway =
    configs.map((c) => c.Gateway).find(Boolean) ??
    configs
      .map((c) => /^(\d+\.\d+\.\d+)\.0\/\d+$/.exec(c.Subnet ?? '')?.[1])
      .filter(Boolean)
      .map((prefix) => `${prefix}.1`)[0];
  if (!gateway) {
    throw new PaasportError(
      'the Docker engine has no bridge network with a gateway: tasks cannot reach a store here',
      'failed',
    );
  }
  return gateway;
}

function storeKind(s: AppSettings): StoreKind | undefined {
  const t = s.sessionStore?.type;
  return t === 'memcached' ? 'memcached' : t ? 'redis' : undefined;
}

/** The session store the settings ask for: the given one, or a host redis-server/memcached on a free port. */
async function sessionStore(docker: Docker, o: PreviewOptions, state: PreviewState, local: Record<string, string>) {
  const kind = storeKind(o.settings);
  if (!kind) return {};
  const names = o.settings.sessionStore?.env ?? (kind === 'redis' ? ['REDIS_HOST', 'REDIS_PORT'] : ['MEMCACHED_NODES']);
  const gateway = await hostFromContainers(docker);
  if (o.store) {
    const host = /^(localhost|127\.)/.test(o.store.host) ? gateway : o.store.host;
    return storeEnv(kind, names, { host, port: o.store.port });
  }
  // the Redis started here asks for the app's password: the one of .paasport.env, else a new one for this preview
  const passwordVar = kind === 'redis' ? names.find((n) => /PASSWORD$/.test(n)) : undefined;
  const password = passwordVar ? (local[passwordVar] ?? randomBytes(12).toString('hex')) : undefined;
  const p = await startStoreProcess(kind, [gateway, '127.0.0.1'], workDir(o.folder), password);
  state.store = { program: p.program, pid: p.pid, port: p.port };
  o.onLine(`${p.program} on ${gateway}:${p.port} (pid ${p.pid})`);
  const env = storeEnv(kind, names, { host: gateway, port: p.port });
  return passwordVar && password ? { ...env, [passwordVar]: password } : env;
}

/** Host folders of the volumes, made and given to the image's user, as the platform team does on every agent. */
function makeVolumes(o: PreviewOptions, uid: number): (hostPath: string) => string {
  const hostPathOf = (p: string) => (o.volumesRoot ? path.join(o.volumesRoot, p) : p);
  for (const v of o.def.volumes) {
    const dir = hostPathOf(v.hostPath);
    mkdirSync(dir, { recursive: true });
    chownSync(dir, uid, uid);
  }
  return hostPathOf;
}

async function startTasks(
  docker: Docker,
  o: PreviewOptions,
  env: Record<string, string>,
  state: PreviewState,
  hostPathOf: (p: string) => string,
) {
  const labels = { [PREVIEW_LABEL]: o.folder.appDir, 'paasport.preview.role': 'task' };
  for (let i = 1; i <= o.instances; i++) {
    const name = `${baseName(o.def)}-${i}`;
    const { spec, ignored } = taskContainer(o.def, {
      index: i,
      name,
      image: o.image,
      env,
      hostPathOf,
      labels,
      bindAddress: o.bindAddress,
    });
    if (i === 1 && ignored.length) o.onLine(`docker parameters a preview does not apply: ${ignored.join(', ')}`);
    const c = await docker.createContainer(spec);
    state.tasks.push({ id: c.id, name, hostPort: 0 });
    saveState(o.folder, state);
    await c.start();
    const ports = (await c.inspect()).NetworkSettings.Ports[`${o.def.containerPorts[0]}/tcp`];
    state.tasks[i - 1].hostPort = Number(ports?.[0]?.HostPort);
    o.onLine(`task ${name} on ${o.bindAddress}:${state.tasks[i - 1].hostPort}`);
  }
}

async function startLoadBalancer(docker: Docker, o: PreviewOptions, state: PreviewState): Promise<void> {
  const routing = lbRouting(o.def.labels);
  const appPort = await freePort(o.bindAddress);
  const httpPort = routing.vhosts.length ? await freePort(o.bindAddress) : undefined;
  const config = haproxyConfig({
    appId: o.def.id,
    servicePort: o.def.servicePorts[0] ?? 0,
    routing,
    healthCheck: firstHealthCheck(o.def.healthChecks),
    servers: state.tasks.map((t) => ({ name: t.name, host: o.bindAddress, port: t.hostPort })),
    bindAddress: o.bindAddress,
    appPort,
    ...(httpPort ? { httpPort } : {}),
  });
  const labels = { [PREVIEW_LABEL]: o.folder.appDir, 'paasport.preview.role': 'haproxy' };
  state.haproxy = await launchHaproxy(config, workDir(o.folder), {
    docker,
    image: o.haproxyImage,
    name: `${baseName(o.def)}-haproxy`,
    labels,
  });
  state.urls.push(`http://${o.bindAddress}:${appPort}/`);
  for (const host of routing.vhosts)
    state.urls.push(`http://${host}:${httpPort}/ (Host ${host} on ${o.bindAddress}:${httpPort})`);
}

/** Runs the app as Marathon and marathon-lb would: N tasks, their store, HAProxy in front; `--down` undoes it. */
export async function startPreview(docker: Docker, o: PreviewOptions): Promise<PreviewState> {
  await docker
    .getImage(o.image)
    .inspect()
    .catch(() => {
      throw new PaasportError(
        `the engine has no image ${o.image}: run paasport build ${o.folder.appDir} first, or pass --image`,
      );
    });
  mkdirSync(workDir(o.folder), { recursive: true });
  const state: PreviewState = { appDir: o.folder.appDir, appId: o.def.id, image: o.image, tasks: [], urls: [] };
  saveState(o.folder, state);
  try {
    const uid = await imageUid(docker, o.image);
    const envFile = path.join(o.folder.appDir, ENV_FILE);
    const local = readEnvFile(envFile);
    const fromStore = await sessionStore(docker, o, state, local);
    saveState(o.folder, state);
    // the session manager's variables the store does not give (its password) come from .paasport.env too
    const storeVars = (o.settings.sessionStore?.env ?? []).map((name) => ({ name }));
    const env = previewEnv(o.def, [...(o.settings.env ?? []), ...storeVars], local, envFile, fromStore);
    await startTasks(docker, o, env, state, makeVolumes(o, uid));
    await startLoadBalancer(docker, o, state);
    saveState(o.folder, state);
    return state;
  } catch (e) {
    await stopPreview(docker, o.folder, () => undefined).catch(() => undefined);
    throw e;
  }
}

/** Removes what a preview of this app started: its containers (also found by label), HAProxy, the store. */
export async function stopPreview(
  docker: Docker | undefined,
  f: DeployFolder,
  onLine: (l: string) => void,
): Promise<number> {
  const state = readPreviewState(f);
  let removed = 0;
  if (state?.haproxy?.kind === 'process' && (await stopProcess(state.haproxy.pid, 'haproxy'))) removed++;
  if (state?.store && (await stopProcess(state.store.pid, state.store.program))) removed++;
  if (docker) {
    const labelled = await docker.listContainers({ all: true, filters: { label: [`${PREVIEW_LABEL}=${f.appDir}`] } });
    for (const c of labelled) {
      await docker.getContainer(c.Id).remove({ force: true });
      onLine(`removed ${c.Names[0]?.replace(/^\//, '') ?? c.Id}`);
      removed++;
    }
  }
  rmSync(workDir(f), { recursive: true, force: true });
  rmSync(stateFile(f), { force: true });
  return removed;
}
