import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../../analyzers/errors.js';

const INSTALL_HINT = 'install it (Debian: apt-get install -y haproxy) or pass --haproxy-image to run it in a container';

/** The haproxy binary on PATH (Debian puts it in /usr/sbin, which a user's PATH may lack), or undefined. */
export function findHaproxy(envPath = process.env.PATH ?? ''): string | undefined {
  const dirs = [...envPath.split(path.delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const file = path.join(dir, 'haproxy');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export function requireHaproxy(): string {
  const bin = findHaproxy();
  if (!bin) throw new PaasportError(`no haproxy binary found: ${INSTALL_HINT}`);
  return bin;
}

/** `haproxy -c`: the configuration file as HAProxy itself reads it; the output says what is wrong. */
export function checkHaproxyConfig(bin: string, file: string): { valid: boolean; output: string } {
  const r = spawnSync(bin, ['-c', '-f', file], { encoding: 'utf8' });
  return { valid: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** A haproxy in the foreground, ended with the returned process (tests, and a caller that stays up). */
export function runHaproxy(bin: string, file: string): ChildProcess {
  return spawn(bin, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A haproxy that outlives this command (`-D`): its pid is read from the pid file it writes. */
export function startHaproxyDaemon(bin: string, file: string, pidFile: string): number {
  const r = spawnSync(bin, ['-D', '-f', file, '-p', pidFile], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new PaasportError(`haproxy did not start: ${`${r.stderr}${r.stdout}`.trim()}`, 'failed');
  }
  return Number(readFileSync(pidFile, 'utf8').trim().split('\n')[0]);
}
