import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { checkHaproxyConfig, requireHaproxy, runHaproxy } from '../../platform/haproxy/haproxy-process.js';

/** A server a test started; stop() ends it. */
export interface Service {
  port: number;
  stop(): Promise<void>;
}

/** Where the e2e servers keep their files: outside the repository, like the Docker engine's data. */
const STATE = process.env.PAASPORT_E2E_STATE ?? '/var/lib/paasport-e2e';
export const REGISTRY = '127.0.0.1:5000';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(host: string, port: number, child: ChildProcess, what: string, log: () => string) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${log()}`);
    if (await answers(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on ${host}:${port}: ${log()}`);
}

function startProcess(command: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}

/**
 * The private registry (Debian's docker-registry) on 127.0.0.1:5000, started unless it answers already. It keeps
 * running after the tests, like the Docker engine, its storage in STATE/registry.
 */
export async function ensureRegistry(): Promise<string> {
  const [host, port] = [REGISTRY.split(':')[0], Number(REGISTRY.split(':')[1])];
  if (await answers(host, port)) return REGISTRY;
  const dir = path.join(STATE, 'registry');
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${path.join(dir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: ${REGISTRY} }`,
      '',
    ].join('\n'),
  );
  const child = spawn('docker-registry', ['serve', config], { detached: true, stdio: 'ignore' });
  child.unref();
  await waitForPort(host, port, child, 'docker-registry', () => `see ${config}`);
  return REGISTRY;
}

/** Redis (Debian's redis-server) on the given addresses with a password, no persistence, until stop(). */
export async function startRedis(bind: string[], password: string): Promise<Service> {
  const port = await freePort();
  const { child, output } = startProcess('redis-server', [
    '--bind',
    ...bind,
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--requirepass',
    password,
  ]);
  await waitForPort(bind[0], port, child, 'redis-server', output);
  return { port, stop: stopper(child) };
}

/** HAProxy (Debian's haproxy) in the foreground with the given configuration, once it listens on `port`. */
export async function startHaproxy(config: string, port: number): Promise<Service> {
  mkdirSync(STATE, { recursive: true });
  const file = path.join(STATE, `haproxy-${port}.cfg`);
  writeFileSync(file, config);
  const bin = requireHaproxy();
  const check = checkHaproxyConfig(bin, file);
  if (!check.valid) throw new Error(`HAProxy refuses ${file}: ${check.output}`);
  const child = runHaproxy(bin, file);
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForPort('127.0.0.1', port, child, 'haproxy', () => output);
  const stop = stopper(child);
  return {
    port,
    stop: async () => {
      await stop();
      rmSync(file, { force: true });
    },
  };
}
