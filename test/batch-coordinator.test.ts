import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marathonValidators, validationErrors } from '../generators/deploy/marathon-schema.js';
import { zkSession, type ZkSession } from '../platform/zookeeper/zk-session.js';
import { CLI, removeTree, ROOT } from './helpers.js';
import { startZooKeeper, zookeeperInstalled, type ZooKeeperServer } from './support/zookeeper-server.js';

const APPS = 8;
const PORTFOLIO = ['portfolio.html', 'portfolio.json', 'marathon-group.json', 'batch-report.md'];
const FIXTURES = readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.expected.yaml'))
  .map((f) => f.replace(/\.expected\.yaml$/, ''))
  .sort();

let dir: string;
let inventory: string;
let zk: ZooKeeperServer;
let session: ZkSession;

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A worker process of `paasport batch --coordinator`, its output collected. */
function worker(zkPath: string, out: string, jobs = 1) {
  const url = `zk://${zk.connect}${zkPath}`;
  const child = spawn(
    process.execPath,
    [CLI, 'batch', inventory, '--coordinator', url, '-o', out, '--jobs', String(jobs)],
    {
      cwd: dir,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out: stdout, err: stderr })),
  );
  return { child, id: `${os.hostname()}:${child.pid}`, exited };
}

const doneCount = (out: string) => Number(/ (\d+) done,/.exec(out)?.[1]);

/** The one run under a path, once a worker made it. */
async function runRoot(zkPath: string): Promise<string> {
  for (;;) {
    const runs = await session.children(zkPath);
    if (runs.length) return `${zkPath}/${runs[0]}`;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function doneBy(root: string): Promise<Record<string, string | undefined>> {
  const names = await session.children(`${root}/done`);
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await session.data(`${root}/done/${n}`)])));
}

const samePortfolio = (a: string, b: string) => {
  for (const f of PORTFOLIO) expect(read(b, f), `${f} of ${b}`).toBe(read(a, f));
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-coord-'));
  const lines = ['apps:'];
  for (let i = 1; i <= APPS; i++) {
    const name = `app-${i}`;
    cpSync(path.join(ROOT, 'fixtures', FIXTURES[i % FIXTURES.length]), path.join(dir, 'apps', name), {
      recursive: true,
    });
    lines.push(`  - name: ${name}`, `    path: apps/${name}`);
  }
  inventory = path.join(dir, 'inventory.yaml');
  writeFileSync(inventory, lines.join('\n') + '\n');
  if (!zookeeperInstalled()) return;
  zk = await startZooKeeper();
  session = await zkSession(zk.connect);
  const local = run(['batch', inventory, '-o', 'local', '-q']);
  expect(local.code, local.err).toBe(0);
}, 120_000);

afterAll(async () => {
  session?.close();
  await zk?.stop();
  removeTree(dir);
});

describe.runIf(zookeeperInstalled())('paasport batch --coordinator zk://', { timeout: 180_000 }, () => {
  it('two workers (one of two jobs) share the apps: each done once, the portfolio of a single run', async () => {
    const [a, b] = [worker('/two', 'shared', 2), worker('/two', 'shared')];
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra.code, ra.err).toBe(0);
    expect(rb.code, rb.err).toBe(0);
    expect(doneCount(ra.out) + doneCount(rb.out)).toBe(APPS);
    const done = await doneBy(await runRoot('/two'));
    expect(Object.keys(done).sort()).toEqual(Array.from({ length: APPS }, (_, i) => `app-${i + 1}`).sort());
    for (const by of Object.values(done)) expect([a.id, b.id]).toContain(by);
    expect(await session.children(`${await runRoot('/two')}/claims`)).toEqual([]);
    samePortfolio(path.join(dir, 'local'), path.join(dir, 'shared'));
  });

  it('a worker killed mid-run: the other takes its claimed app once its session ends, and finishes every app', async () => {
    const [a, b] = [worker('/killed', 'shared-killed'), worker('/killed', 'shared-killed')];
    const root = await runRoot('/killed');
    let held: string | undefined;
    while (!held && a.child.exitCode === null) {
      for (const app of await session.children(`${root}/claims`))
        if ((await session.data(`${root}/claims/${app}`)) === a.id) held = app;
    }
    expect(held, 'the first worker claimed an app').toBeDefined();
    a.child.kill('SIGKILL');
    const rb = await b.exited;
    expect(rb.code, rb.err).toBe(0);
    const done = await doneBy(root);
    expect(Object.keys(done)).toHaveLength(APPS);
    expect(done[held!]).toBe(b.id);
    samePortfolio(path.join(dir, 'local'), path.join(dir, 'shared-killed'));
  });

  it('refuses a bad address (exit 2) and says what to check when ZooKeeper does not answer (exit 3)', async () => {
    for (const bad of ['http://zk1:2181/x', 'zk:///paasport', 'zk://zk1:port/x']) {
      const r = run(['batch', inventory, '-o', 'bad', '--coordinator', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('expected zk://HOST:PORT');
    }
    expect(run(['batch', inventory, '--coordinator', `zk://${zk.connect}/x`, '--shard', '1/2']).code).toBe(2);
    const server = net.createServer(); // a port nobody listens on
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const r = run(['batch', inventory, '-o', 'down', '--coordinator', `zk://127.0.0.1:${port}/paasport`]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/ZooKeeper 127\.0\.0\.1:\d+: no answer .*check that it runs/);
  });
});

describe('paasport batch --emit-worker-app', () => {
  it('writes a Marathon app of N workers that the official schema accepts, for each API version', () => {
    for (const version of ['1.1', '1.4', '1.5'] as const) {
      const file = path.join(dir, `workers-${version}.json`);
      const args = ['--coordinator', 'zk://zk1,zk2:2182/paasport', '-o', 'shared', '--workers', '3'];
      const r = run(['batch', inventory, ...args, '--marathon-version', version, '--emit-worker-app', file]);
      expect(r.code, r.err).toBe(0);
      const app = JSON.parse(read(file));
      expect(validationErrors(marathonValidators(version).app, app)).toEqual([]);
      expect(app.instances).toBe(3);
      expect(app.cmd).toContain(
        `paasport batch ${inventory} --coordinator zk://zk1,zk2:2182/paasport -o ${path.join(dir, 'shared')}`,
      );
      expect(app.cmd).toContain(`--marathon-version ${version}`);
      expect(app.container.volumes).toContainEqual({
        containerPath: path.join(dir, 'shared'),
        hostPath: path.join(dir, 'shared'),
        mode: 'RW',
      });
      expect(app.container.volumes).toContainEqual({ containerPath: dir, hostPath: dir, mode: 'RO' });
    }
    const image = run([
      'batch',
      inventory,
      '--coordinator',
      'zk://zk1/p',
      '--emit-worker-app',
      'w.json',
      '--image',
      'r/p:1',
    ]);
    expect(JSON.parse(read(dir, 'w.json')).container.docker.image).toBe('r/p:1');
    expect(image.code).toBe(0);
    expect(run(['batch', inventory, '--emit-worker-app', 'w.json']).code).toBe(2); // no --coordinator
  });
});
