import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstHealthCheck, haproxyConfig } from '../../platform/haproxy/haproxy-config.js';
import { lbRouting } from '../../platform/haproxy/marathon-lb-labels.js';
import { removeTree } from '../helpers.js';
import { bridgeGateway, buildImage, demux, dockerEngine, pullImage, pushImage } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import { portMappings, type MarathonApp } from './marathon-app.js';
import { startTask, type Task } from './marathon-task.js';
import { freePort, startHaproxy, startRedis, type Service } from './services.js';
import { generatedServletShop, VHOST } from './servlet-shop-app.js';

// a password with what a shell would change: setenv.sh must read the fetched env file as written
const REDIS_PASSWORD = "e2e pa$$ 'w&rd";
const AGENTS = ['agent-1', 'agent-2'];
const docker = dockerEngine();

const repo = { parent: '', dir: '' };
let app: MarathonApp;
let dockerfile: string;
let hostRoot: string;
let logDir: string; // the host folder of the log volume
const tasks: Task[] = [];
let redis: Service | undefined;
let haproxy: Service | undefined;
let lbPort: number;

/** Host folders of the volumes, created before the tasks start and owned by the image's user, as DEPLOY.md asks. */
function createHostFolders(uid: number): void {
  for (const v of app.container.volumes ?? []) {
    const dir = path.join(hostRoot, v.hostPath!);
    mkdirSync(dir, { recursive: true });
    chownSync(dir, uid, uid);
  }
}

/**
 * The files the definition's `fetch` takes from the agent, where DEPLOY.md says to put them: the env file of
 * secrets readable (0644) in a folder only root can open, and the registry credentials (none: the test registry
 * has no authentication).
 */
function writeAgentFiles(): void {
  for (const { uri } of app.fetch ?? []) {
    const file = path.join(hostRoot, uri.slice('file://'.length));
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if (file.endsWith('.secrets.env')) {
      writeFileSync(file, `REDIS_PASSWORD=${REDIS_PASSWORD}\n`, { mode: 0o644 });
    } else if (file.endsWith('docker.tar.gz')) {
      mkdirSync(path.join(repo.parent, 'credentials/.docker'), { recursive: true });
      writeFileSync(path.join(repo.parent, 'credentials/.docker/config.json'), '{"auths":{}}\n');
      execFileSync('tar', ['-czf', file, '-C', path.join(repo.parent, 'credentials'), '.docker']);
    } else {
      throw new Error(`the definition fetches ${uri}, which this test does not know how to provide`);
    }
  }
}

async function build(): Promise<void> {
  const image = app.container.docker.image;
  await buildImage(docker, repo.dir, 'deploy/Dockerfile', image);
  // through the private registry, as the agents get it
  await pushImage(docker, image);
  await docker.getImage(image).remove();
  await pullImage(docker, image);
}

async function deploy(): Promise<void> {
  const gateway = await bridgeGateway(docker);
  redis = await startRedis(['127.0.0.1', gateway], REDIS_PASSWORD);
  const env = { REDIS_HOST: gateway, REDIS_PORT: String(redis.port) };
  for (const host of AGENTS) {
    tasks.push(await startTask(docker, app, { host, hostRoot, env }));
  }
  const check = firstHealthCheck(app.healthChecks);
  for (const t of tasks) await waitForStatus(`http://127.0.0.1:${t.hostPort}${check?.path ?? '/'}`, 200);
  lbPort = await freePort();
  const config = haproxyConfig({
    appId: app.id,
    servicePort: portMappings(app)[0].servicePort!,
    routing: lbRouting(app.labels ?? {}),
    healthCheck: check,
    servers: tasks.map((t, i) => ({ name: `task_${i}`, host: '127.0.0.1', port: t.hostPort })),
    bindAddress: '127.0.0.1',
    httpPort: lbPort,
    appPort: await freePort(),
  });
  haproxy = await startHaproxy(config, lbPort);
}

beforeAll(async () => {
  ({ parent: repo.parent, dir: repo.dir, app, dockerfile } = await generatedServletShop(docker));
  hostRoot = path.join(repo.parent, 'agents');
  const uid = Number(/--uid (\d+)/.exec(dockerfile)?.[1]);
  expect(uid, 'the image user has a fixed uid').toBe(10001);
  logDir = path.join(hostRoot, app.container.volumes!.find((v) => v.containerPath === app.env?.LOG_DIR)!.hostPath!);
  createHostFolders(uid);
  writeAgentFiles();
  await build();
  await deploy();
}, 900_000);

