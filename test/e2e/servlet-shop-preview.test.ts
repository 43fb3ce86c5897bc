import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTree } from '../helpers.js';
import { paasport } from './app-repo.js';
import { demux, dockerEngine } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import { generatedServletShop, VHOST, type GeneratedApp } from './servlet-shop-app.js';

const docker = dockerEngine();
let shop: GeneratedApp;
let volumes: string;
let started: string;

const previewContainers = async () =>
  docker.listContainers({ all: true, filters: { label: [`paasport.preview=${shop.dir}`] } });
/** Whether a process runs (a zombie nobody reaped yet has ended). */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
/** A task's log once it holds the text: HAProxy answers 200 as soon as one task is up, the other may still start. */
async function logOnceItHolds(id: string, text: string, ms = 120_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const logs = demux((await docker.getContainer(id).logs({ stdout: true, stderr: true })) as unknown as Buffer);
    if (logs.includes(text) || Date.now() > until) return logs;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const vhostUrl = () => /\(Host \S+ on (127\.0\.0\.1:\d+)\)/.exec(started)?.[1];

beforeAll(async () => {
  // the stand-in jars (see stand-in-jars.ts) in a folder of their own, for build --jars-from
  shop = await generatedServletShop(docker, '../jars');
  volumes = path.join(shop.parent, 'volumes');
  mkdirSync(volumes);
}, 600_000);

afterAll(() => {
  if (!shop) return;
  try {
    paasport('preview', shop.dir, '--down');
  } finally {
    removeTree(shop.parent);
  }
});

describe('servlet-shop through paasport build and paasport preview (stand-in Redisson jars)', () => {
  it('builds the image with the jars copied from --jars-from', () => {
    const out = paasport('build', shop.dir, '--jars-from', path.join(shop.parent, 'jars'));
    expect(out).toContain(`Built ${shop.app.container.docker.image}`);
  }, 600_000);

  it('pushes to the private registry, which has no authentication', () => {
    const out = paasport('build', shop.dir, '--push', '--jars-from', path.join(shop.parent, 'jars'));
    expect(out).toContain(shop.app.container.docker.image);
  });

  it('runs two tasks behind HAProxy: 200 for the virtual host, 503 for another, Redis reached with the secret', async () => {
    // $ and & that a shell would change (a space and a quote: the next test)
    appendFileSync(path.join(shop.dir, '.paasport.env'), 'REDIS_PASSWORD=e2e-pa$$-w&rd\n');
    started = paasport('preview', shop.dir, '--instances', '2', '--volumes-root', volumes);
    expect(vhostUrl(), started).toBeDefined();
    const url = `http://${vhostUrl()}/`;
    await waitForStatus(url, 200, VHOST);
    expect((await httpGet(url, 'other.e2e.test')).status).toBe(503);
    const tasks = await previewContainers();
    expect(tasks).toHaveLength(2);
    for (const t of tasks) {
      const logs = await logOnceItHolds(t.Id, 'stand-in RedissonSessionManager redis: +OK +PONG');
      expect(logs).toContain('stand-in RedissonSessionManager redis: +OK +PONG');
    }
  }, 300_000);

  // redis.conf splits an unquoted value at spaces and unquotes it: preview writes the password quoted and escaped
  it('starts its Redis with a password holding a space and a quote, and the tasks log in with it', async () => {
    const env = path.join(shop.dir, '.paasport.env');
    writeFileSync(
      env,
      readFileSync(env, 'utf8').replace(/^REDIS_PASSWORD=.*$/m, () => "REDIS_PASSWORD=e2e pa$$ 'w&rd"),
    );
    started = paasport('preview', shop.dir, '--instances', '2', '--volumes-root', volumes);
    const state = JSON.parse(readFileSync(path.join(shop.dir, 'deploy/.preview.json'), 'utf8')) as {
      store?: { program: string };
    };
    expect(state.store?.program).toBe('redis-server');
    await waitForStatus(`http://${vhostUrl()}/`, 200, VHOST);
    for (const t of await previewContainers()) {
      const logs = await logOnceItHolds(t.Id, 'stand-in RedissonSessionManager redis: +OK +PONG');
      expect(logs).toContain('stand-in RedissonSessionManager redis: +OK +PONG');
    }
  }, 300_000);

  it('--down removes the tasks, HAProxy and Redis it started', async () => {
    const state = JSON.parse(readFileSync(path.join(shop.dir, 'deploy/.preview.json'), 'utf8')) as {
      store?: { pid: number };
      haproxy?: { pid?: number };
    };
    paasport('preview', shop.dir, '--down');
    expect(await previewContainers()).toHaveLength(0);
    const pids = [state.store?.pid, state.haproxy?.pid].filter((p): p is number => p !== undefined);
    expect(pids).toHaveLength(2);
    for (let i = 0; i < 50 && pids.some(running); i++) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(running)).toEqual([]);
  });
});
