import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haproxyConfig, type LbConfigInput, type LbHealthCheck } from '../platform/haproxy/haproxy-config.js';
import { checkHaproxyConfig, findHaproxy, runHaproxy } from '../platform/haproxy/haproxy-process.js';
import { lbRouting } from '../platform/haproxy/marathon-lb-labels.js';
import { makeTree, removeTree } from './helpers.js';

const HAPROXY = findHaproxy();
const needHaproxy = (): string => {
  if (!HAPROXY) throw new Error('haproxy is not installed: apt-get install -y haproxy (Debian package)');
  return HAPROXY;
};

/** A small app task: answers its own name, and its health path with 200 or 500. */
interface Task {
  name: string;
  port: number;
  server: http.Server;
}

async function startTask(name: string, healthy: boolean): Promise<Task> {
  const server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(healthy ? 200 : 500).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { name, port: (server.address() as net.AddressInfo).port, server };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

interface Reply {
  status: number;
  body: string;
  cookie?: string;
}

function get(port: number, headers: Record<string, string> = {}, urlPath = '/'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
        resolve({ status: res.statusCode ?? 0, body, ...(cookie ? { cookie } : {}) });
      });
    });
    req.on('error', reject);
  });
}

/** Requests until `done` holds for a reply, so a test waits for HAProxy to listen or to see a health check. */
async function until(ask: () => Promise<Reply>, done: (r: Reply) => boolean, tries = 150): Promise<Reply> {
  let last: Reply | Error = new Error('no reply');
  for (let i = 0; i < tries; i++) {
    try {
      last = await ask();
      if (done(last)) return last;
    } catch (e) {
      last = e as Error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`HAProxy never answered as expected; last: ${JSON.stringify(last)}`);
}

let dir: string;
let tasks: Task[] = [];
let proxy: ChildProcess | undefined;

beforeAll(() => {
  dir = makeTree({});
});
afterEach(async () => {
  proxy?.kill();
  proxy = undefined;
  await Promise.all(tasks.map((t) => new Promise((r) => t.server.close(r))));
  tasks = [];
});
afterAll(() => removeTree(dir));

const HEALTH = { protocol: 'HTTP', path: '/health', intervalSeconds: 1, timeoutSeconds: 1, maxConsecutiveFailures: 1 };

async function startProxy(labels: Record<string, string>, health: LbHealthCheck = HEALTH) {
  const bin = needHaproxy();
  const [httpPort, appPort] = [await freePort(), await freePort()];
  const input: LbConfigInput = {
    appId: '/apps/shop',
    servicePort: 10000,
    routing: lbRouting(labels),
    healthCheck: health,
    servers: tasks.map((t) => ({ name: t.name, host: '127.0.0.1', port: t.port })),
    bindAddress: '127.0.0.1',
    httpPort,
    appPort,
  };
  const file = path.join(dir, `haproxy-${httpPort}.cfg`);
  writeFileSync(file, haproxyConfig(input));
  const check = checkHaproxyConfig(bin, file);
  expect(check.output).not.toMatch(/\[WARNING\]|\[ALERT\]/);
  expect(check.valid).toBe(true);
  proxy = runHaproxy(bin, file);
  return { httpPort, appPort };
}

describe('HAProxy configured from marathon-lb labels, run by the real haproxy', () => {
  it('the binary is installed (npm test needs the Debian haproxy package)', () => {
    expect(HAPROXY, 'haproxy is not installed: apt-get install -y haproxy').toBeDefined();
  });

  it('haproxy -c refuses a broken configuration, so the validation is real', () => {
    const file = path.join(dir, 'broken.cfg');
    writeFileSync(file, 'defaults\n  mode http\nbackend b\n  server s1 127.0.0.1:notaport\n');
    expect(checkHaproxyConfig(needHaproxy(), file).valid).toBe(false);
  });

  it('forwards a TCP-mode port (HAPROXY_0_MODE=tcp, a TCP health check) byte for byte', async () => {
    const echo = net.createServer((c) => c.pipe(c));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    tasks = [{ name: 'echo', port: (echo.address() as net.AddressInfo).port, server: echo as unknown as http.Server }];
    const tcpCheck = { protocol: 'TCP', intervalSeconds: 1, timeoutSeconds: 1, maxConsecutiveFailures: 1 };
    const { appPort } = await startProxy({ HAPROXY_0_MODE: 'tcp' }, tcpCheck);
    const roundTrip = (): Promise<Reply> =>
      new Promise((resolve, reject) => {
        const c = net.connect(appPort, '127.0.0.1', () => c.write('PING\n'));
        c.on('data', (d) => {
          resolve({ status: 200, body: d.toString() });
          c.end();
        });
        c.on('error', reject);
      });
    expect((await until(roundTrip, (r) => r.body === 'PING\n')).body).toBe('PING\n');
  });

  it('routes a virtual host to both tasks in turn and answers 503 to another host', async () => {
    tasks = [await startTask('task-a', true), await startTask('task-b', true)];
    const { httpPort, appPort } = await startProxy({ HAPROXY_GROUP: 'external', HAPROXY_0_VHOST: 'shop.example.com' });
    const host = { host: 'shop.example.com' };
    await until(
      () => get(httpPort, host),
      (r) => r.status === 200,
    );
    const bodies = [];
    for (let i = 0; i < 6; i++) bodies.push((await get(httpPort, host)).body);
    expect(new Set(bodies)).toEqual(new Set(['task-a', 'task-b']));
    expect((await get(httpPort, { host: 'shop.example.com:8080' })).status).toBe(200);
    expect((await get(httpPort, { host: 'other.example.com' })).status).toBe(503);
    expect((await get(appPort)).status).toBe(200);
  });

  it('routes a virtual host with a path only under that path', async () => {
    tasks = [await startTask('task-a', true)];
    const labels = { HAPROXY_0_VHOST: 'shop.example.com', HAPROXY_0_PATH: '/shop' };
    const { httpPort } = await startProxy(labels);
    const host = { host: 'shop.example.com' };
    await until(
      () => get(httpPort, host, '/shop/cart'),
      (r) => r.status === 200,
    );
    expect((await get(httpPort, host, '/admin')).status).toBe(503);
  });

  it('keeps a client on one task with the sticky cookie when HAPROXY_0_STICKY=true', async () => {
    tasks = [await startTask('task-a', true), await startTask('task-b', true)];
    const { appPort } = await startProxy({ HAPROXY_0_STICKY: 'true' });
    const first = await until(
      () => get(appPort),
      (r) => r.status === 200,
    );
    expect(first.cookie).toMatch(/^mesosphere_server_id=task-[ab]$/);
    for (let i = 0; i < 6; i++) expect((await get(appPort, { cookie: first.cookie! })).body).toBe(first.body);
    const without = new Set<string>();
    for (let i = 0; i < 6; i++) without.add((await get(appPort)).body);
    expect(without.size).toBe(2);
  });

  it('sets no cookie without the sticky label', async () => {
    tasks = [await startTask('task-a', true)];
    const { appPort } = await startProxy({});
    expect(
      (
        await until(
          () => get(appPort),
          (r) => r.status === 200,
        )
      ).cookie,
    ).toBeUndefined();
  });

  it('skips a task whose health check fails', async () => {
    tasks = [await startTask('task-ok', true), await startTask('task-sick', false)];
    const { appPort } = await startProxy({});
    // once HAProxy has seen the failed check, every request goes to the healthy task
    const sixInARow = async (): Promise<Reply> => {
      const bodies = [];
      for (let i = 0; i < 6; i++) bodies.push((await get(appPort)).body);
      return { status: 200, body: [...new Set(bodies)].join(',') };
    };
    expect((await until(sixInARow, (r) => r.body === 'task-ok')).body).toBe('task-ok');
  });
});
