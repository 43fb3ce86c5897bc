import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, ROOT } from '../helpers.js';
import { DOCKER_SOCK } from './engine.js';

/** A fixture copied into a new git repository of its own (folder named as the fixture), committed. */
export function fixtureRepo(fixture: string): { parent: string; dir: string } {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-e2e-'));
  chmodSync(parent, 0o755);
  const dir = path.join(parent, fixture);
  cpSync(path.join(ROOT, 'fixtures', fixture), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', 'commit', '-q', '-m', 'the app as it was');
  return { parent, dir };
}

/**
 * The built CLI (dist/, or PAASPORT_CLI: a build of one's own while others rebuild dist/) with the e2e Docker engine
 * as DOCKER_HOST, to its end: exit status and output.
 */
export function runPaasport(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [process.env.PAASPORT_CLI ?? CLI, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DOCKER_HOST: `unix://${DOCKER_SOCK}`,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.com',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.com',
    },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runPaasport that fails with the output unless the CLI exits 0; its standard output. */
export function paasport(...args: string[]): string {
  const r = runPaasport(...args);
  if (r.status !== 0) throw new Error(`paasport ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
