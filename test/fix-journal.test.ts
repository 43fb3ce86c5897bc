import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRepo, git, repoSnapshot } from './git-repo.js';
import { CLI, removeTree } from './helpers.js';

const journalRepo = (app: string) => fixtureRepo(app, 'paasport-journal');
const repoState = (dir: string) => repoSnapshot(dir, { ignored: true });

const BRANCH = 'paasport/stateless';

/** The commits on the branch by subject and tree (content, not time), and the state of every file. */
function outcome(dir: string) {
  const { '<HEAD>': _head, '<branches>': _branches, ...rest } = repoState(dir);
  return { commits: git(dir, 'log', '--format=%s %T', `main..${BRANCH}`), ...rest };
}

const fix = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'fix', dir, ...args], { encoding: 'utf8' });

/** Starts a real `paasport fix`, waits until it reaches the step, and sends it the signal there; how it ended. */
async function signalAt(dir: string, step: string, signal: NodeJS.Signals, ...args: string[]) {
  const child = spawn(process.execPath, [CLI, 'fix', dir, ...args], {
    env: { ...process.env, PAASPORT_FIX_PAUSE_AT: step },
  });
  let stderr = '';
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`paused at ${step}\n`)) resolve();
    });
    void exited.then(([code]) => reject(new Error(`paasport fix ended (${code}) before ${step}: ${stderr}`)));
  });
  child.kill(signal);
  const [code, killedBy] = (await exited) as [number | null, NodeJS.Signals | null];
  return { code, killedBy, stderr };
}

/** Kills a real `paasport fix` with SIGKILL at the step. */
async function killAt(dir: string, step: string, ...args: string[]): Promise<void> {
  const { killedBy } = await signalAt(dir, step, 'SIGKILL', ...args);
  expect(killedBy).toBe('SIGKILL');
}

const journalOf = (dir: string) => path.join(dir, '.git', 'paasport-fix.json');

// spring-mvc-crm gets three commits: session-store (4 files), externalize-config (6, and the env file), logs (2)
const STEPS = [
  'branch', // the branch made, nothing written
  'write:session-store', // one file of the first fix written, three not
  'committed:session-store', // the first commit made, not yet noted in the journal
  'written:externalize-config', // one commit, the second fix's files all written, not committed
  'write:logs', // two commits, one file of the last fix written
  'committed:logs', // every commit made, the journal not yet removed
];

// the commits on the branch when the run is killed there (a commit made just before the kill included)
const COMMITS_MADE: Record<string, number> = Object.fromEntries(STEPS.map((s, i) => [s, [0, 0, 1, 1, 2, 3][i]]));

