import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { BatchApp, BatchOptions } from './types.js';

// never part of an app's content: git's own folder and a JavaScript build's dependencies
const SKIPPED = new Set(['.git', 'node_modules']);

function addTree(hash: Hash, root: string, rel: string, skip: string): void {
  const entries = readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    const abs = path.join(root, r);
    if (SKIPPED.has(e.name) || abs === skip) continue;
    if (e.isDirectory()) addTree(hash, root, r, skip);
    else if (e.isSymbolicLink()) hash.update(`L ${r}\0${readlinkSync(abs)}\0`);
    else if (e.isFile()) {
      const bytes = readFileSync(abs);
      hash.update(`F ${r}\0${bytes.length}\0`).update(bytes);
    }
  }
}

/** A hash of a folder's files (names and bytes), leaving out `skip` (the batch's own output, when inside it). */
export function folderHash(dir: string, skip = ''): string {
  const hash = createHash('sha256');
  addTree(hash, dir, '', skip);
  return hash.digest('hex');
}

/**
 * What decides an app's result: its files (a commit, or the folder's content), its inventory entry, the options of
 * the run that change results, the user's rules, the report's language and paasport's version. Same hash: the result
 * on disk stands.
 */
export function inputHash(
  app: BatchApp,
  identity: string,
  opts: BatchOptions,
  run: { rulesHash: string; version: string; lang: string },
) {
  const { order: _order, ...entry } = app;
  const options = {
    fix: opts.fix,
    fixBranch: opts.fix ? opts.fixBranch : undefined,
    logs: opts.fix ? opts.logs : undefined,
    sessionStore: opts.sessionStore,
    marathonVersion: opts.marathonVersion,
    registry: opts.registry,
  };
  return createHash('sha256')
    .update(JSON.stringify({ identity, entry, options, ...run }))
    .digest('hex');
}

/** The content of the user's rule folders, in the order given. */
export function rulesHash(dirs: string[]): string {
  return createHash('sha256')
    .update(dirs.map((d) => `${path.resolve(d)}:${folderHash(d)}`).join('\n'))
    .digest('hex');
}
