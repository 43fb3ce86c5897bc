import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, makeTree, removeTree, servletSource } from './helpers.js';

// Four generated files of more than half a megabyte (each leaves its worker with a heap sized for it, so the worker is
// replaced) among sixty servlets: more than one batch each for two workers.
const large = (name: string) =>
  `package gen;\npublic class ${name} {\n` +
  Array.from({ length: 10000 }, (_, i) => `  public static int f${i}(int x) { return x * ${i} + ${i % 7}; }\n`).join(
    '',
  ) +
  '}\n';

const largeFiles = ['Big1', 'Big2', 'Big3', 'Big4'].map((name) => `src/gen/${name}.java`);
const tree: Record<string, string> = {};
for (const file of largeFiles) tree[file] = large(path.basename(file, '.java'));
for (let i = 1; i <= 60; i++) tree[`src/shop/C${i}.java`] = servletSource(i);

type Report = { findings: { ruleId: string; file: string; line: number }[]; stats: unknown };

describe('workers that read a large file', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTree(tree);
  });
  afterAll(() => removeTree(dir));

  it('are replaced once their batch is back, and the run gives what one thread gives', () => {
    const run = (threads: string): Report => {
      const r = spawnSync(process.execPath, [CLI, 'assess', dir, '--format', 'json', '-q', '--threads', threads], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Report;
    };
    const two = run('2');
    const one = run('1');
    expect(two.findings.length).toBeGreaterThan(60);
    expect(two.findings).toEqual(one.findings);
    expect(two.stats).toEqual(one.stats);
  });

  const servlets = Array.from({ length: 30 }, (_, i) => `src/shop/C${i + 1}.java`);
  const typesOf = (files: string[]) => files.map((rel) => path.basename(rel, '.java'));

  /** Runs `body` in a process of its own, with `pool` (the built pool module) and `jobs(files)` in scope. */
  function probe(body: string): { started: number; types: string[][] } {
    const script = `
      const pool = await import(${JSON.stringify(path.join(ROOT, 'dist/analyzers/java/pool.js'))});
      const { statSync } = await import('node:fs');
      const jobs = (files) => files.map((rel) => {
        const abs = ${JSON.stringify(dir)} + '/' + rel;
        return { abs, rel, size: statSync(abs).size };
      });
      const typesOf = (results) => results.map((r) => r.facts.types[0].name);
      ${body}
    `;
    // from a file: a worker inherits the options of an `-e` script, which it cannot run with
    const tmp = makeTree({ 'probe.mjs': script });
    const r = spawnSync(process.execPath, [path.join(tmp, 'probe.mjs')], { encoding: 'utf8' });
    removeTree(tmp);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { started: number; types: string[][] };
  }

  // Each large file is a batch of its own, sent first: a worker takes one and retires, and is replaced if work is left
  // when it comes back. The two first to come back leave the last two large files; the third leaves the two batches
  // of servlets, which only a worker that took no large file can take; the fourth leaves nothing. So two workers make
  // five, however the batches interleave.
  it('the pool starts a worker in place of each one that read a large file while work is left', () => {
    const files = [...largeFiles, ...servlets];
    const out = probe(`
      const p = pool.javaPool(jobs(${JSON.stringify(files)}), 2);
      const types = typesOf(await p.analyze(jobs(${JSON.stringify(files)})));
      console.log(JSON.stringify({ started: p.workersStarted(), types: [types] }));
    `);
    expect(out.started).toBe(5);
    expect(out.types).toEqual([typesOf(files)]);
  });

  it('a pool for less source than is worth a worker (30 servlets) starts none, and reads it in this thread', () => {
    const out = probe(`
      const own = pool.javaPool(jobs(${JSON.stringify(servlets)}), 2);
      const alone = typesOf(await own.analyze(jobs(${JSON.stringify(servlets)})));
      const shared = pool.sharedJavaPool(2);
      const portfolio = typesOf(await shared.analyze(jobs(${JSON.stringify(servlets)})));
      console.log(JSON.stringify({ started: own.workersStarted() + shared.workersStarted(), types: [alone, portfolio] }));
      await shared.close();
    `);
    expect(out.started).toBe(0);
    expect(out.types).toEqual([typesOf(servlets), typesOf(servlets)]);
  });

  it('a pool that serves more apps replaces every such worker, the last too, and serves the next app', () => {
    const files = [...largeFiles, ...servlets];
    const out = probe(`
      const p = pool.sharedJavaPool(2);
      const first = typesOf(await p.analyze(jobs(${JSON.stringify(files)})));
      const next = typesOf(await p.analyze(jobs(${JSON.stringify(servlets)})));
      console.log(JSON.stringify({ started: p.workersStarted(), types: [first, next] }));
      await p.close();
    `);
    expect(out.started).toBe(6);
    expect(out.types).toEqual([typesOf(files), typesOf(servlets)]);
  });
});
