// Throughput on trees shaped like real legacy apps, against the JDK tree's: the generated legacy-shaped tree, and with
// `--corpus DIR` every app checked out under DIR (never committed). Each assessment runs in a process of its own
// (assess-once.ts), so that each peak RSS is its own; two threads and one, in the same run.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { legacyTree } from './legacy-tree.js';

interface Once {
  ms: number;
  stages: Record<string, number>;
  lines: number;
  files: Record<string, number>;
  findings: number;
  rssMb: number;
}

const ONCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assess-once.js');

function assessOnce(dir: string, threads: number): Once {
  return JSON.parse(execFileSync(process.execPath, [ONCE, dir, String(threads)], { encoding: 'utf8' })) as Once;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSec = (lines: number, ms: number) => Math.round(lines / (ms / 1000));
const stagesText = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
    .join(', ');

function report(label: string, dir: string, threads: number, jdkRate: number): void {
  const two = assessOnce(dir, threads);
  const one = assessOnce(dir, 1);
  const files = Object.entries(two.files)
    .map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`)
    .join(', ');
  const rate = perSec(two.lines, two.ms);
  console.log(`${label}: ${files}; ${two.lines.toLocaleString('en-US')} lines (${dir})`);
  console.log(
    `  ${threads} threads: ${secs(two.ms).padStart(8)}  ${rate.toLocaleString('en-US')} lines/s  ` +
      `peak RSS ${two.rssMb} MB (target <= 400 MB)  ${two.findings} findings`,
  );
  console.log(`    stages (s): ${stagesText(two.stages)}`);
  console.log(
    `  1 thread:  ${secs(one.ms).padStart(8)}  ${perSec(one.lines, one.ms).toLocaleString('en-US')} lines/s  ` +
      `peak RSS ${one.rssMb} MB`,
  );
  console.log(`  ${threads} threads / 1 thread: ${(one.ms / two.ms).toFixed(2)}x faster   target > 1x`);
  console.log(`  JDK tree's lines/s / this tree's: ${(jdkRate / rate).toFixed(2)}x   target <= 1.5x`);
}

/** The generated legacy-shaped tree, then each app under `corpus` when one is given. */
export function corpusBench(cache: string, threads: number, jdkRate: number, corpus?: string): void {
  console.log('');
  report('legacy-shaped tree (generated)', legacyTree(cache), threads, jdkRate);
  if (!corpus) return;
  for (const name of readdirSync(corpus).sort()) {
    const dir = path.join(corpus, name);
    if (statSync(dir).isDirectory()) report(`corpus app ${name}`, dir, threads, jdkRate);
  }
}
