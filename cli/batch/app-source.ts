import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../../analyzers/errors.js';
import { fetchRef, resetClone } from './git-source.js';
import { folderHash } from './input-hash.js';
import type { AppSource, BatchApp, BatchOptions } from './types.js';

/** Where the clones of an output folder are kept between runs. */
export const CLONES_DIR = path.join('.cache', 'git');

/** An app's files and what identifies them (the commit, or a hash of the folder), before any work on them. */
export async function appSource(app: BatchApp, opts: BatchOptions): Promise<AppSource> {
  if (app.git) {
    const dir = path.join(opts.out, CLONES_DIR, app.name);
    const commit = await fetchRef(app.git, app.ref, dir);
    return { dir, label: `${app.git}#${commit}`, identity: commit };
  }
  const dir = app.path!;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new PaasportError(`${dir} is not a folder: correct the path: of ${app.name} in the inventory`, 'failed');
  return { dir, label: dir, identity: folderHash(dir, opts.out) };
}

/** The work tree made ready for this run's work: a clone goes back to its commit, a folder stays as it is. */
export async function prepareSource(app: BatchApp, src: AppSource, opts: BatchOptions): Promise<void> {
  if (app.git) await resetClone(src.dir, src.identity, opts.fixBranch);
}
