// Child processes of the trial: paasport's CLI, git, javac, shellcheck. Output is kept whole (large apps print a lot).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOutput } from './types.js';

const MAX_OUTPUT = 1024 * 1024 * 1024;

export function run(command: string, args: string[], cwd?: string, env?: Record<string, string>): RunOutput {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT, env: { ...process.env, ...env } });
  if (r.error) return { code: null, stdout: '', stderr: r.error.message };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The built CLI beside this script: dist/cli/main.js. */
function cliPath(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.js');
}

export function paasport(args: string[], cwd?: string): RunOutput {
  return run(process.execPath, [cliPath(), ...args], cwd);
}

/** Git with an identity of its own, so commits work in a copy whatever the machine's configuration. */
export function git(args: string[], cwd: string): RunOutput {
  return run('git', ['-c', 'user.name=paasport trial', '-c', 'user.email=trial@localhost', ...args], cwd);
}

/** The first lines of a failed run's message (stack frames left out), on one line, for a table cell. */
export function failureText(out: RunOutput, n = 2): string {
  const lines = (out.stderr || out.stdout).split('\n').filter((l) => l.trim() && !/^\s+at /.test(l));
  return lines
    .slice(0, n)
    .map((l) => l.trim())
    .join(' / ')
    .slice(0, 240);
}
