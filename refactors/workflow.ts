import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { SimpleGit } from 'simple-git';
import type { Finding, Rule } from '../analyzers/types.js';
import { FIX_ORDER } from './fixes/index.js';
import { planFixes, type PlannedFix } from './plan.js';
import { ENV_FILE } from '../analyzers/settings/paasport-yaml.js';
import { readText } from './edit/text-file.js';
import type { FixKind, FixOptions } from './types.js';
import type { Change } from './workspace.js';
import { PaasportError } from '../analyzers/errors.js';
import { maskSecrets } from '../analyzers/engine/mask.js';
import { runSteps } from './commit-sequence.js';
import { changedSince, restore, stoppedAt } from './interrupted.js';
import {
  journalPath,
  newJournal,
  plannedFixes,
  readJournal,
  removeJournal,
  saveJournal,
  type FixCommit,
  type Journal,
} from './journal.js';
import { branchTip, gitState, indexNotLocked, noOperationInProgress, openRepo, type Repo } from './repo.js';

export interface FixRunOptions extends FixOptions {
  rules: Rule[];
  only?: FixKind[];
  branch: string;
  dryRun: boolean;
  allowDirty: boolean;
  // for tests: runs after each commit; an exception here must leave the repository as it was
  afterCommit?: (kind: FixKind) => void;
}

export interface FixRunResult {
  branch?: string;
  commits: FixCommit[];
  fixes: PlannedFix[];
  skippedDirty: string[];
  skippedLinks: string[]; // symbolic links, or paths that lead out of the repository: never written through
  unfixed: Finding[]; // mandatory and optional findings no fix addresses
  diff?: string;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * One patch per file, from its first state to its last, whichever fixes changed it; the secrets taken out of the
 * sources are `****` in removed and context lines alike, and anything else that looks like one too.
 */
export function unifiedDiff(changes: Change[], secrets: string[] = []): string {
  const merged = new Map<string, Change>();
  for (const c of changes) {
    const prev = merged.get(c.file);
    merged.set(c.file, prev ? { ...prev, after: c.after } : c);
  }
  // the env file's values include secrets: a diff shows its names only
  const shown = (c: Change, bytes: Uint8Array) => {
    const text = readText(bytes).text;
    return path.posix.basename(c.file) === ENV_FILE
      ? text.replace(/^([A-Za-z_]\w*)=.*$/gm, '$1=****')
      : maskSecrets(text, secrets);
  };
  return [...merged.values()]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map((c) => {
      const before = c.before ? shown(c, c.before) : '';
      const after = shown(c, c.after);
      return createTwoFilesPatch(c.before ? `a/${c.file}` : '/dev/null', `b/${c.file}`, before, after, '', '', {
        context: 3,
      });
    })
    .join('');
}

/** Files with uncommitted changes (relative to the repository); refused unless --allow-dirty. */
async function dirtyFiles(git: SimpleGit, allowDirty: boolean): Promise<string[]> {
  const dirty = (await git.status()).files.map((f) => f.path);
  if (dirty.length && !allowDirty) {
    throw new PaasportError(
      `the working tree has uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}): commit or stash them first, or pass --allow-dirty (files with changes are then left alone).`,
    );
  }
  return dirty;
}

/** Whether a folder below the top of the repository is the work tree of another one (a submodule, a nested clone). */
function inOtherRepository(realFolder: string, realTop: string): boolean {
  for (let at = realFolder; at !== realTop && at !== path.dirname(at); at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return true;
  }
  return false;
}

/**
 * Drops the changes to files that are symbolic links, whose real path leaves the repository, or that belong to a
 * submodule: git tracks only the link (or the submodule's commit), so what was written there could be neither
 * committed nor put back.
 */
function leaveLinksAlone(fixes: PlannedFix[], dir: string, top: string): string[] {
  const realTop = realpathSync(top);
  const outside = (file: string) => {
    const abs = path.join(dir, file);
    if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) return true;
    let probe = abs;
    while (!existsSync(probe)) probe = path.dirname(probe); // a new file: where its folder really is
    const real = realpathSync(probe);
    const rel = path.relative(realTop, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
    return inOtherRepository(probe === abs ? path.dirname(real) : real, realTop);
  };
  const skipped = new Set<string>();
  for (const fix of fixes) {
    fix.changes = fix.changes.filter((c) => {
      if (!outside(c.file)) return true;
      skipped.add(c.file);
      return false;
    });
  }
  return [...skipped];
}

/** Drops the changes to files with uncommitted changes; returns those files (relative to the app folder). */
function leaveDirtyAlone(fixes: PlannedFix[], dirty: string[], dir: string, top: string): string[] {
  // relative to the app folder → relative to the repository, to compare with git's paths
  const inRepo = (file: string) => toPosix(path.relative(top, path.join(dir, file)));
  const dirtySet = new Set(dirty);
  const skipped = new Set<string>();
  for (const fix of fixes) {
    fix.changes = fix.changes.filter((c) => {
      if (!dirtySet.has(inRepo(c.file))) return true;
      skipped.add(c.file);
      return false;
    });
  }
  return [...skipped];
}

/**
 * Ctrl-C, TERM or HUP while the commits are being made: noted, and acted on between two steps, so that the run stops
 * where everything can still be put back, instead of leaving HEAD on the branch with half the commits. Held until the
 * rollback is done: a second Ctrl-C must not cut it.
 */
function watchSignals() {
  let got: NodeJS.Signals | undefined;
  const note = (s: NodeJS.Signals) => (got = s);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, note);
  return {
    check() {
      if (got) throw new Error(`interrupted by ${got}`);
    },
    stop() {
      for (const s of signals) process.off(s, note);
    },
  };
}

