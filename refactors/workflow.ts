import { chmodSync, existsSync, lstatSync, mkdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { Finding, Rule } from '../analyzers/types.js';
import { FIX_ORDER } from './fixes/index.js';
import { planFixes, type PlannedFix } from './plan.js';
import { ENV_FILE } from '../analyzers/settings/paasport-yaml.js';
import { readText } from './edit/text-file.js';
import type { FixKind, FixOptions } from './types.js';
import type { Change } from './workspace.js';
import { PaasportError } from '../analyzers/errors.js';
import { maskSecrets } from '../analyzers/engine/mask.js';

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
  commits: { kind: FixKind; sha: string; files: string[] }[];
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

interface GitState {
  head: string;
  branch?: string;
}

async function gitState(git: SimpleGit): Promise<GitState> {
  const head = (await git.revparse(['HEAD'])).trim();
  const branch = (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '')).trim() || undefined;
  return { head, branch };
}

/** The top of the repository the app is in; refuses a folder that is missing, outside git or without a commit. */
async function repositoryTop(appDir: string, git: SimpleGit): Promise<string> {
  if (!(await git.checkIsRepo()))
    throw new PaasportError(
      `${appDir} is not in a git repository: paasport fix commits its changes on a branch. Run git init and commit first.`,
    );
  const top = (await git.revparse(['--show-toplevel'])).trim();
  // `rev-parse --verify -q` answers nothing (and exits 1) without a commit; simple-git does not reject on that
  const hasHead = (await git.raw(['rev-parse', '--verify', '-q', 'HEAD']).catch(() => '')).trim() !== '';
  if (!hasHead) throw new PaasportError(`${appDir}: the repository has no commit yet; commit the application first.`);
  return top;
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

// what git leaves in its folder while an operation waits for the user
const OPERATIONS: [string, string][] = [
  ['rebase-merge', 'a rebase'],
  ['rebase-apply', 'a rebase or git am'],
  ['MERGE_HEAD', 'a merge'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick'],
  ['REVERT_HEAD', 'a revert'],
  ['BISECT_LOG', 'a bisect'],
];

/** Refuses to run while git waits in the middle of an operation: the commits would land where the user did not mean. */
async function noOperationInProgress(git: SimpleGit): Promise<void> {
  const gitDir = (await git.revparse(['--absolute-git-dir'])).trim();
  const found = OPERATIONS.find(([file]) => existsSync(path.join(gitDir, file)));
  if (found)
    throw new PaasportError(
      `${found[1]} is in progress in this repository: finish it (--continue) or abort it (--abort) first; paasport fix ` +
        'then commits on its own branch.',
    );
}

/**
 * Drops the changes to files that are symbolic links, or whose real path leaves the repository: git tracks only the
 * link, so what was written there could be neither committed nor put back.
 */
function leaveLinksAlone(fixes: PlannedFix[], dir: string, top: string): string[] {
  const realTop = realpathSync(top);
  const outside = (file: string) => {
    const abs = path.join(dir, file);
    if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) return true;
    let probe = abs;
    while (!existsSync(probe)) probe = path.dirname(probe); // a new file: where its folder really is
    const rel = path.relative(realTop, realpathSync(probe));
    return rel.startsWith('..') || path.isAbsolute(rel);
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

/** What the commits changed, so that a failure can put it all back. */
interface Undo {
  start: GitState;
  original: Map<string, Uint8Array | undefined>; // every file's bytes before the first write
  madeDirs: string[];
  createdBranch?: string;
  signals: ReturnType<typeof watchSignals>; // held until the rollback is done: a second Ctrl-C must not cut it
}

function writeChanges(dir: string, changes: Change[], undo: Undo): void {
  for (const c of changes) {
    if (!undo.original.has(c.file)) undo.original.set(c.file, c.before);
    const abs = path.join(dir, c.file);
    const made = mkdirSync(path.dirname(abs), { recursive: true });
    if (made) undo.madeDirs.push(made);
    writeFileSync(abs, c.after);
    if (path.basename(abs) === ENV_FILE) chmodSync(abs, 0o600); // it holds the secrets taken out of the sources
  }
}

/** Commits one fix's files, but the git-ignored ones and the env file of secrets; nothing when none is left. */
async function commitFix(git: SimpleGit, dir: string, fix: PlannedFix, ignored: Set<string>) {
  const paths = fix.changes.map((c) => c.file);
  for (const p of await git.checkIgnore(paths.map((p) => path.join(dir, p))))
    ignored.add(toPosix(path.relative(dir, p)));
  // the env file holds secrets: never committed, even where .gitignore could not be updated
  const committed = paths.filter((p) => !ignored.has(p) && path.posix.basename(p) !== ENV_FILE);
  if (!committed.length) return undefined;
  await git.add(committed.map((p) => path.join(dir, p)));
  const out = await git.commit(
    fix.outcome.message,
    committed.map((p) => path.join(dir, p)),
  );
  return { kind: fix.outcome.kind, sha: out.commit, files: committed };
}

/**
 * Ctrl-C or a TERM while the commits are being made: noted, and acted on between two steps, so that the run stops
 * where everything can still be put back, instead of leaving HEAD on the branch with half the commits.
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

/** On the branch, writes and commits each fix's changes in turn. */
async function commitAll(git: SimpleGit, dir: string, opts: FixRunOptions, result: FixRunResult, undo: Undo) {
  const signals = undo.signals;
  if (undo.start.branch !== opts.branch) {
    await git.checkoutLocalBranch(opts.branch);
    undo.createdBranch = opts.branch;
  }
  result.branch = opts.branch;
  const ignored = new Set<string>();
  for (const fix of result.fixes) {
    if (!fix.changes.length) continue;
    signals.check();
    writeChanges(dir, fix.changes, undo);
    const commit = await commitFix(git, dir, fix, ignored);
    if (!commit) continue;
    result.commits.push(commit);
    opts.afterCommit?.(fix.outcome.kind);
  }
  await new Promise((resolve) => setImmediate(resolve)); // a signal that came during the last step is seen here
  signals.check();
}

/**
 * Plans every fix in memory, then, on a branch, writes and commits each fix kind separately.
 * A failure after the first write puts back every file, the index, the branch and HEAD.
 */
export async function runFix(appDir: string, opts: FixRunOptions): Promise<FixRunResult> {
  const dir = path.resolve(appDir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new PaasportError(`${appDir}: no such folder. Pass the application's folder, inside a git work tree.`);
  }
  const git = simpleGit(dir);
  const top = await repositoryTop(appDir, git);
  await noOperationInProgress(git);
  const dirty = await dirtyFiles(git, opts.allowDirty);
  const plan = await planFixes(dir, opts.rules, opts, opts.only);
  const skippedDirty = leaveDirtyAlone(plan.fixes, dirty, dir, top);
  const skippedLinks = leaveLinksAlone(plan.fixes, dir, top);
  // a finding no fix of paasport resolves (a user's rule may name a fix that does not exist) is left for a person
  const unfixed = plan.assessment.findings.filter(
    (f) => !(f.fix && FIX_ORDER.includes(f.fix as FixKind)) && f.category !== 'potential',
  );
  const result: FixRunResult = { commits: [], fixes: plan.fixes, skippedDirty, skippedLinks, unfixed };
  const all = plan.fixes.flatMap((f) => f.changes);
  if (opts.dryRun) return { ...result, diff: unifiedDiff(all, plan.secretValues) };
  if (!all.length) return result;

  const start = await gitState(git);
  if (start.branch !== opts.branch && (await git.branchLocal()).all.includes(opts.branch)) {
    throw new PaasportError(
      `branch ${opts.branch} already exists: check it out to add to it, delete it, or pass --branch with another name.`,
    );
  }
  const undo: Undo = { start, original: new Map(), madeDirs: [], signals: watchSignals() };
  try {
    await commitAll(git, dir, opts, result, undo);
    return result;
  } catch (e) {
    await rollback(git, dir, undo);
    throw new PaasportError(
      `${(e as Error).message}\nNothing was changed: the repository is as it was before paasport fix ran.`,
      'failed',
    );
  } finally {
    undo.signals.stop();
  }
}

async function rollback(git: SimpleGit, dir: string, undo: Undo) {
  for (const [file, bytes] of undo.original) {
    const abs = path.join(dir, file);
    if (bytes) writeFileSync(abs, bytes);
    else rmSync(abs, { force: true });
  }
  const files = [...undo.original.keys()].map((f) => path.join(dir, f));
  await git.raw(['reset', '-q', '--soft', undo.start.head]);
  if (files.length) await git.raw(['reset', '-q', undo.start.head, '--', ...files]).catch(() => undefined);
  if (undo.createdBranch) {
    await git.raw(['checkout', '-q', undo.start.branch ?? undo.start.head]);
    await git.raw(['branch', '-q', '-D', undo.createdBranch]);
  }
  for (const d of undo.madeDirs.reverse()) rmSync(d, { recursive: true, force: true });
}
