import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { assess, type Assessment } from '../../analyzers/assess/assess.js';
import { PaasportError } from '../../analyzers/errors.js';
import type { JavaPool } from '../../analyzers/java/pool.js';
import type { Lang, Rule } from '../../analyzers/types.js';
import { renderReport } from '../../generators/reports/render.js';
import { generateArtifacts } from '../../generators/deploy/generate.js';
import { manifestsFor } from '../../generators/deploy/generated-files.js';
import { runFix } from '../../refactors/workflow.js';
import { writeFileAtomic } from '../write-output.js';
import { batchSettings } from './app-settings.js';
import { prepareSource } from './app-source.js';
import type { AppSource, AppState, BatchApp, BatchOptions } from './types.js';

/** Where an app's artifacts go; copied into the app as deploy/, `docker build -f deploy/Dockerfile .` builds it. */
export const appOutDir = (out: string, name: string) => path.join(out, 'apps', name, 'deploy');

export interface AppWork {
  opts: BatchOptions;
  rules: Rule[];
  pool: JavaPool;
  lang: Lang;
  version: string;
  onStep?: (app: BatchApp, step: string) => void;
}

async function fixClone(app: BatchApp, src: AppSource, w: AppWork) {
  const r = await runFix(src.dir, {
    rules: w.rules,
    branch: w.opts.fixBranch,
    dryRun: false,
    allowDirty: false,
    sessionStore: app.sessionStore ?? w.opts.sessionStore,
    logs: w.opts.logs,
  });
  return r.commits.length;
}

/** The artifacts written to a fresh folder, then put in place of the app's old ones in one rename. */
async function writeArtifacts(files: { name: string; text: string }[], outDir: string): Promise<void> {
  const staging = `${outDir}.${process.pid}.tmp`;
  // what a killed run left half-written, whatever its process id
  const parent = path.dirname(outDir);
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((f) => /^deploy\.\d+\.tmp$/.test(f));
  for (const f of leftovers) await rm(path.join(parent, f), { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const placed = files.map((f) => ({ path: path.join(staging, f.name), text: f.text }));
  // the record of what paasport wrote: `paasport generate --out` into this folder later replaces these files
  for (const f of [...placed, ...manifestsFor(placed)]) await writeFileAtomic(f.path, f.text);
  await rm(outDir, { recursive: true, force: true });
  await rename(staging, outDir);
}

/** The assessment as reports show it: a clone is named by its URL and commit, not by where this machine keeps it. */
function asReported(a: Assessment, src: AppSource): Assessment {
  return src.label === src.dir ? a : { ...a, root: src.label, app: { ...a.app, path: src.label } };
}

/**
 * One app through the whole flow: its source made ready, fixed on a branch of its clone (with --fix), assessed and
 * its artifacts generated. A failure becomes a failed state with its reason; it never reaches the other apps.
 */
export async function processApp(app: BatchApp, src: AppSource, inputHash: string, w: AppWork): Promise<AppState> {
  const base = { name: app.name, order: app.order, inputHash, source: src.label, warnings: [] as string[] };
  try {
    await prepareSource(app, src, w.opts);
    let fixCommits: number | undefined;
    if (w.opts.fix && app.git) {
      w.onStep?.(app, 'fix');
      fixCommits = await fixClone(app, src, w);
    } else if (w.opts.fix) {
      base.warnings.push(`${app.name}: not fixed: --fix works on clones of git apps; run paasport fix in ${src.dir}`);
    }
    w.onStep?.(app, 'assess');
    const { name, owner, team, tags } = app;
    const meta = { name, ...(owner ? { owner } : {}), ...(team ? { team } : {}), ...(tags ? { tags } : {}) };
    const assessment = await assess(src.dir, w.rules, { pool: w.pool, threads: w.opts.threads }, meta);
    w.onStep?.(app, 'generate');
    const settings = batchSettings(app, src.dir, w.opts);
    const g = generateArtifacts(assessment, settings, {
      outRel: 'deploy',
      version: assessment.build.version,
      withStore: false,
    });
    await writeArtifacts(g.files, appOutDir(w.opts.out, app.name));
    const reported = asReported(assessment, src);
    const report = await renderReport('json', [reported], w.rules, w.lang, w.version);
    await writeFileAtomic(path.join(w.opts.out, 'apps', app.name, 'report.json'), report.text);
    return {
      ...base,
      status: 'done',
      assessment: reported,
      marathon: g.marathon,
      marathonVersion: settings.marathon?.version ?? '1.5',
      ...(fixCommits !== undefined ? { fixBranch: w.opts.fixBranch, fixCommits } : {}),
    };
  } catch (e) {
    const reason = e instanceof PaasportError ? e.message : `${(e as Error).stack ?? e}`;
    return { ...base, status: 'failed', reason };
  }
}