const resultOf = (journal: Journal): FixRunResult => ({
  branch: journal.branch,
  commits: journal.progress.commits,
  fixes: plannedFixes(journal),
  skippedDirty: journal.skippedDirty,
  skippedLinks: journal.skippedLinks,
  unfixed: journal.unfixed,
});

/**
 * The journal saved, then the steps it has left, each noted as it is done; on any failure or signal, everything is put
 * back.
 */
async function runJournal(repo: Repo, journal: Journal, afterCommit?: (kind: FixKind) => void) {
  const signals = watchSignals();
  try {
    saveJournal(repo.gitDir, journal);
    await runSteps(repo, journal, { check: signals.check, afterCommit });
    removeJournal(repo.gitDir);
    return resultOf(journal);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    try {
      await restore(repo, journal);
      removeJournal(repo.gitDir);
    } catch (again) {
      throw new PaasportError(
        `${why}\nPutting the repository back failed too (${(again as Error).message}): fix what that says, then run ` +
          `paasport fix ${repo.dir} --abort.`,
        'failed',
      );
    }
    throw new PaasportError(
      `${why}\nNothing was changed: the repository is as it was before paasport fix ran.`,
      'failed',
    );
  } finally {
    signals.stop();
  }
}

/** A journal left by a run that was killed: nothing else runs until it is finished or undone. */
async function noStoppedRun(repo: Repo, appDir: string): Promise<void> {
  const journal = readJournal(repo.gitDir);
  if (!journal) return;
  // a commit made just before the kill is not in the journal yet; HEAD says
  const made = (await stoppedAt(repo, journal).catch(() => journal.progress)).commits.length;
  throw new PaasportError(
    `a paasport fix started ${journal.startedAt} was stopped before it finished (${made} commit(s) made on ` +
      `${journal.branch}; journal ${journalPath(repo.gitDir)}). Run paasport fix ${appDir} --resume ` +
      `to make the remaining commits, or paasport fix ${appDir} --abort to put back the branch, HEAD, index and files ` +
      'as they were before it.',
  );
}

/**
 * Plans every fix in memory, then, on a branch, writes and commits each fix kind separately, journaling each step in
 * the git folder. A failure after the first write puts back every file, the index, the branch and HEAD; after a kill,
 * the journal lets the next run finish the steps (resumeFix) or undo them (abortFix).
 */
