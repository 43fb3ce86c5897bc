import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.js';

export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Makes a folder a git repository with everything in it committed on main, by a local identity. */
export function commitAll(dir: string, message = 'app'): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** A fixture committed in a fresh git repository of its own. */
export function fixtureRepo(app: string, prefix = 'paasport-fix'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-${app}-`));
  cpSync(path.join(ROOT, 'fixtures', app), dir, { recursive: true });
  commitAll(dir, 'legacy app');
  return dir;
}

/**
 * Every file's bytes (git-ignored ones too, but .git's), the index, HEAD, the current branch, the branches and the
 * status (with the ignored files when asked).
 */
export function repoSnapshot(dir: string, opts: { ignored?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      if (e === '.git') continue;
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  out['<index>'] = git(dir, 'ls-files', '-s');
  out['<HEAD>'] = git(dir, 'rev-parse', 'HEAD');
  out['<branch>'] = git(dir, 'symbolic-ref', '--short', 'HEAD');
  out['<branches>'] = git(dir, 'branch', '--list');
  out['<status>'] = git(dir, 'status', '--porcelain', ...(opts.ignored ? ['--ignored'] : []));
  return out;
}
