import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A program on PATH or in the sbin folders Debian installs daemons into, or undefined. */
export function findProgram(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const dirs = [...envPath.split(path.delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  return dirs
    .map((d) => path.join(d, name))
    .find((f) => {
      try {
        accessSync(f, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** A TCP port nobody listens on at the moment. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve, reject) => s.once('error', reject).listen(0, host, resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Whether `pid` is still a process running `program` (a pid file can outlive its process, and pids are reused). */
export function isRunning(pid: number, program: string): boolean {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return false;
  // redis-server rewrites its title to "/usr/bin/redis-server 127.0.0.1:6379": the program is the first word
  const first = readFileSync(file, 'utf8').split('\0')[0].split(' ')[0];
  return path.basename(first) === program;
}

/**
 * Whether a process has let go of everything it held: gone, or a zombie. An exiting process drops its memory (and
 * with it the command line `isRunning` reads) before it closes its files, so its listening sockets outlive that.
 */
function released(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    return true;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends a process this tool started, by its pid, only while it is still that program; waits until it is gone. */
export async function stopProcess(pid: number, program: string): Promise<boolean> {
  if (!isRunning(pid, program)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isRunning(pid, program); i++) await pause(100);
  if (isRunning(pid, program)) process.kill(pid, 'SIGKILL');
  // its ports are free once it has closed its files, a moment after its command line is gone
  for (let i = 0; i < 100 && !released(pid); i++) await pause(20);
  return true;
}

/** Waits until something accepts connections on host:port. */
export async function waitForPort(host: string, port: number, tries = 50): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, host, () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
