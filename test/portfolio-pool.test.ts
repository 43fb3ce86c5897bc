import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeTree, padded, removeTree, servletSource, WORKER_SOURCE_BYTES } from './helpers.js';

// Three apps of 34 servlets each: more Java files than one batch and enough source, so the built CLI parses them on
// worker threads, and --each runs all three on the same workers.

const tree: Record<string, string> = {};
for (const app of ['app1', 'app2', 'app3'])
  for (let i = 1; i <= 30 + app.length; i++)
    tree[`${app}/src/shop/C${i}.java`] = padded(servletSource(i), WORKER_SOURCE_BYTES / 30);

type Report = { findings: { ruleId: string; file: string; line: number }[] };
// with --profile, which says on how many worker threads the Java was parsed
const json = (args: string[]) => {
  const r = spawnSync(
    process.execPath,
    [CLI, 'assess', ...args, '--format', 'json', '-q', '--threads', '2', '--profile'],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return { ...JSON.parse(r.stdout), profile: r.stderr };
};
const places = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort();

describe('a portfolio on one pool of workers', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTree(tree);
  });
  afterAll(() => removeTree(dir));

  it('each app of --each gets the findings it gets alone, though the workers served the apps before it', () => {
    const each: { apps: Report[]; profile: string } = json(['--each', dir]);
    expect(each.apps).toHaveLength(3);
    expect(each.profile).toMatch(/the Java on worker threads \(2 started\)/);
    for (const [i, app] of ['app1', 'app2', 'app3'].entries()) {
      const alone: Report & { profile: string } = json([path.join(dir, app)]);
      expect(alone.profile).toMatch(/the Java on worker threads \(2 started\)/);
      expect(places(each.apps[i])).toEqual(places(alone));
      expect(alone.findings.length).toBe(2 * (30 + app.length));
    }
  });
});
