import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../analyzers/stage-times.js';
import { CLI, makeTree, removeTree, ROOT } from './helpers.js';

function run(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const { PAASPORT_PROFILE: _, ...rest } = process.env;
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...rest, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SHOP = path.join(ROOT, 'fixtures/servlet-shop');
const row = (name: string) => new RegExp(`^  ${name.replace(/[+]/g, '\\+')} +\\d+\\.\\d ms`, 'm');

describe('stage times', () => {
  it('assess --profile prints every stage with its time on standard error; the report is the same', () => {
    const plain = run(['assess', SHOP, '--format', 'json']);
    const profiled = run(['assess', SHOP, '--format', 'json', '--profile']);
    expect(profiled.code).toBe(0);
    expect(profiled.err).toMatch(/^paasport: time of each stage$/m);
    for (const name of ['start-up', ...STAGES, 'rest', 'total']) expect(profiled.err, name).toMatch(row(name));
    // a small app: no worker thread is worth starting for it
    expect(profiled.err).toMatch(/the Java in this thread \(worker threads start at 1\.5 MB of Java and JSP\)/);
    const strip = (json: string) => ({ ...JSON.parse(json), generatedAt: undefined });
    expect(strip(profiled.out)).toEqual(strip(plain.out));
    expect(plain.err).toBe('');
  });

  it('PAASPORT_PROFILE=1 times any command; without it nothing is printed', () => {
    const listed = run(['rules', 'list'], { PAASPORT_PROFILE: '1' });
    expect(listed.code).toBe(0);
    expect(listed.err).toMatch(row('start-up'));
    expect(listed.err).toMatch(row('total'));
    expect(listed.err).not.toMatch(row('rules'));
    expect(run(['rules', 'list']).err).toBe('');
    const assessed = run(['assess', SHOP], { PAASPORT_PROFILE: '1' });
    for (const name of STAGES) expect(assessed.err, name).toMatch(row(name));
  });
});

describe('start-up', () => {
  // every module the process loads, written by a loader hook
  function modulesLoaded(args: string[]): string[] {
    const log = path.join(tmpdir(), `paasport-modules-${process.pid}-${args.join('-').replace(/\W/g, '')}.log`);
    const hooks = `data:text/javascript,import{appendFileSync}from'node:fs';export async function load(u,c,n){appendFileSync(${JSON.stringify(log)},u+'\\n');return n(u,c)}`;
    const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)})`;
    try {
      const r = run(args, {}, ['--import', register]);
      expect(r.code, r.err).toBe(0);
      return readFileSync(log, 'utf8').trim().split('\n');
    } finally {
      rmSync(log, { force: true });
    }
  }

  it('--version, --help and rules list load neither the analyzers, the Docker client, the schemas nor the parser', () => {
    for (const args of [['--version'], ['--help'], ['assess', '--help'], ['rules', 'list']]) {
      const loaded = modulesLoaded(args);
      expect(
        loaded.some((u) => u.endsWith('/dist/cli/main.js')),
        args.join(' '),
      ).toBe(true);
      const heavy = loaded.filter((u) =>
        /node_modules\/(dockerode|ssh2|ajv|yaml|web-tree-sitter|ejs|simple-git|saxes)\/|\/dist\/analyzers\/(java|engine\/conditions)\//.test(
          u,
        ),
      );
      expect(heavy, args.join(' ')).toEqual([]);
    }
  });

  it('assess loads no Docker client, no HTML template engine and no git', () => {
    const loaded = modulesLoaded(['assess', SHOP]);
    expect(loaded.some((u) => u.includes('/dist/analyzers/java/'))).toBe(true);
    expect(loaded.filter((u) => /node_modules\/(dockerode|ssh2|ejs|simple-git)\//.test(u))).toEqual([]);
  });

  it("a user's rules are checked by the validator the build wrote: schema and regexes", () => {
    const rule = (id: string, when: string) =>
      `- id: ${id}\n  category: mandatory\n  effort: 2\n  tags: [process]\n` +
      `  title: { en: "Exits", zh-CN: "退出" }\n  message: { en: "Stops.", zh-CN: "停止。" }\n  when:\n${when}`;
    const dir = makeTree({
      'bad/a.yaml': rule('r-regex', '    java.string: { regex: "(?=look)" }\n'),
      'two/a.yaml': rule('r-two', '    java.string: { regex: "x" }\n    file: { glob: "*" }\n'),
    });
    try {
      const lookaround = run(['rules', 'list', '--rules', path.join(dir, 'bad')]);
      expect(lookaround.code).toBe(2);
      expect(lookaround.err).toMatch(
        /rule r-regex: \/when\/java\.string\/regex: not a valid regular expression: .*RE2/,
      );
      const two = run(['rules', 'list', '--rules', path.join(dir, 'two')]);
      expect(two.code).toBe(2);
      expect(two.err).toMatch(/rule r-two: \/when: a condition has exactly one of the keys java\.call, .*this one has/);
      expect(readFileSync(path.join(ROOT, 'dist/analyzers/engine/rule-validator.compiled.cjs'), 'utf8')).toContain(
        'x-regex',
      );
    } finally {
      removeTree(dir);
    }
  });
});
