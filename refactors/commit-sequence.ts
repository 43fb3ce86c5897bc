import { chmodSync, mkdirSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { ENV_FILE } from '../analyzers/settings/paasport-yaml.js';
import { plannedFixes, saveJournal, type Journal } from './journal.js';
import type { PlannedFix } from './plan.js';
import { branchTip, gitState, type Repo } from './repo.js';
import type { FixKind } from './types.js';

/**
 * Holds a run at a named step until it is killed (or for two minutes), so that a test can kill a real process at each
 * step of the sequence: `branch`, `write:<fix>` (the fix's first file written, the others not yet), `written:<fix>`,
 * `committed:<fix>` (committed, not yet noted in the journal). Ctrl-C, TERM or HUP end the hold, and the run then
 * stops as it does on them at any step.
 */
export const PAUSE_ENV = 'PAASPORT_FIX_PAUSE_AT';

async function pauseAt(step: string): Promise<void> {
  if (process.env[PAUSE_ENV] !== step) return;
  writeSync(2, `paasport fix: paused at ${step}\n`);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  await new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(timer);
      for (const s of signals) process.off(s, end);
      resolve();
    };
    const timer = setTimeout(end, 120_000);
    for (const s of signals) process.on(s, end);
  });
}

export interface StepHooks {
  check(): void; // throws to stop the run between two steps (a signal came)
  afterCommit?: (kind: FixKind) => void;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

async function writeChanges(dir: string, fix: PlannedFix): Promise<void> {
  for (const [n, c] of fix.changes.entries()) {
    const abs = path.join(dir, c.file);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (path.basename(abs) === ENV_FILE) {
      // it holds the secrets taken out of the sources: never readable by others, not even for a moment
      writeFileSync(abs, c.after, { mode: 0o600 });
      chmodSync(abs, 0o600);
    } else writeFileSync(abs, c.after);
    if (n === 0) await pauseAt(`write:${fix.outcome.kind}`);
  }
}

/**
 * The paths git ignores. git never follows a .gitignore that is a symbolic link: it warns, and exits 1 as for
 * "nothing ignored", which simple-git takes for a failure when there is a warning.
 */
async function ignoredPaths(git: SimpleGit, abs: string[]): Promise<string[]> {
  try {
    return await git.checkIgnore(abs);
  } catch (e) {
    if ((e as Error).message.split('\n').every((l) => !l.trim() || l.startsWith('warning:'))) return [];
    throw e;
  }
}

/** The files of a fix that are committed: not the git-ignored ones, never the env file of secrets. */
async function committedPaths(git: SimpleGit, dir: string, fix: PlannedFix, ignored: Set<string>): Promise<string[]> {
  const paths = fix.changes.map((c) => c.file);
  const abs = paths.map((p) => path.join(dir, p));
  for (const p of await ignoredPaths(git, abs)) ignored.add(toPosix(path.relative(dir, p)));
  return paths.filter((p) => !ignored.has(p) && path.posix.basename(p) !== ENV_FILE);
}

/** HEAD on the branch of the run: made, or checked out when a stopped run made it before it could switch. */
async function onBranch(git: SimpleGit, journal: Journal): Promise<void> {
  if (!journal.createsBranch || (await gitState(git)).branch === journal.branch) return;
  if (await branchTip(git, journal.branch)) await git.raw(['checkout', '-q', journal.branch]);
  else await git.checkoutLocalBranch(journal.branch);
}

async function commitFix(repo: Repo, journal: Journal, i: number, fix: PlannedFix, ignored: Set<string>) {
  const { git, dir, gitDir } = repo;
  const files = await committedPaths(git, dir, fix, ignored);
  const done = journal.progress;
  if (!files.length) {
    journal.progress = { ...done, next: i + 1, ignored: [...ignored] };
    saveJournal(gitDir, journal);
    return false;
  }
  journal.progress = { ...done, ignored: [...ignored], committing: { fix: i, files } };
  saveJournal(gitDir, journal);
  const abs = files.map((p) => path.join(dir, p));
  await git.add(abs);
  await git.commit(fix.outcome.message, abs);
  await pauseAt(`committed:${fix.outcome.kind}`);
  const head = (await git.revparse(['HEAD'])).trim();
  const commits = [...done.commits, { kind: fix.outcome.kind, sha: head, files }];
  journal.progress = { next: i + 1, head, commits, ignored: [...ignored] };
  saveJournal(gitDir, journal);
  return true;
}

/**
 * The commit sequence from where the journal says it got: on the branch, each fix's files written, then committed,
 * the journal saved after every step. Returns when every fix is committed; the caller then drops the journal.
 */
export async function runSteps(repo: Repo, journal: Journal, hooks: StepHooks): Promise<void> {
  await onBranch(repo.git, journal);
  await pauseAt('branch');
  const fixes = plannedFixes(journal);
  const ignored = new Set(journal.progress.ignored);
  for (let i = journal.progress.next; i < fixes.length; i++) {
    const fix = fixes[i];
    if (!fix.changes.length) continue;
    hooks.check();
    await writeChanges(repo.dir, fix);
    await pauseAt(`written:${fix.outcome.kind}`);
    if (await commitFix(repo, journal, i, fix, ignored)) hooks.afterCommit?.(fix.outcome.kind);
  }
  await new Promise((resolve) => setImmediate(resolve)); // a signal that came during the last step is seen here
  hooks.check();
}
