import { existsSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../analyzers/errors.js';
import { journalPath, originals, plannedFixes, type Journal, type Progress } from './journal.js';
import { branchTip, gitState, type Repo } from './repo.js';

const short = (sha: string) => sha.slice(0, 7);
const firstLine = (s: string) => s.trim().split('\n')[0].trim();

function notWhereLeft(repo: Repo, journal: Journal, why: string): PaasportError {
  return new PaasportError(
    `${why}, not where the stopped paasport fix left it, so it cannot tell what to finish or put back. Check out ` +
      `${journal.branch} (or ${journal.start.branch ?? short(journal.start.head)}, where it started) and run again, or ` +
      `put things back by hand and delete ${journalPath(repo.gitDir)}.`,
  );
}

/**
 * Where the stopped run really got: its journal, checked against HEAD. A run killed after a commit and before it
 * noted it is one step further than its journal says; any other HEAD means someone moved it since, and is refused.
 */
export async function stoppedAt(repo: Repo, journal: Journal): Promise<Progress> {
  const { git } = repo;
  const { start, branch, progress: p } = journal;
  const now = await gitState(git);
  if (journal.createsBranch && now.branch !== branch) {
    // stopped before HEAD moved to its branch
    const tip = await branchTip(git, branch);
    const untouched = p.next === 0 && !p.committing && now.head === start.head && now.branch === start.branch;
    if (untouched && (!tip || tip === start.head)) return p;
    throw notWhereLeft(repo, journal, `HEAD is on ${now.branch ?? short(now.head)}`);
  }
  if (now.branch !== branch) throw notWhereLeft(repo, journal, `HEAD is on ${now.branch ?? short(now.head)}`);
  if (now.head === p.head) return p;
  const c = p.committing;
  if (c) {
    const parent = (await git.raw(['rev-parse', '-q', '--verify', `${now.head}^`]).catch(() => '')).trim();
    const message = await git.raw(['log', '-1', '--format=%B', now.head]);
    const fix = journal.fixes[c.fix].outcome;
    if (parent === p.head && firstLine(message) === firstLine(fix.message)) {
      const commits = [...p.commits, { kind: fix.kind, sha: now.head, files: c.files }];
      return { next: c.fix + 1, head: now.head, commits, ignored: p.ignored };
    }
  }
  throw notWhereLeft(repo, journal, `${branch} is at ${short(now.head)}`);
}

const readIfThere = (abs: string) => (existsSync(abs) ? new Uint8Array(readFileSync(abs)) : undefined);
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a === undefined || b === undefined ? a === b : Buffer.compare(a, b) === 0;

/**
 * The files the remaining steps write that someone changed since the run stopped: each must be as the run left it
 * (the fix being written may have written some of its files and not the others).
 */
export function changedSince(repo: Repo, journal: Journal, next: number): string[] {
  const allowed = new Map<string, (Uint8Array | undefined)[]>();
  const fixes = plannedFixes(journal).slice(next);
  const current = fixes.find((f) => f.changes.length); // the one being written when the run stopped
  for (const fix of fixes)
    for (const c of fix.changes)
      if (!allowed.has(c.file)) allowed.set(c.file, fix === current ? [c.before, c.after] : [c.before]);
  return [...allowed]
    .filter(([file, states]) => {
      const now = readIfThere(path.join(repo.dir, file));
      return !states.some((s) => same(now, s));
    })
    .map(([file]) => file);
}

/** Puts back every file the run touched, the index, HEAD and the branch, as they were before it started. */
export async function restore(repo: Repo, journal: Journal): Promise<void> {
  const { git, dir } = repo;
  const { start } = journal;
  const before = originals(journal);
  for (const [file, bytes] of before) {
    const abs = path.join(dir, file);
    if (!bytes) rmSync(abs, { force: true });
    else if (!same(readIfThere(abs), bytes)) writeFileSync(abs, bytes);
  }
  const now = await gitState(git);
  if (now.head !== start.head) await git.raw(['reset', '-q', '--soft', start.head]);
  const files = [...before.keys()].map((f) => path.join(dir, f));
  if (files.length) await git.raw(['reset', '-q', start.head, '--', ...files]);
  if (journal.createsBranch) {
    if (now.branch === journal.branch) await git.raw(['checkout', '-q', start.branch ?? start.head]);
    if (await branchTip(git, journal.branch)) await git.raw(['branch', '-q', '-D', journal.branch]);
  }
  for (const d of [...journal.newDirs].reverse()) {
    try {
      rmdirSync(path.join(dir, d)); // only when empty: what someone put there since stays
    } catch {
      // not empty, or gone
    }
  }
}
