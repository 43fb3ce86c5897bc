import type { Lang, Rule } from '../../analyzers/types.js';
import { sharedJavaPool } from '../../analyzers/java/pool.js';
import { appSource } from './app-source.js';
import { localClaims, type AppClaims } from './claims.js';
import { inputHash, rulesHash } from './input-hash.js';
import { writePortfolio } from './portfolio.js';
import { processApp } from './process-app.js';
import { oneRunAtATime } from './serial-pool.js';
import {
  readAllStates,
  readAppState,
  readManifest,
  removeAppState,
  writeAppState,
  writeManifest,
  type Manifest,
} from './state-store.js';
import type { AppOutcome, AppState, BatchApp, BatchOptions } from './types.js';

export interface BatchEvents {
  onStep?: (app: BatchApp, step: string) => void;
  onFinished?: (app: BatchApp, outcome: AppOutcome, state: AppState) => void;
}

export interface BatchRun {
  apps: BatchApp[]; // this machine's apps (its shard)
  opts: BatchOptions;
  rules: Rule[];
  version: string;
  inventoryHash: string;
  shard?: string;
  lang: Lang;
  jobs: number;
  force: boolean;
  claims?: AppClaims; // default: this machine's apps in inventory order
  events?: BatchEvents;
}

/** The manifest of the output folder for this run: entries of apps no longer in the inventory dropped. */
function startManifest(r: BatchRun): Manifest {
  const before = readManifest(r.opts.out);
  const names = new Set(r.apps.map((a) => a.name));
  const apps = Object.fromEntries(Object.entries(before?.apps ?? {}).filter(([n]) => names.has(n)));
  return {
    paasport: r.version,
    inventory: r.inventoryHash,
    ...(r.shard ? { shard: r.shard } : {}),
    group: r.opts.group,
    lang: r.lang,
    rules: r.opts.rules,
    apps,
  };
}

/** The state of an app whose files could not be had (no such folder, a clone or fetch that failed). */
function unreachable(app: BatchApp, reason: string): AppState {
  const source = app.git ? `${app.git}${app.ref ? `#${app.ref}` : ''}` : (app.path ?? '');
  return { name: app.name, order: app.order, inputHash: '', status: 'failed', source, reason, warnings: [] };
}

/**
 * Every app of the run through the flow, `jobs` at a time on one shared pool of Java workers. An app whose inputs
 * did not change since its last good result is skipped; its state file is written whole after its work, so a run
 * killed at any moment resumes with the apps it had not finished. Ends with the portfolio of the run's apps.
 */
export async function runBatch(r: BatchRun): Promise<{ states: AppState[]; outcomes: Map<string, AppOutcome> }> {
  const { opts } = r;
  const manifest = startManifest(r);
  let saving = writeManifest(opts.out, manifest);
  const rulesKey = rulesHash(opts.rules);
  const pool = oneRunAtATime(sharedJavaPool(opts.threads));
  const claims = r.claims ?? localClaims(r.apps);
  const outcomes = new Map<string, AppOutcome>();

  const finish = async (app: BatchApp, outcome: AppOutcome, state: AppState) => {
    if (outcome !== 'skipped') await writeAppState(opts.out, state);
    manifest.apps[app.name] = { inputHash: state.inputHash, status: state.status };
    // one write of the manifest at a time: they share a temporary file name
    await (saving = saving.then(() => writeManifest(opts.out, manifest)));
    outcomes.set(app.name, outcome);
    r.events?.onFinished?.(app, outcome, state);
  };

  const one = async (app: BatchApp) => {
    let src;
    r.events?.onStep?.(app, app.git ? 'fetch' : 'read');
    try {
      src = await appSource(app, opts);
    } catch (e) {
      return finish(app, 'failed', unreachable(app, (e as Error).message));
    }
    const hash = inputHash(app, src.identity, opts, { rulesHash: rulesKey, version: r.version, lang: r.lang });
    const prior = readAppState(opts.out, app.name);
    const known = manifest.apps[app.name];
    if (!r.force && prior?.status === 'done' && prior.inputHash === hash && known?.inputHash === hash) {
      const state = prior.order === app.order ? prior : { ...prior, order: app.order };
      if (state !== prior) await writeAppState(opts.out, state);
      return finish(app, 'skipped', state);
    }
    // the old result goes first: a kill while its files are replaced must not leave it looking finished
    await removeAppState(opts.out, app.name);
    const work = { opts, rules: r.rules, pool, lang: r.lang, version: r.version, onStep: r.events?.onStep };
    const state = await processApp(app, src, hash, work);
    return finish(app, state.status, state);
  };

  const worker = async (n: number) => {
    for (let app = await claims.claim(n); app; app = await claims.claim(n)) {
      await one(app);
      await claims.release(app);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, r.jobs) }, (_, n) => worker(n)));
  } finally {
    await claims.close();
    await pool.close();
  }
  const names = new Set(r.apps.map((a) => a.name));
  const states = readAllStates(opts.out).filter((s) => names.has(s.name));
  // from the states, not this process's record: workers sharing the folder each finished only some of the apps
  manifest.apps = Object.fromEntries(states.map((s) => [s.name, { inputHash: s.inputHash, status: s.status }]));
  await (saving = saving.then(() => writeManifest(opts.out, manifest)));
  await writePortfolio(states, opts.out, { rules: r.rules, lang: r.lang, version: r.version, group: opts.group });
  return { states, outcomes };
}
