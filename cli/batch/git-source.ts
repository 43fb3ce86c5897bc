import { existsSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { PaasportError } from '../../analyzers/errors.js';

// where `paasport fix` keeps the journal of a run in the git folder (refactors/journal.ts)
const FIX_JOURNAL = 'paasport-fix.json';

/** The first commit among these names that the clone knows: a remote branch, a tag or a commit. */
async function resolveRef(dir: string, ref: string | undefined): Promise<string> {
  const git = simpleGit(dir);
  const candidates = ref ? [`refs/remotes/origin/${ref}`, `refs/tags/${ref}`, ref] : ['refs/remotes/origin/HEAD'];
  for (const c of candidates) {
    const sha = await git.raw(['rev-parse', '--verify', '--quiet', `${c}^{commit}`]).catch(() => '');
    if (sha.trim()) return sha.trim();
  }
  throw new PaasportError(
    ref
      ? `${ref} is no branch, tag or commit of the repository: check the ref: of this app in the inventory`
      : 'the repository has no default branch: give a ref: (branch, tag or commit) in the inventory',
    'failed',
  );
}

async function cloneInto(url: string, dir: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  await simpleGit().clone(url, dir, ['--no-checkout']);
  // --fix commits in the clone: a machine with no git identity gets paasport's, in the clone only
  const who = await simpleGit(dir)
    .raw(['config', 'user.email'])
    .catch(() => '');
  if (!who.trim())
    await simpleGit(dir).addConfig('user.email', 'paasport@localhost').addConfig('user.name', 'paasport');
}

/**
 * The repository in `dir` (a cache kept between runs): cloned the first time, fetched after. Returns the commit of
 * the ref; the work tree is left as it is (a skipped app keeps its clone and fix branch).
 */
export async function fetchRef(url: string, ref: string | undefined, dir: string): Promise<string> {
  if (existsSync(dir) && !existsSync(path.join(dir, '.git'))) rmSync(dir, { recursive: true, force: true });
  try {
    if (existsSync(dir)) {
      // a clone cut short by a kill cannot fetch: it is made again
      const fetched = await simpleGit(dir)
        .fetch(['--force', '--tags', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*'])
        .then(() => true)
        .catch(() => false);
      if (!fetched) rmSync(dir, { recursive: true, force: true });
    }
    if (!existsSync(dir)) await cloneInto(url, dir);
  } catch (e) {
    const why = (e as Error).message.trim().split('\n').slice(-1)[0];
    throw new PaasportError(`cannot clone or fetch ${url}: ${why}. Check the URL and your access to it.`, 'failed');
  }
  await simpleGit(dir)
    .raw(['remote', 'set-head', 'origin', '--auto'])
    .catch(() => undefined);
  return resolveRef(dir, ref);
}

/** The clone's work tree at the commit, with nothing left of an earlier run: files, fix branch, a stopped fix. */
export async function resetClone(dir: string, commit: string, fixBranch: string): Promise<void> {
  const git = simpleGit(dir);
  // a run killed while fixing leaves its journal and maybe git's index lock: the checkout below replaces both
  for (const f of [FIX_JOURNAL, 'index.lock']) rmSync(path.join(dir, '.git', f), { force: true });
  await git.raw(['checkout', '--force', '--detach', commit]);
  await git.raw(['clean', '-ffdx']);
  if ((await git.branchLocal()).all.includes(fixBranch)) await git.raw(['branch', '-D', fixBranch]);
}