describe('paasport fix killed with SIGKILL at each step of the commit sequence', () => {
  let reference: string;
  let expected: ReturnType<typeof outcome>;
  beforeAll(() => {
    reference = journalRepo('spring-mvc-crm');
    expect(fix(reference).status).toBe(0);
    expected = outcome(reference);
    expect(expected.commits.split('\n')).toHaveLength(3);
  });
  afterAll(() => removeTree(reference));

  it.each(STEPS)('at %s: a journal is left, the next run refuses, --abort puts everything back', async (step) => {
    const dir = journalRepo('spring-mvc-crm');
    try {
      const before = repoState(dir);
      await killAt(dir, step);
      expect(existsSync(journalOf(dir))).toBe(true);
      expect(statSync(journalOf(dir)).mode & 0o777).toBe(0o600); // it holds the env file's secrets

      const refused = fix(dir);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('was stopped before it finished');
      expect(refused.stderr).toContain(`(${COMMITS_MADE[step]} commit(s) made on ${BRANCH};`);
      expect(refused.stderr).toContain(`paasport fix ${dir} --resume`);
      expect(refused.stderr).toContain(`paasport fix ${dir} --abort`);

      const aborted = fix(dir, '--abort');
      expect(aborted.stderr).toBe('');
      expect(aborted.status).toBe(0);
      expect(aborted.stdout).toContain(`HEAD on main at ${before['<HEAD>'].slice(0, 7)}, branch ${BRANCH} deleted`);
      expect(repoState(dir)).toEqual(before);
      expect(existsSync(journalOf(dir))).toBe(false);
      expect(git(dir, 'status', '--porcelain', '--ignored')).toBe('');
    } finally {
      removeTree(dir);
    }
  });

  it.each(STEPS)('at %s: --resume makes the remaining commits, as an uninterrupted run does', async (step) => {
    const dir = journalRepo('spring-mvc-crm');
    try {
      await killAt(dir, step);
      const resumed = fix(dir, '--resume');
      expect(resumed.stderr).toBe('');
      expect(resumed.status).toBe(0);
      expect(resumed.stdout).toContain(`On branch ${BRANCH}:`);
      expect(resumed.stdout.match(/^ {2}[0-9a-f]{7} /gm)).toHaveLength(3);
      expect(outcome(dir)).toEqual(expected);
      expect(git(dir, 'status', '--porcelain')).toBe('');
      expect(existsSync(journalOf(dir))).toBe(false);
      expect(fix(dir).status).toBe(0); // nothing stopped any more: a new run is accepted (and changes nothing)
      expect(outcome(dir)).toEqual(expected);
    } finally {
      removeTree(dir);
    }
  });

  it('a resume killed in turn is resumed again', async () => {
    const dir = journalRepo('spring-mvc-crm');
    try {
      await killAt(dir, 'write:session-store');
      await killAt(dir, 'written:externalize-config', '--resume');
      expect(fix(dir, '--resume').status).toBe(0);
      expect(outcome(dir)).toEqual(expected);
    } finally {
      removeTree(dir);
    }
  });

  it('HEAD moved since the kill: --resume and --abort refuse and say why; back on the branch, --abort works', async () => {
    const dir = journalRepo('spring-mvc-crm');
    try {
      const before = repoState(dir);
      await killAt(dir, 'written:externalize-config');
      git(dir, 'stash', '-q', '--include-untracked');
      git(dir, 'checkout', '-q', 'main');
      for (const option of ['--resume', '--abort']) {
        const r = fix(dir, option);
        expect(r.status, option).toBe(2);
        expect(r.stderr).toContain('HEAD is on main, not where the stopped paasport fix left it');
      }
      git(dir, 'checkout', '-q', BRANCH);
      git(dir, 'stash', 'pop', '-q');
      expect(fix(dir, '--abort').status).toBe(0);
      expect(repoState(dir)).toEqual(before);
    } finally {
      removeTree(dir);
    }
  });

  it('a file changed since the kill: --resume refuses and names it; --abort still puts it back', async () => {
    const dir = journalRepo('spring-mvc-crm');
    try {
      const before = repoState(dir);
      await killAt(dir, 'committed:session-store');
      const log4j = path.join(dir, 'src/main/resources/log4j.properties');
      spawnSync('sh', ['-c', `echo '# mine' >> '${log4j}'`]);
      const r = fix(dir, '--resume');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('changed since paasport fix was stopped: src/main/resources/log4j.properties');
      expect(fix(dir, '--abort').status).toBe(0);
      expect(repoState(dir)).toEqual(before);
    } finally {
      removeTree(dir);
    }
  });
});

describe('paasport fix sent Ctrl-C (SIGINT) or TERM in the middle of the commit sequence', () => {
  const cases = [
    ['SIGINT', 'write:externalize-config'],
    ['SIGTERM', 'committed:session-store'],
    ['SIGTERM', 'branch'],
    ['SIGINT', 'committed:logs'],
  ] as const;
  it.each(cases)('%s at %s: everything put back before it exits 3, no journal left', async (signal, step) => {
    const dir = journalRepo('spring-mvc-crm');
    try {
      const before = repoState(dir);
      const stopped = await signalAt(dir, step, signal);
      expect(stopped.killedBy).toBeNull(); // it ended on its own, after putting things back
      expect(stopped.code).toBe(3);
      expect(stopped.stderr).toContain(`interrupted by ${signal}`);
      expect(stopped.stderr).toContain('Nothing was changed: the repository is as it was before paasport fix ran.');
      expect(stopped.stderr).not.toContain('    at ');
      expect(repoState(dir)).toEqual(before);
      expect(existsSync(journalOf(dir))).toBe(false);
      expect(fix(dir).status).toBe(0); // nothing stopped: the next run is accepted
    } finally {
      removeTree(dir);
    }
  });
});

describe('--resume and --abort without a stopped run', () => {
  it('are usage errors that say there is nothing to do; --help documents them', () => {
    const dir = journalRepo('servlet-shop');
    try {
      for (const option of ['--resume', '--abort']) {
        const r = fix(dir, option);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`${option}: no stopped paasport fix in this repository`);
      }
      expect(fix(dir, '--resume', '--abort').status).toBe(2);
      const help = fix('--help').stdout;
      expect(help).toMatch(/--resume +finish a run that was killed/);
      expect(help).toMatch(/--abort +undo a run that was killed/);
      expect(help).toContain('.git/paasport-fix.json');
    } finally {
      removeTree(dir);
    }
  });
});
