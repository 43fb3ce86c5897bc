import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { PaasportError } from '../analyzers/errors.js';

/** The repository `fix` works in: the app folder, the top of the work tree and its git folder. */
export interface Repo {
  git: SimpleGit;
  dir: string; // the app folder, absolute
  top: string;
  gitDir: string;
}

export interface GitState {
  head: string;
  branch?: string; // undefined: a detached HEAD
}

export async function gitState(git: SimpleGit): Promise<GitState> {
  const head = (await git.revparse(['HEAD'])).trim();
  const branch = (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '')).trim() || undefined;
  return { head, branch };
}

/** The commit a local branch points at, or undefined when there is no such branch. */
export async function branchTip(git: SimpleGit, branch: string): Promise<string | undefined> {
  // `rev-parse --verify -q` answers nothing (and exits 1) for a missing ref; simple-git does not reject on that
  const sha = (await git.raw(['rev-parse', '--verify', '-q', `refs/heads/${branch}`]).catch(() => '')).trim();
  return sha || undefined;
}

/** Opens the repository the app is in; refuses a folder that is missing, outside git or without a commit. */
export async function openRepo(appDir: string): Promise<Repo> {
  const dir = path.resolve(appDir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new PaasportError(`${appDir}: no such folder. Pass the application's folder, inside a git work tree.`);
  }
  const git = simpleGit(dir);
  if (!(await git.checkIsRepo()))
    throw new PaasportError(
      `${appDir} is not in a git repository: paasport fix commits its changes on a branch. Run git init and commit first.`,
    );
  const top = (await git.revparse(['--show-toplevel'])).trim();
  const hasHead = (await git.raw(['rev-parse', '--verify', '-q', 'HEAD']).catch(() => '')).trim() !== '';
  if (!hasHead) throw new PaasportError(`${appDir}: the repository has no commit yet; commit the application first.`);
  const gitDir = (await git.revparse(['--absolute-git-dir'])).trim();
  return { git, dir, top, gitDir };
}

// what git leaves in its folder while an operation waits for the user, and how the user ends it
const OPERATIONS: [string, string, string][] = [
  ['rebase-merge', 'a rebase', 'git rebase --continue, or git rebase --abort'],
  ['rebase-apply', 'a rebase or git am', 'git rebase --continue (git am --continue), or --abort'],
  ['MERGE_HEAD', 'a merge', 'commit the merge, or git merge --abort'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick', 'git cherry-pick --continue, or git cherry-pick --abort'],
  ['REVERT_HEAD', 'a revert', 'git revert --continue, or git revert --abort'],
  ['BISECT_LOG', 'a bisect', 'git bisect reset'],
];

/** Refuses to run while git waits in the middle of an operation: the commits would land where the user did not mean. */
export function noOperationInProgress(repo: Repo): void {
  const found = OPERATIONS.find(([file]) => existsSync(path.join(repo.gitDir, file)));
  if (found)
    throw new PaasportError(
      `${found[1]} is in progress in this repository: end it first (${found[2]}); paasport fix then commits on its ` +
        'own branch.',
    );
}

/** A git command killed midway leaves its lock: nothing can be committed or put back until it is gone. */
export function indexNotLocked(repo: Repo): void {
  const lock = path.join(repo.gitDir, 'index.lock');
  if (existsSync(lock))
    throw new PaasportError(
      `git's index is locked (${lock}), as a git command stopped midway leaves it: if no git command is running, ` +
        'delete that file and run again.',
    );
}
