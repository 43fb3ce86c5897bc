import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { Finding } from '../analyzers/types.js';
import { PaasportError } from '../analyzers/errors.js';
import type { PlannedFix } from './plan.js';
import type { FixKind, FixOutcome } from './types.js';
import type { Change } from './workspace.js';

/** In the repository's git folder: never committed, never seen by `git status`, one per work tree. */
export const JOURNAL_FILE = 'paasport-fix.json';

export interface FixCommit {
  kind: FixKind;
  sha: string;
  files: string[];
}

/** How far the commit sequence got; saved after each step, so that a run killed at any point can be finished. */
export interface Progress {
  next: number; // the fix whose files are to be written and committed next
  head: string; // HEAD once the fixes before `next` are committed
  commits: FixCommit[];
  ignored: string[]; // git-ignored files: written, never committed
  committing?: { fix: number; files: string[] }; // noted just before that fix's commit
}

interface StoredChange {
  file: string;
  before?: string; // base64; absent: a new file
  after: string;
}

/**
 * Everything a run needs to finish or to put back what it did: the plan (every file's bytes before and after each
 * fix), where the repository was, and how far the commits got. It holds the secrets taken out of the sources (the
 * env file's bytes), so it is readable by its owner only.
 */
export interface Journal {
  version: 1;
  startedAt: string;
  appDir: string; // relative to the top of the repository, forward slashes; '' at the top
  branch: string;
  start: { head: string; branch?: string };
  createsBranch: boolean;
  newDirs: string[]; // folders the run makes for new files, relative to the app folder, outermost first
  fixes: { outcome: FixOutcome; changes: StoredChange[] }[];
  skippedDirty: string[];
  skippedLinks: string[];
  unfixed: Finding[];
  progress: Progress;
}

/** What a run is about to do, before its first step: nothing done yet. */
export function newJournal(
  repo: { dir: string; top: string },
  run: Pick<Journal, 'branch' | 'start' | 'skippedDirty' | 'skippedLinks' | 'unfixed'>,
  fixes: PlannedFix[],
): Journal {
  return {
    version: 1,
    startedAt: new Date().toISOString(),
    appDir: path.relative(realpathSync(repo.top), realpathSync(repo.dir)).split(path.sep).join('/'),
    ...run,
    createsBranch: run.start.branch !== run.branch,
    newDirs: newFolders(repo.dir, fixes),
    fixes: fixes.map((f) => ({ outcome: f.outcome, changes: storeChanges(f.changes) })),
    progress: { next: 0, head: run.start.head, commits: [], ignored: [] },
  };
}

/** The folders that new files need and that do not exist yet, outermost first. */
function newFolders(dir: string, fixes: PlannedFix[]): string[] {
  const out = new Set<string>();
  for (const c of fixes.flatMap((f) => f.changes)) {
    if (c.before) continue;
    for (let d = path.dirname(path.join(dir, c.file)); !existsSync(d); d = path.dirname(d))
      out.add(path.relative(dir, d));
  }
  return [...out].sort((a, b) => a.length - b.length);
}

export const journalPath = (gitDir: string) => path.join(gitDir, JOURNAL_FILE);

const encode = (b: Uint8Array) => Buffer.from(b).toString('base64');
const decode = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

const storeChanges = (changes: Change[]): StoredChange[] =>
  changes.map((c) => ({ file: c.file, ...(c.before ? { before: encode(c.before) } : {}), after: encode(c.after) }));

export const plannedFixes = (journal: Journal): PlannedFix[] =>
  journal.fixes.map((f) => ({
    outcome: f.outcome,
    changes: f.changes.map((c) => ({
      file: c.file,
      ...(c.before !== undefined ? { before: decode(c.before) } : {}),
      after: decode(c.after),
    })),
  }));

/** Every file the plan touches, with its bytes before the run (undefined: it did not exist). */
export function originals(journal: Journal): Map<string, Uint8Array | undefined> {
  const out = new Map<string, Uint8Array | undefined>();
  for (const fix of journal.fixes)
    for (const c of fix.changes) if (!out.has(c.file)) out.set(c.file, c.before ? decode(c.before) : undefined);
  return out;
}

/** Written whole to a new file, flushed, then renamed over the old one: a kill leaves the old journal or the new. */
export function saveJournal(gitDir: string, journal: Journal): void {
  const file = journalPath(gitDir);
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(journal));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readJournal(gitDir: string): Journal | undefined {
  const file = journalPath(gitDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const journal = JSON.parse(text) as Journal;
    if (journal.version === 1 && journal.progress) return journal;
  } catch {
    // reported below
  }
  throw new PaasportError(
    `${file} is not a journal this paasport can read: put the repository back by hand (git status, git branch) and ` +
      'delete that file.',
  );
}

export function removeJournal(gitDir: string): void {
  rmSync(journalPath(gitDir), { force: true });
  rmSync(`${journalPath(gitDir)}.tmp`, { force: true });
}
