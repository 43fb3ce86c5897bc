import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fuzzTree, seedFiles } from './cases.js';

export interface FuzzOptions {
  cli: string; // the built paasport CLI
  fixtures: string; // where the seed files come from
  trees: number;
  size: number; // files per tree
  seed: number;
  timeoutMs: number; // a tree that takes longer is a hang
  onTree?: (done: number, total: number) => void;
}

export interface FuzzOutcome {
  tree: number;
  kind: 'crash' | 'hang' | 'bad-output';
  detail: string;
}

function assessTree(
  cli: string,
  dir: string,
  timeoutMs: number,
): Promise<{ code: number | null; out: string; err: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'assess', dir, '--format', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, timedOut });
    });
  });
}

/** Assesses each tree with the built CLI: exit 3 is a crash, no answer in time a hang, output that is not JSON bad. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzOutcome[]> {
  const seeds = seedFiles(o.fixtures);
  const problems: FuzzOutcome[] = [];
  for (let t = 0; t < o.trees; t++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-fuzz-'));
    try {
      for (const [rel, bytes] of Object.entries(fuzzTree(o.seed, t, seeds, o.size))) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), bytes);
      }
      const r = await assessTree(o.cli, dir, o.timeoutMs);
      if (r.timedOut) problems.push({ tree: t, kind: 'hang', detail: `no answer in ${o.timeoutMs} ms` });
      else if (r.code !== 0)
        problems.push({ tree: t, kind: 'crash', detail: `exit ${r.code}: ${r.err.slice(0, 500)}` });
      else {
        try {
          JSON.parse(r.out);
        } catch (e) {
          problems.push({ tree: t, kind: 'bad-output', detail: (e as Error).message });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    o.onTree?.(t + 1, o.trees);
  }
  return problems;
}
