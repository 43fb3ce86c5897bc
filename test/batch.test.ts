import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../analyzers/assess/inventory.js';
import type { AppClaims } from '../cli/batch/claims.js';
import { runBatch } from '../cli/batch/run-batch.js';
import { inShard, parseShard } from '../cli/batch/shard.js';
import { packageVersion } from '../cli/version.js';
import { commitAll, git } from './git-repo.js';
import { bundledRules, CLI, padded, removeTree, ROOT, WORKER_SOURCE_BYTES } from './helpers.js';

const FIXTURES = readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.expected.yaml'))
  .map((f) => f.replace(/\.expected\.yaml$/, ''))
  .sort();
const PORTFOLIO = ['portfolio.html', 'portfolio.json', 'marathon-group.json', 'batch-report.md'];
const LOCAL_APPS = 18;

let dir: string;
let inventory: string;
let shopRepo: string; // the working repository the bare one of `shop-git` is pushed from

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');
const stateCount = (out: string) => {
  const d = path.join(out, '.paasport-batch', 'apps');
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.json')).length : 0;
};

/** A bare repository over file:// holding a fixture on main, a release branch and a tag. */
function bareRepo(fixture: string): { url: string; work: string } {
  const work = path.join(dir, 'work', fixture);
  cpSync(path.join(ROOT, 'fixtures', fixture), work, { recursive: true });
  commitAll(work, 'legacy app');
  git(work, 'branch', 'release');
  git(work, 'tag', 'v1');
  const bare = path.join(dir, 'git', `${fixture}.git`);
  git(dir, 'clone', '-q', '--bare', work, bare);
  git(work, 'remote', 'add', 'origin', bare);
  return { url: `file://${bare}`, work };
}

/** Overrides on some of the copies, so that every kind of override is used at least once. */
const OVERRIDES: Record<number, string> = {
  1: '    mem: 1536\n    cpus: 0.5\n',
  2: '    vhost: app-02.example.com\n',
  3: '    group: retail\n',
  4: '    baseImage: registry.local/tomcat:9.0-jdk11\n',
  5: '    team: sales\n',
  9: '    instances: 3\n', // stateless-api: an app that keeps sessions in memory stays at one instance
};

const extra = (k: number) =>
  `import java.util.*;\npublic class Extra${k} {\n  private final Map<String, String> m = new HashMap<>();\n` +
  `  public String get(String k) {\n    return m.get(k);\n  }\n}\n`;

function makeInventory(): string {
  const lines = ['apps:'];
  for (let i = 1; i <= LOCAL_APPS; i++) {
    const name = `app-${String(i).padStart(2, '0')}`;
    cpSync(path.join(ROOT, 'fixtures', FIXTURES[i % FIXTURES.length]), path.join(dir, 'apps', name), {
      recursive: true,
    });
    // a few apps with more Java files than one batch and enough source: parsed on the shared worker threads (by the
    // built CLI), the others in-thread
    if (i <= 3)
      for (let k = 0; k < 30; k++)
        writeFileSync(path.join(dir, 'apps', name, `Extra${k}.java`), padded(extra(k), WORKER_SOURCE_BYTES / 30));
    lines.push(`  - name: ${name}`, `    path: apps/${name}`, ...(OVERRIDES[i] ? [OVERRIDES[i].trimEnd()] : []));
  }
  // broken on purpose: settings that paasport.yaml's schema refuses
  cpSync(path.join(ROOT, 'fixtures/servlet-shop'), path.join(dir, 'apps/broken'), { recursive: true });
  writeFileSync(path.join(dir, 'apps/broken/paasport.yaml'), 'marathon:\n  cpus: lots\n');
  lines.push('  - name: broken', '    path: apps/broken');
  const shop = bareRepo('servlet-shop');
  shopRepo = shop.work;
  lines.push(
    '  - name: shop-git',
    `    git: ${shop.url}`,
    '    ref: release',
    '    mem: 768',
    '    sessionStore: memcached',
  );
  const crm = bareRepo('spring-mvc-crm');
  lines.push('  - name: crm-git', `    git: ${crm.url}`, '    ref: v1', '    group: backoffice/crm');
  const file = path.join(dir, 'inventory.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const samePortfolio = (a: string, b: string) => {
  for (const f of PORTFOLIO) expect(read(b, f), `${f} of ${b}`).toBe(read(a, f));
};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-batch-'));
  inventory = makeInventory();
});
afterAll(() => removeTree(dir));

