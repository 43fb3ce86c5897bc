import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../../analyzers/errors.js';
import { findProgram, freePort, waitForPort } from './host-process.js';

export type StoreKind = 'redis' | 'memcached';

export interface StoreAddress {
  host: string;
  port: number;
}

const PROGRAM: Record<StoreKind, string> = { redis: 'redis-server', memcached: 'memcached' };

/** What a task reads to reach the store, by the names the session manager's configuration uses. */
export function storeEnv(kind: StoreKind, names: string[], a: StoreAddress): Record<string, string> {
  const env: Record<string, string> = {};
  for (const n of names) {
    if (/NODES$/.test(n)) env[n] = `n1:${a.host}:${a.port}`;
    else if (/(URL|URI|ADDRESS)$/.test(n))
      env[n] = kind === 'redis' ? `redis://${a.host}:${a.port}` : `${a.host}:${a.port}`;
    else if (/HOST$/.test(n)) env[n] = a.host;
    else if (/PORT$/.test(n)) env[n] = String(a.port);
  }
  return env;
}

/** `--redis host:port`: an existing store. */
export function parseStoreAddress(v: string): StoreAddress {
  const m = /^([^:\s]+):(\d{1,5})$/.exec(v.trim());
  if (!m) throw new PaasportError(`--redis ${v}: expected host:port`);
  return { host: m[1], port: Number(m[2]) };
}

export interface StoreProcess {
  kind: StoreKind;
  program: string;
  pid: number;
  port: number;
}

/** A value as one argument of redis.conf: double-quoted, with the escapes its parser reads (\\ \" \xHH). */
export function redisConfString(value: string): string {
  const escaped = [...Buffer.from(value, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (c === '\\' || c === '"') return `\\${c}`;
      return b < 0x20 || b > 0x7e ? `\\x${b.toString(16).padStart(2, '0')}` : c;
    })
    .join('');
  return `"${escaped}"`;
}

function startRedis(bin: string, bind: string[], port: number, dir: string, password?: string): void {
  const conf = path.join(dir, 'redis.conf');
  const lines = [
    `port ${port}`,
    `bind ${bind.join(' ')}`,
    'protected-mode no',
    'daemonize yes',
    `pidfile ${path.join(dir, 'redis.pid')}`,
    `logfile ${path.join(dir, 'redis.log')}`,
    `dir ${dir}`,
    'save ""',
    'appendonly no',
    ...(password ? [`requirepass ${redisConfString(password)}`] : []),
  ];
  writeFileSync(conf, lines.join('\n') + '\n');
  chmodSync(conf, 0o600); // it may hold the password
  const r = spawnSync(bin, [conf], { encoding: 'utf8' });
  if (r.status !== 0) throw new PaasportError(`redis-server did not start: ${r.stderr || r.stdout}`, 'failed');
}

function startMemcached(bin: string, bind: string[], port: number, dir: string): void {
  // memcached refuses root without -u; the pid file goes where only this user may write
  const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const args = ['-d', '-p', String(port), '-l', bind.join(','), '-P', path.join(dir, 'memcached.pid'), ...user];
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new PaasportError(`memcached did not start: ${r.stderr || r.stdout}`, 'failed');
}

/** A host redis-server or memcached on a free port, listening on `bind`, its files (pid, log) in `dir`. */
export async function startStoreProcess(
  kind: StoreKind,
  bind: string[],
  dir: string,
  password?: string,
): Promise<StoreProcess> {
  const program = PROGRAM[kind];
  const bin = findProgram(program);
  if (!bin) {
    const pkg = kind === 'redis' ? 'redis-server' : 'memcached';
    throw new PaasportError(
      `the app keeps sessions in ${kind} and no ${program} is installed: apt-get install -y ${pkg}, ` +
        `or pass --redis HOST:PORT of a running one`,
    );
  }
  const port = await freePort();
  if (kind === 'redis') startRedis(bin, bind, port, dir, password);
  else startMemcached(bin, bind, port, dir);
  if (!(await waitForPort(bind[0], port))) {
    throw new PaasportError(`${program} started but does not answer on ${bind[0]}:${port}`, 'failed');
  }
  // the daemon writes its pid file once it has forked: wait for it as for the port
  const pidFile = path.join(dir, `${kind}.pid`);
  for (let i = 0; i < 50 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return { kind, program, pid, port };
}
