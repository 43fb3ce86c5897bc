import { execFileSync } from 'node:child_process';

export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Makes a folder a git repository with everything in it committed on main, by a local identity. */
export function commitAll(dir: string, message = 'app'): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
