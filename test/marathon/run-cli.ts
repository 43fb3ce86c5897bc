import { spawn } from 'node:child_process';
import { CLI, ROOT } from '../helpers.js';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * The built CLI, run without blocking: the Marathon stand-in answers from this process while the command runs.
 * MARATHON_* variables of the caller's environment are left out; `env` gives the ones a test wants.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MARATHON_')));
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...base, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}
