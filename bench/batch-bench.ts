// Batch throughput: the same inventory of small apps through paasport batch (assess + generate, state written per
// app) with 1 job and with 2 jobs, in one run; apps per minute and Java lines per second.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { runBatch } from '../cli/batch/run-batch.js';
import type { BatchApp } from '../cli/batch/types.js';
import { packageVersion } from '../cli/version.js';
import { APPS, EXTRA_CLASSES, portfolio } from './portfolio-bench.js';

/** The portfolio bench's apps, in order. */
const inventory = (cache: string): BatchApp[] => portfolio(cache).map((app, order) => ({ ...app, order }));

async function timedRun(apps: BatchApp[], out: string, jobs: number) {
  rmSync(out, { recursive: true, force: true });
  const t = performance.now();
  const { states } = await runBatch({
    apps,
    opts: { out, fix: false, fixBranch: 'paasport/stateless', logs: 'volume', group: '/', rules: [] },
    rules: loadRules(),
    version: packageVersion(),
    inventoryHash: 'bench',
    lang: 'en',
    jobs,
    force: true,
  });
  const ms = performance.now() - t;
  const failed = states.filter((s) => s.status === 'failed');
  if (failed.length) throw new Error(`batch bench: ${failed.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  const lines = states.reduce((n, s) => n + (s.assessment?.stats.javaLines ?? 0), 0);
  return { ms, lines };
}

export async function batchBench(cache: string): Promise<void> {
  const apps = inventory(cache);
  const out = path.join(cache, 'batch-out');
  await timedRun(apps.slice(0, 2), out, 1); // warm the code both runs share
  console.log(
    `paasport batch, ${APPS} small apps (a fixture each, with ${EXTRA_CLASSES} more classes), assess + generate:`,
  );
  for (const jobs of [1, 2]) {
    const { ms, lines } = await timedRun(apps, out, jobs);
    const perMinute = ((APPS * 60_000) / ms).toFixed(0).padStart(5);
    const perSecond = Math.round(lines / (ms / 1000)).toLocaleString('en-US');
    console.log(
      `  --jobs ${jobs}   ${(ms / 1000).toFixed(2).padStart(6)} s  ${perMinute} apps/min  ${perSecond} lines/s`,
    );
  }
  rmSync(out, { recursive: true, force: true });
  console.log('');
}