afterAll(async () => {
  await haproxy?.stop();
  await redis?.stop();
  for (const t of tasks) await t.container.remove({ force: true });
  if (app) await docker.getImage(app.container.docker.image).remove({ force: true });
  if (repo.parent) removeTree(repo.parent);
});

const throughLb = (host = VHOST) => httpGet(`http://127.0.0.1:${lbPort}/`, host);
const logsOf = async (t: Task) => demux((await t.container.logs({ stdout: true, stderr: true })) as unknown as Buffer);
const filesOf = (host: string) => readdirSync(path.join(logDir, host));

/** Polls `probe` until it returns true, for up to `ms`. */
async function eventually(probe: () => boolean | Promise<boolean>, ms = 30_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    if (await probe()) return true;
  }
  return probe();
}

describe('servlet-shop after fix and generate, built and run on a Docker engine behind HAProxy (stand-in Redisson jars)', () => {
  it('keeps .git and the secrets of .paasport.env out of the context of the classic builder', () => {
    // the engine's classic builder (this test's build) reads only the .dockerignore at the context's root
    const ignored = readFileSync(path.join(repo.dir, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.git', '.paasport.env']));
  });

  it("answers 200 through HAProxy for the definition's virtual host", async () => {
    const r = await throughLb();
    expect(r.status, r.body).toBe(200);
  });

  it('gives 503 for a Host that no app of the definition routes', async () => {
    expect((await throughLb('other.e2e.test')).status).toBe(503);
  });

  it('spreads requests over both instances (each host folder gets access log lines)', async () => {
    for (let i = 0; i < 10; i++) expect((await throughLb()).status).toBe(200);
    const accessLines = (host: string) =>
      filesOf(host)
        .filter((f) => f.startsWith('localhost_access_log'))
        .map((f) => readFileSync(path.join(logDir, host, f), 'utf8'))
        .join('')
        .split('\n')
        .filter((l) => l.includes('"GET / HTTP/1.1" 200')).length;
    // the access log valve writes buffered lines within seconds
    expect(await eventually(() => AGENTS.every((h) => accessLines(h) >= 3))).toBe(true);
  });

  it('writes catalina.out, the JULI logs and the access log into one folder per host on the log volume', () => {
    for (const host of AGENTS) {
      const files = filesOf(host);
      expect(files).toContain('catalina.out');
      expect(
        files.some((f) => /^catalina\.\d{4}-\d{2}-\d{2}\.log$/.test(f)),
        files.join(' '),
      ).toBe(true);
      expect(
        files.some((f) => /^localhost_access_log/.test(f)),
        files.join(' '),
      ).toBe(true);
      expect(readFileSync(path.join(logDir, host, 'catalina.out'), 'utf8')).toContain('Server startup in');
    }
  });

  it('leaves the log files readable by another user of the host (a log shipper)', () => {
    for (const host of AGENTS) {
      for (const f of filesOf(host)) {
        const r = spawnSync('cat', [path.join(logDir, host, f)], { uid: 65534, gid: 65534 });
        expect(r.status, `${host}/${f}: ${r.stderr}`).toBe(0);
      }
    }
  });

  it('still shows Tomcat output in docker logs', async () => {
    for (const t of tasks) expect(await logsOf(t)).toContain('Server startup in');
  });

  it('loads the session manager from the jar copied into lib/, with its config and a Redis that answers', async () => {
    for (const t of tasks) {
      const logs = await logsOf(t);
      expect(logs).toContain(
        'stand-in RedissonSessionManager started: configPath=/usr/local/tomcat/conf/redisson.yaml',
      );
      expect(logs).toContain('config file readable=true');
      expect(logs).toContain('stand-in RedissonSessionManager redis: +OK +PONG');
    }
  });

  it("writes orders into the data volume's host folder, as the image's user", async () => {
    const orders = path.join(
      hostRoot,
      app.container.volumes!.find((v) => v.containerPath === app.env?.ORDER_DIR)!.hostPath!,
    );
    const r = await httpGet(`http://127.0.0.1:${lbPort}/checkout`, VHOST, 10_000, 'POST');
    expect(r.status, r.body).toBe(302);
    const written = readdirSync(orders).filter((f) => /^order-\d+\.txt$/.test(f));
    expect(written).toHaveLength(1);
    expect(statSync(path.join(orders, written[0])).uid).toBe(10001);
  });

  it('keeps answering through HAProxy when one container is killed', async () => {
    await tasks[0].container.kill();
    for (let i = 0; i < 10; i++) {
      const r = await throughLb();
      expect(r.status, r.body).toBe(200);
    }
  });
});
