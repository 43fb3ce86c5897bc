import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFolder } from '../platform/docker/deploy-folder.js';
import { findProgram, isRunning, waitForPort } from '../platform/docker/host-process.js';
import {
  marathonAppDef,
  sizeInBytes,
  taskContainer,
  type MarathonAppDef,
} from '../platform/docker/marathon-container.js';
import { stateFile, stopPreview } from '../platform/docker/preview.js';
import { parseEnvFile, previewEnv } from '../platform/docker/preview-env.js';
import { startStoreProcess, storeEnv } from '../platform/docker/session-store-process.js';
import { findHaproxy, startHaproxyDaemon } from '../platform/haproxy/haproxy-process.js';
import type { PreviewState } from '../platform/types.js';
import { CLI, makeTree, removeTree, ROOT } from './helpers.js';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, DOCKER_HOST: 'unix:///tmp/paasport-no-engine.sock' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dirs: string[] = [];
const tree = (files: Record<string, string>) => {
  const d = makeTree(files);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeTree));

/** The app definition `paasport generate` writes for the servlet shop in a Marathon format. */
function generatedDefinition(version: '1.1' | '1.5'): Record<string, unknown> {
  const out = path.join(tree({}), 'deploy');
  const r = run(['generate', path.join(ROOT, 'fixtures/servlet-shop'), '--out', out, '--marathon-version', version]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(readFileSync(path.join(out, 'marathon-app.json'), 'utf8'));
}

describe('a task container from the generated Marathon definition', () => {
  let v15: MarathonAppDef;
  let v11: MarathonAppDef;
  // two whole `paasport generate` runs: on a busy machine they take longer than a hook's default 10 s
  beforeAll(() => {
    v15 = marathonAppDef(generatedDefinition('1.5'));
    v11 = marathonAppDef(generatedDefinition('1.1'));
  }, 60_000);

  it('reads ports, volumes, labels and parameters in the 1.1 and the 1.5 format alike', () => {
    for (const def of [v11, v15]) {
      expect(def.id).toBe('/apps/servlet-shop');
      expect(def.containerPorts).toEqual([8080]);
      expect(def.volumes.map((v) => v.containerPath)).toContain('/logs');
      expect(def.labels.HAPROXY_GROUP).toBeDefined();
      expect(def.parameters.length).toBeGreaterThan(0);
    }
  });

  it('publishes the container port on a random loopback port, mounts the volumes and applies the parameters', () => {
    const { spec, ignored } = taskContainer(
      {
        ...v15,
        parameters: [...v15.parameters, { key: 'cpuset-cpus', value: '0' }, { key: 'log-driver', value: 'x' }],
      },
      {
        index: 2,
        name: 'shop-2',
        image: 'shop:1',
        env: { LOG_DIR: '/logs' },
        hostPathOf: (p) => `/tmp/vol${p}`,
        labels: { 'paasport.preview': '/apps/shop' },
        bindAddress: '127.0.0.1',
      },
    );
    expect(spec.HostConfig!.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
    expect(spec.HostConfig!.Binds).toContain('/tmp/vol/data/logs:/logs:rw');
    expect(spec.HostConfig!.Memory).toBe(v15.mem! * 1024 * 1024);
    expect(spec.HostConfig!.CpuPeriod).toBe(100000);
    expect(spec.HostConfig!.CpusetCpus).toBe('0');
    expect(spec.HostConfig!.MemorySwap).toBeGreaterThanOrEqual(spec.HostConfig!.Memory!);
    expect(spec.Env).toEqual(
      expect.arrayContaining(['LOG_DIR=/logs', 'MARATHON_APP_ID=/apps/servlet-shop', 'HOST=preview-2']),
    );
    expect(spec.Labels).toEqual({ 'paasport.preview': '/apps/shop' });
    expect(ignored).toEqual(['log-driver=x']);
  });

  it('reads docker sizes as docker run does', () => {
    expect(sizeInBytes('1024m')).toBe(1024 ** 3);
    expect(sizeInBytes('1g')).toBe(1024 ** 3);
    expect(sizeInBytes('512')).toBe(512);
    expect(() => sizeInBytes('lots')).toThrow(/512m/);
  });
});

describe("a task's environment", () => {
  const def = (env: MarathonAppDef['env']) => ({ env }) as MarathonAppDef;

  it('reads .paasport.env as paasport fix writes it', () => {
    expect(parseEnvFile('# values\nDB_URL=jdbc:mysql://db/x?a=1&b=2\nTITLE="My Shop"\nbad line\n')).toEqual({
      DB_URL: 'jdbc:mysql://db/x?a=1&b=2',
      TITLE: 'My Shop',
    });
  });

  it('takes secrets and the variables the definition leaves unset from .paasport.env; the store wins', () => {
    const env = previewEnv(
      def({ LOG_DIR: '/logs', DB_PASSWORD: { secret: 'db-password' } }),
      [{ name: 'API_KEY', secret: true }, { name: 'REDIS_HOST' }, { name: 'JDBC_URL' }, { name: 'UNSET' }],
      { DB_PASSWORD: 's3cret', API_KEY: 'k', REDIS_HOST: 'localhost', JDBC_URL: 'jdbc:h2:mem:x' },
      '/app/.paasport.env',
      { REDIS_HOST: '172.17.0.1', REDIS_PORT: '6390' },
    );
    expect(env).toEqual({
      LOG_DIR: '/logs',
      DB_PASSWORD: 's3cret',
      API_KEY: 'k',
      JDBC_URL: 'jdbc:h2:mem:x',
      REDIS_HOST: '172.17.0.1',
      REDIS_PORT: '6390',
    });
  });

  it('refuses to start without a secret, naming it and the file to put it in', () => {
    expect(() => previewEnv(def({ DB_PASSWORD: { secret: 'db-password' } }), [], {}, '/app/.paasport.env', {})).toThrow(
      /DB_PASSWORD .*\/app\/\.paasport\.env/,
    );
  });

  it("gives the session manager the store's address under the names it reads", () => {
    const a = { host: '172.17.0.1', port: 6390 };
    expect(storeEnv('redis', ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'], a)).toEqual({
      REDIS_HOST: '172.17.0.1',
      REDIS_PORT: '6390',
    });
    expect(storeEnv('memcached', ['MEMCACHED_NODES'], a)).toEqual({ MEMCACHED_NODES: 'n1:172.17.0.1:6390' });
  });
});

/** Commands of a text protocol (Redis, memcached) over a plain socket, for a real answer from the server. */
function redis(port: number, commands: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = '';
    const c = net.connect(port, '127.0.0.1', () => c.write(commands));
    c.on('data', (d) => {
      reply += d.toString();
      if (reply.split('\r\n').length > commands.split('\r\n').length - 1) c.end();
    });
    c.on('end', () => resolve(reply));
    c.on('error', reject);
    setTimeout(() => c.end(), 2000);
  });
}

