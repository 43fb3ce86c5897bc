import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzTree, random, seedFiles } from '../fuzz/cases.js';
import { runFuzz } from '../fuzz/run.js';
import { CLI, ROOT } from './helpers.js';

describe('fuzz: hostile trees through paasport assess', () => {
  it('the same seed gives the same trees; another seed others', () => {
    const seeds = seedFiles(path.join(ROOT, 'fixtures'));
    expect(seeds.length).toBeGreaterThan(50);
    expect(fuzzTree(7, 3, seeds, 20)).toEqual(fuzzTree(7, 3, seeds, 20));
    expect(fuzzTree(7, 3, seeds, 20)).not.toEqual(fuzzTree(8, 3, seeds, 20));
    expect(random(1)()).toBe(random(1)());
  });

  it('the trees hold Java, XML, properties and YAML files, and hostile names', () => {
    const seeds = seedFiles(path.join(ROOT, 'fixtures')).map((b) => b.toString('utf8'));
    expect(seeds.filter((t) => /^\s*(package|import|public class) /m.test(t)).length).toBeGreaterThan(10);
    expect(seeds.filter((t) => t.trimStart().startsWith('<')).length).toBeGreaterThan(10);
    expect(seeds.filter((t) => /^[\w.]+\s*=/m.test(t)).length).toBeGreaterThan(5);
    expect(seeds.filter((t) => /^spring:\n|^base: &base|^%YAML/.test(t)).length).toBeGreaterThan(2);
    const names = Array.from({ length: 20 }, (_, i) => Object.keys(fuzzTree(20261128, i, [Buffer.from('x')], 100)))
      .flat()
      .map((p) => p.slice(p.indexOf('/') + 1));
    for (const ext of ['.java', '.xml', '.properties', '.yml', '.yaml'])
      expect(
        names.some((n) => n.endsWith(ext)),
        ext,
      ).toBe(true);
    for (const hostile of ['new\nline.java', 'tab\tname.xml', '中文.properties', '-dash.xml'])
      expect(
        names.some((n) => n.endsWith(hostile)),
        hostile,
      ).toBe(true);
  });

  // 3,000 mutated Java, XML, properties, YAML, JSP and Gradle files under hostile names, 100 to a tree (seeded)
  it('3,000 files: no crash (exit 3), no hang, always a JSON report', async () => {
    const problems = await runFuzz({
      cli: CLI,
      fixtures: path.join(ROOT, 'fixtures'),
      trees: 30,
      size: 100,
      seed: 20261128,
      timeoutMs: 120_000,
    });
    expect(problems).toEqual([]);
  }, 900_000);
});
