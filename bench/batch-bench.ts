// Batch throughput: the same inventory of small apps through paasport batch (assess + generate, state written per
// app) with 1 job and with 2 jobs, in one run; apps per minute and Java lines per second.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { runBatch } from '../cli/batch/run-batch.js';
import type { BatchApp } from '../cli/batch/types.js';
import { packageVersion } from '../cli/version.js';

const APPS = 20;
const EXTRA_CLASSES = 40;

const extraClass = (i: number) =>
  `package gen;\nimport java.util.*;\npublic class Batch${i} {\n  private final List<String> seen = new ArrayList<>();\n` +
  `  public int add(String s) {\n    seen.add(s);\n    return seen.size();\n  }\n}\n`;

/** Copies of the fixtures, each with more classes (enough to go to the worker threads), made once in the cache. */
function inventory(cache: string): BatchApp[] {
  const dir = path.join(cache, 'batch-apps');
  const fixtures = readdirSync('fixtures').filter((f) => statSync(path.join('fixtures', f)).isDirectory());
  return Array.from({ length: APPS }, (_, order) => {
    const name = `batch-${String(order + 1).padStart(2, '0')}`;
    const to = path.join(dir, name);
    if (!existsSync(to)) {
      cpSync(path.join('fixtures', fixtures[order % fixtures.length]), to, { recursive: true });
      mkdirSync(path.join(to, 'src/gen'), { recursive: true });
      for (let k = 0; k < EXTRA_CLASSES; k++) writeFileSync(path.join(to, `src/gen/Batch${k}.java`), extraClass(k));
    }
    return { name, path: to, order };
  });
}

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