describe('host processes of a preview', () => {
  const hasRedis = !!findProgram('redis-server');

  it.skipIf(!hasRedis)('starts a host redis-server on a free port with the password, and --down stops it', async () => {
    const app = tree({ 'deploy/marathon-app.json': '{}' });
    const f = deployFolder(app);
    const work = path.join(f.outDir, '.preview');
    mkdirSync(work);
    const store = await startStoreProcess('redis', ['127.0.0.1'], work, 'p4ss');
    expect(await redis(store.port, 'PING\r\n')).toMatch(/^-NOAUTH/);
    expect(await redis(store.port, 'AUTH p4ss\r\nPING\r\n')).toBe('+OK\r\n+PONG\r\n');
    process.kill(store.pid, 'SIGTERM');
    for (let i = 0; i < 50 && isRunning(store.pid, 'redis-server'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isRunning(store.pid, 'redis-server')).toBe(false);
    // a password with what redis.conf would split or unquote: spaces, both quotes, a backslash, non-ASCII
    const hard = `e2e pa$$ 'w&rd "q" \\ π`;
    const work2 = path.join(f.outDir, '.preview2'); // its own pid file: the first redis removes its own on exit
    mkdirSync(work2);
    const second = await startStoreProcess('redis', ['127.0.0.1'], work2, hard);
    const len = Buffer.byteLength(hard);
    expect(await redis(second.port, `*2\r\n$4\r\nAUTH\r\n$${len}\r\n${hard}\r\nPING\r\n`)).toBe('+OK\r\n+PONG\r\n');
    expect(await redis(second.port, '*2\r\n$4\r\nAUTH\r\n$3\r\ne2e\r\n')).toMatch(/^-(WRONGPASS|ERR)/);
    Object.assign(store, second);
    const state: PreviewState = { appDir: app, appId: '/a', image: 'a:1', tasks: [], urls: [], store };
    writeFileSync(stateFile(f), JSON.stringify(state));
    await stopPreview(undefined, f, () => undefined);
    expect(isRunning(store.pid, 'redis-server')).toBe(false);
    expect(await waitForPort('127.0.0.1', store.port, 1)).toBe(false);
    expect(existsSync(stateFile(f))).toBe(false);
  });

  it.skipIf(!findProgram('memcached'))('starts a host memcached on a free port, and --down stops it', async () => {
    const app = tree({ 'deploy/marathon-app.json': '{}' });
    const f = deployFolder(app);
    const work = path.join(f.outDir, '.preview');
    mkdirSync(work);
    const store = await startStoreProcess('memcached', ['127.0.0.1'], work);
    expect(await redis(store.port, 'set k 0 0 2\r\nhi\r\nget k\r\n')).toMatch(/^STORED\r\nVALUE k 0 2\r\nhi\r\n/);
    const state: PreviewState = { appDir: app, appId: '/a', image: 'a:1', tasks: [], urls: [], store };
    writeFileSync(stateFile(f), JSON.stringify(state));
    await stopPreview(undefined, f, () => undefined);
    expect(isRunning(store.pid, 'memcached')).toBe(false);
    expect(await waitForPort('127.0.0.1', store.port, 1)).toBe(false);
  });

  it('--down stops the HAProxy daemon it started, by the pid it kept', async () => {
    const bin = findHaproxy();
    if (!bin) throw new Error('haproxy is not installed: apt-get install -y haproxy');
    const app = tree({ 'deploy/marathon-app.json': '{}' });
    const f = deployFolder(app);
    const work = path.join(f.outDir, '.preview');
    mkdirSync(work);
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    writeFileSync(
      path.join(work, 'haproxy.cfg'),
      `defaults\n  mode http\n  timeout connect 1s\n  timeout client 1s\n  timeout server 1s\nfrontend f\n  bind 127.0.0.1:${port}\n`,
    );
    const pid = startHaproxyDaemon(bin, path.join(work, 'haproxy.cfg'), path.join(work, 'haproxy.pid'));
    expect(await waitForPort('127.0.0.1', port)).toBe(true);
    const state: PreviewState = {
      appDir: app,
      appId: '/a',
      image: 'a:1',
      tasks: [],
      urls: [],
      haproxy: { kind: 'process', pid },
    };
    writeFileSync(stateFile(f), JSON.stringify(state));
    expect(await stopPreview(undefined, f, () => undefined)).toBe(1);
    expect(await waitForPort('127.0.0.1', port, 1)).toBe(false);
  });
});

describe('paasport preview on the command line', () => {
  it('says to run generate first when there is no app definition (exit 2)', () => {
    const r = run(['preview', tree({ 'src/A.java': 'class A {}' })]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('run paasport generate first');
  });

  it('says no engine answers, naming the address (exit 3)', () => {
    const app = tree({
      'deploy/marathon-app.json': JSON.stringify({ id: '/a', container: { docker: { image: 'a:1' } } }),
    });
    const r = run(['preview', app]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('no Docker engine at /tmp/paasport-no-engine.sock');
  });

  it('--down with nothing running says so and exits 0', () => {
    const r = run(['preview', tree({ 'deploy/marathon-app.json': '{}' }), '--down']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No preview');
  });
});
