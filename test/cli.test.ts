import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CLI, makeTree, padded, removeTree, ROOT, WORKER_SOURCE_BYTES } from './helpers.js';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SHOP = path.join(ROOT, 'fixtures/servlet-shop');

describe('paasport assess (built CLI)', () => {
  it('--help explains the options and the exit codes', () => {
    const r = run(['assess', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--fail-on <category>');
    expect(r.out).toContain('Exit codes: 0 done, 1 a finding matched --fail-on, 2 wrong usage');
  });

  it('usage errors exit 2 with a message that says what to do', () => {
    const missing = run(['assess', 'no/such/app']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such folder');
    expect(run(['assess', SHOP, '--format', 'xml']).code).toBe(2);
    expect(run(['assess', SHOP, '--encoding', 'klingon']).code).toBe(2);
    expect(run(['assess']).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    // not the main help with exit 0, which a script would take for success
    const unknown = run(['migrate', '--help']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'migrate'");
    expect(unknown.out).toBe('');
    expect(run(['help', 'assess']).code).toBe(0);
    // a standard output that cannot be written (a full disk) is a failure, not the 1 of --fail-on
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'assess', SHOP], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('cannot write to standard output: ENOSPC');
    } finally {
      closeSync(full);
    }
  });

  it('bad settings from flags and unwritable outputs are usage errors that say what to check, never a crash', () => {
    const out = makeTree({ 'a-file': 'x\n' });
    try {
      const api = path.join(ROOT, 'fixtures/stateless-api');
      const cases: [string[], string][] = [
        [['generate', api, '--base-image', 'tomcat', '--out', out], '/baseImage must match pattern'],
        [['generate', api, '--context-path', 'shop', '--out', out], '/contextPath must match pattern'],
        [['generate', api, '--service-port', '99999'], 'expected a whole number from 1 to 65535'],
        [['generate', api, '--instances', '1.5'], 'expected a whole number of 1 or more'],
        [['generate', api, '--out', path.join(out, 'a-file', 'deploy')], 'cannot write a generated file to'],
        [['rules', 'schema', path.join(out, 'missing', 'rules.json')], 'cannot write the rule schema to'],
        [['assess', SHOP, '-o', path.join(out, 'a-file', 'r.txt')], 'cannot write the report to'],
      ];
      for (const [args, message] of cases) {
        const r = run(args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err).toContain(message);
        expect(r.err).not.toContain('    at ');
      }
    } finally {
      removeTree(out);
    }
  });

  it('--format json follows the report schema kept in the repo', () => {
    const r = run(['assess', SHOP, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, 'generators/reports/schemas/assess-report.schema.json'), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(5);
    expect(report.findings[0]).toMatchObject({ ruleId: expect.any(String), file: expect.stringMatching(/^[^\\]+$/) });
  });

  it('--fail-on exits 1 when a finding of that category or worse is found, 0 otherwise', () => {
    expect(run(['assess', SHOP, '--fail-on', 'mandatory', '-q']).code).toBe(1);
    const clean = makeTree({ 'src/A.java': 'package a;\npublic class A { int x; }\n' });
    try {
      expect(run(['assess', clean, '--fail-on', 'potential']).code).toBe(0);
    } finally {
      removeTree(clean);
    }
  });

  it('--output writes the report file and nothing to standard output', () => {
    const dir = makeTree({});
    try {
      const out = path.join(dir, 'report.json');
      const r = run(['assess', SHOP, '--format', 'json', '--output', out]);
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
      expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe('1.2');
      const bad = run(['assess', SHOP, '--output', path.join(dir, 'missing-dir/r.txt')]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('cannot write the report');
      expect(existsSync(path.join(dir, 'missing-dir'))).toBe(false);
    } finally {
      removeTree(dir);
    }
  });

  it('--rules adds a user rule folder; a broken rule file is refused with its name', () => {
    const dir = makeTree({
      'rules/company.yaml': `- id: no-system-exit
  category: mandatory
  effort: 1
  tags: [company]
  title: { en: "System.exit in a web app", zh-CN: "Web 应用中调用 System.exit" }
  message: { en: "Stops the whole container.", zh-CN: "会停止整个容器。" }
  when:
    java.call: { type: java.lang.System, methods: [exit] }
`,
      'bad/broken.yaml': '- id: Bad Id\n  category: sometimes\n',
      'app/src/A.java': 'package a;\npublic class A { void f() { System.exit(1); } }\n',
    });
    try {
      const r = run(['assess', path.join(dir, 'app'), '--rules', path.join(dir, 'rules'), '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`)).toEqual([
        'no-system-exit:2',
      ]);
      const bad = run(['assess', path.join(dir, 'app'), '--rules', path.join(dir, 'bad')]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('broken.yaml');
      expect(bad.err).toContain('does not follow the rule schema');
    } finally {
      removeTree(dir);
    }
  });

  // enough source that the built CLI parses it on worker threads
  it('worker threads give the same findings as one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 80; i++) {
      files[`src/p/C${i}.java`] = padded(
        `package p;\nimport javax.servlet.http.HttpSession;\npublic class C${i} {\n  void f(HttpSession s) { s.setAttribute("k${i}", "v"); }\n  String u = "jdbc:mysql://10.0.${i}.1/db";\n}\n`,
        WORKER_SOURCE_BYTES / 80,
      );
    }
    const dir = makeTree(files);
    try {
      const oneRun = run(['assess', dir, '--format', 'json', '--threads', '1', '--profile']);
      const twoRun = run(['assess', dir, '--format', 'json', '--threads', '2', '--profile']);
      const one = JSON.parse(oneRun.out);
      const two = JSON.parse(twoRun.out);
      expect(one.findings.length).toBe(160);
      expect(two.findings).toEqual(one.findings);
      // the two runs compared really took both paths
      expect(oneRun.err).toMatch(/the Java in this thread/);
      expect(twoRun.err).toMatch(/the Java on worker threads \(2 started\)/);
    } finally {
      removeTree(dir);
    }
  });

  it('worker threads give the same findings as one thread for arguments of no type the file states', () => {
    // an array element and a library call's result have no type the file states; the workers' facts come as JSON text,
    // which has no undefined
    const files: Record<string, string> = {};
    for (let i = 0; i < 80; i++) {
      files[`src/p/D${i}.java`] = padded(
        `package p;\nimport javax.servlet.http.HttpSession;\npublic class D${i} {\n` +
          `  void f(HttpSession s, Object[] a) { s.setAttribute("a${i}", a[0]); s.setAttribute("b${i}", java.util.UUID.randomUUID()); }\n}\n`,
        WORKER_SOURCE_BYTES / 80,
      );
    }
    const dir = makeTree(files);
    try {
      const one = JSON.parse(run(['assess', dir, '--format', 'json', '--threads', '1']).out);
      const two = JSON.parse(run(['assess', dir, '--format', 'json', '--threads', '2']).out);
      expect(one.findings.filter((f: { ruleId: string }) => f.ruleId === 'session-attribute-write').length).toBe(160);
      expect(two.findings).toEqual(one.findings);
    } finally {
      removeTree(dir);
    }
  });

  it('the npm package carries every file the built CLI reads at run time', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    for (const needed of [
      'dist/cli/main.js',
      'rules/rules.schema.json',
      'rules/session.yaml',
      'generators/reports/report-html.ejs',
      'generators/deploy/templates/Dockerfile.ejs',
      'generators/deploy/templates/setenv.sh.ejs',
      'generators/deploy/templates/DEPLOY.md.ejs',
      'analyzers/settings/paasport-yaml.schema.json',
      'generators/deploy/schemas/marathon/v1.7.236/AppDefinition.json',
      'README.md',
    ])
      expect(files).toContain(needed);
    expect(files.some((f) => f.startsWith('fixtures/') || f.startsWith('test/'))).toBe(false);
  });

  it('--encoding reads every file in the given encoding instead of detecting it', () => {
    const dir = makeTree({ 'A.java': 'package a;\npublic class A { String u = "jdbc:mysql://db/中文"; }\n' });
    try {
      const snippet = (args: string[]) =>
        JSON.parse(run(['assess', dir, '--format', 'json', ...args]).out).findings[0].snippet;
      expect(snippet([])).toContain('中文');
      expect(snippet(['--encoding', 'iso-8859-1'])).toContain('ä¸­æ');
    } finally {
      removeTree(dir);
    }
  });

  it('--lang zh-CN prints the report in Chinese', () => {
    const r = run(['assess', SHOP, '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('会话状态');
    expect(r.out).toContain('写入 HTTP 会话');
  });
});
