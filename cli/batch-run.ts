// What `paasport batch` and `paasport merge` do once their options are parsed (batch-command.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { readInventory } from '../analyzers/assess/inventory.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { EXIT_CODES, PaasportError } from '../analyzers/errors.js';
import type { MarathonVersion, SessionStoreKind } from '../analyzers/settings/types.js';
import type { Lang } from '../analyzers/types.js';
import { batchProgress } from './batch-progress.js';
import { mergeShards } from './batch/merge.js';
import { runBatch } from './batch/run-batch.js';
import { inShard, parseShard } from './batch/shard.js';
import type { AppState, BatchApp } from './batch/types.js';
import { packageVersion } from './version.js';

interface BatchFlags {
  out: string;
  jobs?: number;
  threads?: number;
  fix?: boolean;
  fixBranch: string;
  logs: 'volume' | 'stdout';
  sessionStore?: SessionStoreKind;
  marathonVersion?: MarathonVersion;
  registry?: string;
  group: string;
  shard?: string;
  force?: boolean;
  rules: string[];
  lang: Lang;
  quiet?: boolean;
}

// an app's name is the name of its folders under the output folder
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function inventoryApps(file: string): BatchApp[] {
  const apps = readInventory(file).map((a, order) => ({ ...a, order }));
  const bad = apps.filter((a) => !SAFE_NAME.test(a.name)).map((a) => a.name);
  if (bad.length)
    throw new PaasportError(
      `${file}: ${bad.join(', ')}: an app name of paasport batch names its folders: letters, digits, . _ - only`,
    );
  return apps;
}

function summary(states: AppState[], counts: Record<string, number>, out: string): string {
  const failed = states.filter((s) => s.status === 'failed');
  const lines = [
    `${states.length} app(s): ${counts.done ?? 0} done, ${counts.skipped ?? 0} unchanged, ${failed.length} failed.`,
    ...failed.map((s) => `  ${s.name}: ${s.reason?.split('\n')[0]}`),
    `Portfolio: ${path.join(out, 'batch-report.md')}, portfolio.html, marathon-group.json`,
  ];
  return lines.join('\n') + '\n';
}

export async function runBatchCommand(inventory: string, o: BatchFlags): Promise<void> {
  const all = inventoryApps(inventory);
  const shard = o.shard ? parseShard(o.shard) : undefined;
  const apps = shard ? all.filter((a) => inShard(a.name, shard)) : all;
  for (const d of o.rules) if (!existsSync(d)) throw new PaasportError(`--rules ${d}: no such folder`);
  const out = path.resolve(o.out);
  const rules = loadRules(o.rules);
  const progress = batchProgress(apps.length, !!o.quiet);
  // Ctrl-C: the bar gives the terminal its cursor back; what the apps finished is on disk for the next run
  process.once('SIGINT', () => {
    progress.stop();
    process.stderr.write('\nstopped: run the same command again to go on where it stopped\n');
    process.exit(130);
  });
  const counts: Record<string, number> = {};
  const jobs = o.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const { states } = await runBatch({
    apps,
    opts: {
      out,
      fix: !!o.fix,
      fixBranch: o.fixBranch,
      logs: o.logs,
      sessionStore: o.sessionStore,
      marathonVersion: o.marathonVersion,
      registry: o.registry,
      group: o.group,
      rules: o.rules.map((d) => path.resolve(d)),
      threads: o.threads,
    },
    rules,
    version: packageVersion(),
    inventoryHash: createHash('sha256').update(readFileSync(inventory)).digest('hex'),
    shard: o.shard,
    lang: o.lang,
    jobs,
    force: !!o.force,
    events: {
      onStep: (app, step) => progress.step(app, step),
      onFinished: (app, outcome, state) => {
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        progress.finished(app, outcome, state);
      },
    },
  }).finally(() => progress.stop());
  process.stdout.write(summary(states, counts, out));
  if (states.some((s) => s.status === 'failed')) process.exitCode = EXIT_CODES.failed;
}

export async function runMergeCommand(dirs: string[], o: { out: string }): Promise<void> {
  const { shardManifests } = await import('./batch/merge.js');
  const rulesDirs = shardManifests(dirs)[0].rules;
  const out = path.resolve(o.out);
  const states = await mergeShards(dirs, out, loadRules(rulesDirs), packageVersion());
  const failed = states.filter((s) => s.status === 'failed');
  process.stdout.write(
    `Merged ${dirs.length} shard(s): ${states.length} app(s), ${failed.length} failed. Portfolio: ${path.join(out, 'batch-report.md')}\n`,
  );
  if (failed.length) process.exitCode = EXIT_CODES.failed;
}
