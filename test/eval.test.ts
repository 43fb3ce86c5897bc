import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { parseLabels } from '../eval/labels.js';
import { precision, recall, scoreApp } from '../eval/score.js';
import { bundledRules, makeTree, removeTree, ROOT } from './helpers.js';

const LABELS = `app: blog-reactor
repo: example/blog-reactor
commit: 0123456789ab
verdict: refactor
must:
  - { file: web/src/main/java/org/example/blog/web/LoginServlet.java, line: 14, concern: session, what: login in the session }
  - { file: core/src/main/java/org/example/blog/core/OnlineUsers.java, line: 8, concern: state, what: online map }
  - { file: web/src/main/webapp/WEB-INF/web.xml, line: 4, concern: session, what: a miss on purpose }
mustNot:
  - { file: web/src/main/java/org/example/blog/tools/SlugTools.java, line: 8, concern: state, what: memo of derived data }
  - { file: docs/examples/blog-custom.properties, line: 2, concern: config, what: a sample, never shipped }
`;

const trees: string[] = [];
afterEach(() => trees.splice(0).forEach(removeTree));

describe('npm run eval: findings against hand labels', () => {
  it('counts found must lines, findings on mustNot lines as noise, and out-of-app findings as neither', async () => {
    const labels = parseLabels(LABELS, 'blog-reactor.yaml');
    const a = await assess(path.join(ROOT, 'fixtures/blog-reactor'), bundledRules(), { threads: 0 });
    const s = scoreApp(labels, a.findings, a.verdict.class);
    expect(s.total).toEqual({ must: 3, found: 2, tp: 2, fp: 1, unjudged: 0 });
    expect([recall(s.total), precision(s.total)]).toEqual([2 / 3, 2 / 3]);
    expect(s.misses.map((m) => m.file)).toEqual(['web/src/main/webapp/WEB-INF/web.xml']);
    expect(s.noise.map((n) => n.finding.ruleId)).toEqual(['static-mutable-state']);
    expect(s.byConcern.state).toEqual({ must: 1, found: 1, tp: 1, fp: 1, unjudged: 0 });
    // the sample in docs/ is reported out of scope: not noise
    expect(s.byConcern.config).toEqual({ must: 0, found: 0, tp: 0, fp: 0, unjudged: 0 });
    expect(s.verdict).toEqual({ expected: 'refactor', actual: 'refactor' });
  });

  it('a label file with a wrong concern or no line says which entry', () => {
    expect(() =>
      parseLabels(LABELS.replace('concern: state, what: online', 'concern: cache, what: online'), 'x.yaml'),
    ).toThrow('x.yaml: must[1]: concern must be one of session, state, files, config, logging, database');
    expect(() => parseLabels(LABELS.replace('line: 14, ', ''), 'x.yaml')).toThrow('x.yaml: must[0]: file and a line');
  });

  it('runs on a corpus folder and prints the tables; no corpus is a usage error (exit 2)', () => {
    const labels = makeTree({ 'blog-reactor.yaml': LABELS });
    trees.push(labels);
    const out = execFileSync(
      'node',
      [path.join(ROOT, 'dist/eval/eval.js'), '--corpus', path.join(ROOT, 'fixtures'), '--labels', labels, '--details'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toContain('| blog-reactor | refactor ✓ | 67 % | 2/3 | 67 % | 2/3 | 0 |');
    expect(out).toContain('| session | 50 % | 1/2 | 100 % | 1/1 | 0 |');
    expect(out).toContain('  missed  session  web/src/main/webapp/WEB-INF/web.xml:4  a miss on purpose');
    const bad = spawnSync('node', [path.join(ROOT, 'dist/eval/eval.js')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: npm run eval -- --corpus DIR');
  });
});
