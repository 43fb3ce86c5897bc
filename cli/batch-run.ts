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
import type { AppState, BatchApp, BatchOptions } from './batch/types.js';
import { packageVersion } from './version.js';
import type { AppClaims } from './batch/claims.js';
import { rulesHash } from './batch/input-hash.js';
import { coordinatedRunId } from './batch/zk-claims.js';
import { writeOutput } from './write-output.js';
import { parseZkUrl, type ZkAddress } from '../platform/zookeeper/zk-url.js';

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
  coordinator?: string;
  emitWorkerApp?: string;
  workers: number;
  image?: string;
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

const coordinatorAddress = (o: BatchFlags): ZkAddress | undefined => {
  if (!o.coordinator) return undefined;
  if (o.shard) throw new PaasportError('--coordinator and --shard: the coordinator shares out every app; give one');
  return parseZkUrl(o.coordinator, '--coordinator', '/paasport-batch');
};

/** This worker's claims in ZooKeeper: it exits 3 if ZooKeeper ends its session, since others now take its apps. */
async function coordinatedClaims(zk: ZkAddress, runId: string, apps: BatchApp[]): Promise<AppClaims> {
  const { zkSession } = await import('../platform/zookeeper/zk-session.js');
  const { zkClaims } = await import('./batch/zk-claims.js');
  const worker = `${os.hostname()}:${process.pid}`;
  const root = `${zk.path}/${runId}`;
  process.stderr.write(`worker ${worker}: run ${root} on ZooKeeper ${zk.servers}\n`);
  const onLost = () => {
    process.stderr.write(
      `\nZooKeeper ${zk.servers} ended this worker's session: other workers take its apps. ` +
        'Check the network to ZooKeeper, then start the worker again.\n',
    );
    process.exit(EXIT_CODES.failed);
  };
  return zkClaims({ session: await zkSession(zk.servers), root, apps, worker, onLost });
}

export async function runBatchCommand(inventory: string, o: BatchFlags): Promise<void> {
  const all = inventoryApps(inventory);
  const zk = coordinatorAddress(o);
  if (o.emitWorkerApp) return emitWorkerApp(inventory, o, zk);
  const shard = o.shard ? parseShard(o.shard) : undefined;
  const apps = shard ? all.filter((a) => inShard(a.name, shard)) : all;
  for (const d of o.rules) if (!existsSync(d)) throw new PaasportError(`--rules ${d}: no such folder`);
  const out = path.resolve(o.out);
  const rules = loadRules(o.rules);
  const inventoryHash = createHash('sha256').update(readFileSync(inventory)).digest('hex');
  const opts = {
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
  };
  const claims = zk ? await coordinatedClaims(zk, runId(inventoryHash, opts, o.lang), apps) : undefined;
  const progress = batchProgress(apps.length, !!o.quiet);
  // Ctrl-C: the bar gives the terminal its cursor back; what the apps finished is on disk for the next run
  // with a coordinator the session is ended first, so other workers take this one's apps at once
  process.once('SIGINT', () => {
    progress.stop();
    process.stderr.write('\nstopped: run the same command again to go on where it stopped\n');
    void (claims?.close() ?? Promise.resolve()).then(() => setTimeout(() => process.exit(130), claims ? 200 : 0));
  });
  const counts: Record<string, number> = {};
  const jobs = o.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const { states } = await runBatch({
    apps,
    opts,
    rules,
    version: packageVersion(),
    inventoryHash,
    claims,
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

/** What all workers of one run agree on: the same command gives the same run id on every machine. */
function runId(inventoryHash: string, opts: BatchOptions, lang: Lang): string {
  const { out: _out, threads: _threads, rules, ...options } = opts;
  return coordinatedRunId({ inventoryHash, options, rules: rulesHash(rules), lang, version: packageVersion() });
}

/** The options a worker of the emitted app runs with: those of this command, as given. */
function workerArgs(o: BatchFlags): string[] {
  return [
    ...(o.jobs ? ['--jobs', String(o.jobs)] : []),
    ...(o.threads ? ['--threads', String(o.threads)] : []),
    ...(o.fix ? ['--fix', '--fix-branch', o.fixBranch, '--logs', o.logs] : []),
    ...(o.sessionStore ? ['--session-store', o.sessionStore] : []),
    ...(o.marathonVersion ? ['--marathon-version', o.marathonVersion] : []),
    ...(o.registry ? ['--registry', o.registry] : []),
    ...(o.group !== '/' ? ['--group', o.group] : []),
    ...o.rules.flatMap((d) => ['--rules', path.resolve(d)]),
    ...(o.lang !== 'en' ? ['--lang', o.lang] : []),
  ];
}

async function emitWorkerApp(inventory: string, o: BatchFlags, zk: ZkAddress | undefined): Promise<void> {
  if (!zk || !o.coordinator)
    throw new PaasportError('--emit-worker-app: give --coordinator zk://HOST:PORT/PATH, the workers share apps there');
  const { workerApp } = await import('./batch/worker-app.js');
  const { marathonValidators, validationErrors } = await import('../generators/deploy/marathon-schema.js');
  const version = o.marathonVersion ?? '1.5';
  const app = workerApp({
    id: '/paasport/batch-worker',
    image: o.image ?? `paasport:${packageVersion()}`,
    instances: o.workers,
    inventory: path.resolve(inventory),
    out: path.resolve(o.out),
    coordinator: o.coordinator,
    args: workerArgs(o),
    rules: o.rules.map((d) => path.resolve(d)),
    version,
    cpus: 1,
    mem: 2048,
  });
  const errors = validationErrors(marathonValidators(version).app, app);
  if (errors.length) throw new Error(`the worker app does not fit Marathon ${version}'s schema: ${errors.join('; ')}`);
  await writeOutput(o.emitWorkerApp!, JSON.stringify(app, null, 2) + '\n', 'the worker app');
  process.stdout.write(
    `Wrote ${o.emitWorkerApp}: ${o.workers} worker(s) sharing ${path.resolve(o.out)}. Mount that folder (shared ` +
      `storage) at the same path on every agent, then: paasport deploy ${o.emitWorkerApp} --marathon URL\n`,
  );
}