describe('paasport batch over an inventory of 21 apps', { timeout: 240_000 }, () => {
  it('works on every app, reports the broken one with its reason, and exits 3', () => {
    const r = run(['batch', inventory, '-o', 'one', '--jobs', '2']);
    expect(r.code, r.err).toBe(3);
    expect(r.out).toContain('21 app(s): 20 done, 0 unchanged, 1 failed.');
    expect(r.err).toMatch(/\[21\/21\]/); // plain progress lines when standard error is not a terminal
    const out = path.join(dir, 'one');
    const report = read(out, 'batch-report.md');
    expect(report).toMatch(/\| broken \| .* \| \*\*failed\*\*: .*paasport\.yaml.*cpus/);
    for (let i = 1; i <= LOCAL_APPS; i++) {
      expect(existsSync(path.join(out, `apps/app-${String(i).padStart(2, '0')}/deploy/Dockerfile`))).toBe(true);
    }
    expect(existsSync(path.join(out, 'apps/broken'))).toBe(false);
    const appReport = JSON.parse(read(out, 'apps/shop-git/report.json'));
    expect(appReport.app).toMatchObject({
      name: 'shop-git',
      root: expect.stringMatching(/servlet-shop\.git#/),
    });

    const portfolio = JSON.parse(read(out, 'portfolio.json'));
    expect(portfolio.apps).toHaveLength(20);
    const group = JSON.parse(read(out, 'marathon-group.json'));
    const ids = (g: { apps?: { id: string }[]; groups?: object[] }): string[] => [
      ...(g.apps ?? []).map((a) => a.id),
      ...(g.groups ?? []).flatMap((x) => ids(x as typeof g)),
    ];
    expect(ids(group)).toHaveLength(20);
    expect(ids(group)).toContain('/retail/app-03');
    expect(ids(group)).toContain('/backoffice/crm/crm-git');
    expect(ids(group)).toContain('/sales/app-05');

    // the inventory's overrides reach each app's Marathon definition and Dockerfile
    const app = (name: string) => JSON.parse(read(out, `apps/${name}/deploy/marathon-app.json`));
    expect(app('app-01')).toMatchObject({ mem: 1536, cpus: 0.5 });
    expect(app('app-09').instances).toBe(3);
    expect(JSON.stringify(app('app-02').labels)).toContain('app-02.example.com');
    expect(read(out, 'apps/app-04/deploy/Dockerfile')).toContain('FROM registry.local/tomcat:9.0-jdk11');
    expect(app('shop-git').mem).toBe(768);

    // git apps: cloned at their ref into the output folder's cache, named by URL and commit in the reports
    const release = git(shopRepo, 'rev-parse', 'release');
    expect(report).toContain(`servlet-shop.git#${release}`);
    expect(git(path.join(out, '.cache/git/shop-git'), 'rev-parse', 'HEAD')).toBe(release);
  });

  it('resumes a run killed with SIGKILL and ends with the same portfolio as one uninterrupted run', async () => {
    const out = path.join(dir, 'killed');
    const child = spawn(process.execPath, [CLI, 'batch', inventory, '-o', out, '--jobs', '1', '-q'], { cwd: dir });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (stateCount(out) < 4 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const finishedBeforeKill = stateCount(out);
    expect(finishedBeforeKill).toBeGreaterThanOrEqual(4);
    expect(finishedBeforeKill).toBeLessThan(21);
    expect(existsSync(path.join(out, 'portfolio.json'))).toBe(false);

    const r = run(['batch', inventory, '-o', out, '--jobs', '2']);
    expect(r.code, r.err).toBe(3);
    const unchanged = Number(/(\d+) unchanged/.exec(r.out)![1]);
    expect(unchanged).toBeGreaterThanOrEqual(finishedBeforeKill - 1); // the broken app runs again
    expect(unchanged).toBeLessThan(20);
    samePortfolio(path.join(dir, 'one'), out);
  });

  it('splits the inventory into shards by app name and merges them into the portfolio of one run', () => {
    const s1 = run(['batch', inventory, '-o', 'shard-1', '--shard', '1/2', '-q']);
    const s2 = run(['batch', inventory, '-o', 'shard-2', '--shard', '2/2', '-q']);
    const count = (out: string) => Number(/^(\d+) app\(s\)/.exec(out)![1]);
    expect(count(s1.out) + count(s2.out)).toBe(21);
    expect(count(s1.out)).toBeGreaterThan(0);
    expect(count(s2.out)).toBeGreaterThan(0);
    expect([s1.code, s2.code].sort()).toEqual([0, 3]); // only the shard with the broken app failed

    const merged = run(['merge', 'shard-1', 'shard-2', '-o', 'merged']);
    expect(merged.code, merged.err).toBe(3);
    samePortfolio(path.join(dir, 'one'), path.join(dir, 'merged'));
    for (const name of ['app-01', 'app-07', 'shop-git', 'crm-git']) {
      const files = readdirSync(path.join(dir, 'one/apps', name, 'deploy'));
      for (const f of files)
        expect(read(dir, 'merged/apps', name, 'deploy', f)).toBe(read(dir, 'one/apps', name, 'deploy', f));
      expect(read(dir, 'merged/apps', name, 'report.json')).toBe(read(dir, 'one/apps', name, 'report.json'));
    }
    expect(run(['merge', 'shard-1', '-o', 'half']).code).toBe(2);
  });

  it('takes its apps from any coordinator that implements the claim interface', async () => {
    // a coordinator that hands the apps out last first, and records which worker took each
    const apps = readInventory(inventory).map((a, order) => ({ ...a, order }));
    const queue = [...apps].reverse();
    const taken: number[] = [];
    const released: string[] = [];
    const claims: AppClaims = {
      claim: (worker) => {
        const app = queue.shift();
        if (app) taken.push(worker);
        return Promise.resolve(app);
      },
      release: (app) => Promise.resolve(void released.push(app.name)),
      close: () => Promise.resolve(),
    };
    const out = path.join(dir, 'claimed');
    const opts = { out, fix: false, fixBranch: 'paasport/stateless', logs: 'volume' as const, group: '/', rules: [] };
    const { states } = await runBatch({
      apps,
      opts,
      rules: bundledRules(),
      version: packageVersion(),
      inventoryHash: 'test',
      lang: 'en',
      jobs: 2,
      force: false,
      claims,
    });
    expect(states.map((s) => s.name)).toEqual(apps.map((a) => a.name)); // the portfolio keeps the inventory's order
    expect(released.sort()).toEqual(apps.map((a) => a.name).sort());
    expect(new Set(taken)).toEqual(new Set([0, 1]));
    samePortfolio(path.join(dir, 'one'), out);
  });

  it('skips the apps whose inputs did not change, and works again on one whose files or commit changed', () => {
    let r = run(['batch', inventory, '-o', 'one', '--jobs', '2']);
    expect(r.out).toContain('21 app(s): 0 done, 20 unchanged, 1 failed.');

    writeFileSync(path.join(dir, 'apps/app-07/NOTES.txt'), 'changed\n');
    writeFileSync(path.join(shopRepo, 'CHANGES.txt'), 'a new commit\n');
    git(shopRepo, 'add', '-A');
    git(shopRepo, 'commit', '-q', '-m', 'change');
    git(shopRepo, 'push', '-q', 'origin', 'HEAD:release');
    r = run(['batch', inventory, '-o', 'one', '--jobs', '2']);
    expect(r.out).toContain('21 app(s): 2 done, 18 unchanged, 1 failed.');
    expect(read(dir, 'one/batch-report.md')).toContain(`servlet-shop.git#${git(shopRepo, 'rev-parse', 'HEAD')}`);

    // a changed option is a changed input: every app again
    r = run(['batch', inventory, '-o', 'one', '--registry', 'registry.local:5000', '-q']);
    expect(r.out).toContain('21 app(s): 20 done, 0 unchanged, 1 failed.');
    expect(read(dir, 'one/apps/app-01/deploy/marathon-app.json')).toContain('registry.local:5000/');
  });
});

describe('paasport batch --fix', { timeout: 120_000 }, () => {
  it('commits the fixes on a branch of each git clone before assessing the fixed code', () => {
    const inv = path.join(dir, 'git-only.yaml');
    const all = read(inventory);
    writeFileSync(inv, `apps:\n${all.slice(all.indexOf('  - name: shop-git'))}`);
    const r = run(['batch', inv, '-o', 'fixed', '--fix', '--session-store', 'redis', '-q']);
    expect(r.code, r.err + r.out).toBe(0);
    const clone = path.join(dir, 'fixed/.cache/git/shop-git');
    expect(git(clone, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('paasport/stateless');
    const commits = Number(git(clone, 'rev-list', '--count', 'origin/release..HEAD'));
    expect(commits).toBeGreaterThan(0);
    expect(read(dir, 'fixed/batch-report.md')).toContain(`${commits} commit(s) on paasport/stateless`);
    // the artifacts come from the fixed code: the session store the fix set up, the inventory's over --session-store
    expect(read(dir, 'fixed/apps/shop-git/deploy/tomcat-lib.txt')).toContain('memcached-session-manager');
  });
});

describe('batch usage', () => {
  it('refuses a wrong shard, an invalid inventory and a git app for assess', () => {
    expect(run(['batch', inventory, '--shard', '3/2']).code).toBe(2);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'apps:\n  - name: x\n    path: apps/app-01\n    ref: main\n');
    expect(run(['batch', bad, '-o', 'bad']).code).toBe(2);
    writeFileSync(bad, 'apps:\n  - name: x\n    path: apps/app-01\n    git: file:///nowhere.git\n');
    expect(run(['batch', bad, '-o', 'bad']).code).toBe(2);
    writeFileSync(bad, 'apps:\n  - name: x\n    path: apps/app-01\n    mem: lots\n');
    const mem = run(['batch', bad, '-o', 'bad']);
    expect(mem.code).toBe(2);
    expect(mem.err).toContain('/apps/0/mem must be number');
    const a = run(['assess', '--inventory', inventory, '-q']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('paasport batch clones it');
  });

  it('puts an app in a shard by its name alone, never by its place in the list', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('0/3') ?? parseShard('4/3') ?? parseShard('x')).toBeUndefined();
    const names = Array.from({ length: 40 }, (_, i) => `app-${i}`);
    const parts = [1, 2, 3].map((index) => names.filter((n) => inShard(n, { index, count: 3 })));
    expect(parts.flat().sort()).toEqual([...names].sort());
    for (const p of parts) expect(p.length).toBeGreaterThan(0);
    const reversed = [...names].reverse().filter((n) => inShard(n, { index: 1, count: 3 }));
    expect(reversed.sort()).toEqual([...parts[0]].sort());
  });
});