export async function runFix(appDir: string, opts: FixRunOptions): Promise<FixRunResult> {
  const repo = await openRepo(appDir);
  const { git, dir, top } = repo;
  noOperationInProgress(repo);
  await noStoppedRun(repo, appDir);
  const dirty = await dirtyFiles(git, opts.allowDirty);
  const plan = await planFixes(dir, opts.rules, opts, opts.only);
  const skippedDirty = leaveDirtyAlone(plan.fixes, dirty, dir, top);
  const skippedLinks = leaveLinksAlone(plan.fixes, dir, top);
  const linkedEnv = skippedLinks.find((f) => path.posix.basename(f) === ENV_FILE);
  if (linkedEnv && !opts.dryRun)
    throw new PaasportError(
      `${linkedEnv} is a symbolic link, or leads out of the repository: fix writes the values it takes out of the ` +
        'sources there, secrets included, and never through a link. Make it a regular file (or remove it), then run again.',
    );
  // a finding no fix of paasport resolves (a user's rule may name a fix that does not exist) is left for a person
  const unfixed = plan.assessment.findings.filter(
    (f) => !(f.fix && FIX_ORDER.includes(f.fix as FixKind)) && f.category !== 'potential',
  );
  const result: FixRunResult = { commits: [], fixes: plan.fixes, skippedDirty, skippedLinks, unfixed };
  const all = plan.fixes.flatMap((f) => f.changes);
  if (opts.dryRun) return { ...result, diff: unifiedDiff(all, plan.secretValues) };
  if (!all.length) return result;

  const start = await gitState(git);
  if (start.branch !== opts.branch && (await branchTip(git, opts.branch))) {
    throw new PaasportError(
      `branch ${opts.branch} already exists: check it out to add to it, delete it, or pass --branch with another name.`,
    );
  }
  indexNotLocked(repo);
  const journal = newJournal(repo, { branch: opts.branch, start, skippedDirty, skippedLinks, unfixed }, plan.fixes);
  return runJournal(repo, journal, opts.afterCommit);
}

/** The repository of a stopped run, its app folder as the journal has it, and the journal. */
async function stoppedRun(appDir: string, option: string): Promise<{ repo: Repo; journal: Journal }> {
  const repo = await openRepo(appDir);
  const journal = readJournal(repo.gitDir);
  if (!journal)
    throw new PaasportError(`${option}: no stopped paasport fix in this repository; nothing to finish or put back.`);
  noOperationInProgress(repo);
  indexNotLocked(repo);
  return { repo: { ...repo, dir: path.join(repo.top, journal.appDir) }, journal };
}

/** Finishes a run that was killed: the steps its journal has left, from where HEAD and the files really are. */
export async function resumeFix(appDir: string): Promise<FixRunResult> {
  const { repo, journal } = await stoppedRun(appDir, '--resume');
  const progress = await stoppedAt(repo, journal);
  const changed = changedSince(repo, journal, progress.next);
  if (changed.length)
    throw new PaasportError(
      `changed since paasport fix was stopped: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}. ` +
        `Put them back as they were, or run paasport fix ${appDir} --abort to undo the whole run.`,
    );
  journal.progress = progress;
  return runJournal(repo, journal);
}

export interface AbortResult {
  branch?: string; // where HEAD is again; undefined: detached
  head: string;
  removedBranch?: string;
}

/** Undoes a run that was killed: every file, the index, HEAD and the branch as they were before it started. */
export async function abortFix(appDir: string): Promise<AbortResult> {
  const { repo, journal } = await stoppedRun(appDir, '--abort');
  await stoppedAt(repo, journal); // refuses a HEAD someone moved since
  const signals = watchSignals(); // a Ctrl-C now would leave it half put back: held off until it is done
  try {
    await restore(repo, journal);
    removeJournal(repo.gitDir);
  } finally {
    signals.stop();
  }
  const { branch, head } = journal.start;
  return { branch, head, ...(journal.createsBranch ? { removedBranch: journal.branch } : {}) };
}
