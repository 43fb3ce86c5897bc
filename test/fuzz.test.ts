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

  // 2,000 mutated Java, XML, properties, YAML, JSP and Gradle files under hostile names, 100 to a tree
  it('2,000 files: no crash (exit 3), no hang, always a JSON report', async () => {
    const problems = await runFuzz({
      cli: CLI,
      fixtures: path.join(ROOT, 'fixtures'),
      trees: 20,
      size: 100,
      seed: 20261128,
      timeoutMs: 120_000,
    });
    expect(problems).toEqual([]);
  }, 900_000);
});
