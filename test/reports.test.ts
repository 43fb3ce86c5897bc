import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CLI, makeTree, removeTree, ROOT } from './helpers.js';

const OUT = path.join(ROOT, 'test-output');
mkdirSync(OUT, { recursive: true });
// the fixture apps, each with its expected findings beside it
const FIXTURE_APPS = readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.expected.yaml'))
  .map((f) => f.replace(/\.expected\.yaml$/, ''))
  .sort();

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const schema = JSON.parse(
  readFileSync(path.join(ROOT, 'generators/reports/schemas/assess-report.schema.json'), 'utf8'),
);
const validateReport = new Ajv({ allErrors: true }).compile(schema);

describe('SARIF', () => {
  it("passes Microsoft's SARIF validator with no error and no warning, and carries rule metadata", () => {
    const file = path.join(OUT, 'portfolio.sarif');
    expect(run(['assess', '--each', 'fixtures', '--format', 'sarif', '-o', file, '-q']).code).toBe(0);
    const v = spawnSync(path.join(ROOT, 'node_modules/.bin/sarif-multitool'), ['validate', file], { encoding: 'utf8' });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain('Analysis completed successfully');
    expect(v.stdout).not.toMatch(/: (error|warning) [A-Z]+\d+/);

    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(FIXTURE_APPS.length);
    const shop = sarif.runs.find(
      (r: { automationDetails: { id: string } }) => r.automationDetails.id === 'paasport/servlet-shop/',
    );
    const rule = shop.tool.driver.rules.find((r: { id: string }) => r.id === 'session-attribute-write');
    expect(rule).toMatchObject({
      name: 'SessionAttributeWrite',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: expect.arrayContaining(['session']) },
    });
    expect(rule.help.text).toContain('Redis');
    const result = shop.results.find((r: { ruleId: string }) => r.ruleId === 'tomcat-persistent-manager');
    expect(result).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'WebContent/META-INF/context.xml', uriBaseId: 'SRCROOT' },
            region: { startLine: 4 },
          },
        },
      ],
    });
    expect(result.locations[0].physicalLocation.region.snippet.text).toContain('PersistentManager');
  });

  it('fingerprints stay the same when lines are added above a finding', () => {
    const src =
      'package a;\nimport javax.servlet.http.HttpSession;\npublic class A {\n  void f(HttpSession s) { s.setAttribute("k", "v"); }\n}\n';
    const dir = makeTree({ 'A.java': src });
    try {
      const sarif = () => JSON.parse(run(['assess', dir, '--format', 'sarif']).out).runs[0].results[0];
      const before = sarif();
      writeFileSync(path.join(dir, 'A.java'), '// a header\n// added later\n' + src);
      const after = sarif();
      expect(after.locations[0].physicalLocation.region.startLine).toBe(
        before.locations[0].physicalLocation.region.startLine + 2,
      );
      expect(after.partialFingerprints).toEqual(before.partialFingerprints);
    } finally {
      removeTree(dir);
    }
  });
});

describe('CSV', () => {
  it('one row per finding, with a BOM, CRLF rows and quoting that spreadsheet programs read, Chinese included', () => {
    const r = run(['assess', 'fixtures/spring-mvc-crm', '--format', 'csv', '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\ufeff')).toBe(true);
    expect(r.out).toContain('\r\n');
    const rows: string[][] = parse(r.out.slice(1));
    expect(rows[0]).toEqual(['规则', '类别', '关注点', '文件', '行', '列', '标题', '说明', '代码', '修复', '范围']);
    expect(rows).toHaveLength(1 + 17);
    const host = rows.find((x) => x[0] === 'hardcoded-host' && x[3].endsWith('applicationContext.xml'))!;
    expect(host[1]).toBe('潜在');
    expect(host[8]).toBe('<property name="host" value="smtp.example-crm.cn"/>'); // quotes survive the round trip
    expect(rows.find((x) => x[0] === 'hardcoded-credential')![8]).toContain('****');
  });

  it('a cell that a spreadsheet would run as a formula (=, +, -, @ first) is written as text', () => {
    const dir = makeTree({
      '=HYPERLINK("http://x")/src/com/acme/A.java':
        'package com.acme;\npublic class A { static java.util.Map m = new java.util.HashMap(); ' +
        'void f(javax.servlet.http.HttpServletRequest r) { r.getSession().setAttribute("k", m); } }\n',
    });
    try {
      const r = run(['assess', dir, '--format', 'csv']);
      const rows: string[][] = parse(r.out.slice(1));
      const files = rows.slice(1).map((x) => x[3]);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(f.startsWith("'=HYPERLINK")).toBe(true);
    } finally {
      removeTree(dir);
    }
  });

  it('inventory names, owners and teams, folder names of --each and snippets are text too, never formulas', () => {
    const session = (lead: string) =>
      `class A { void f(javax.servlet.http.HttpServletRequest r) {\n${lead}r.getSession().setAttribute("k", 1); } }\n`;
    const dir = makeTree({
      '-app1/+src/A.java': session('+'),
      '@app2/src/B.java': session('-'),
      'inventory.yaml':
        'apps:\n  - name: "=HYPERLINK(\\"http://x\\")"\n    path: -app1\n    owner: "@SUM(1+1)"\n    team: "+cmd"\n' +
        '  - name: "-2+3"\n    path: "@app2"\n',
    });
    try {
      const file = path.join(dir, 'portfolio.csv');
      expect(run(['assess', '--inventory', path.join(dir, 'inventory.yaml'), '--format', 'csv', '-o', file]).code).toBe(
        0,
      );
      const apps: string[][] = parse(readFileSync(file, 'utf8').slice(1));
      expect(apps.slice(1).map((x) => x.slice(0, 3))).toEqual([
        ['\'=HYPERLINK("http://x")', "'@SUM(1+1)", "'+cmd"],
        ["'-2+3", '', ''],
      ]);
      const findings: string[][] = parse(readFileSync(path.join(dir, 'portfolio.findings.csv'), 'utf8').slice(1));
      expect(findings.slice(1).map((x) => [x[4], x[9].slice(0, 3)])).toEqual([
        ["'+src/A.java", "'+r"],
        ['src/B.java', "'-r"],
      ]);
      const each: string[][] = parse(run(['assess', '--each', dir, '--format', 'csv']).out.slice(1));
      expect(each.slice(1).map((x) => x[0])).toEqual(["'-app1", "'@app2"]);
      const cells = [...apps, ...findings, ...each].flat();
      expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });

  it('a portfolio writes one row per app, and the findings beside it', () => {
    const dir = makeTree({});
    try {
      const file = path.join(dir, 'portfolio.csv');
      expect(run(['assess', '--each', 'fixtures', '--format', 'csv', '-o', file]).code).toBe(0);
      const apps: string[][] = parse(readFileSync(file, 'utf8').slice(1));
      expect(apps.map((x) => x[0])).toEqual(['Application', ...FIXTURE_APPS]);
      expect(FIXTURE_APPS).toEqual(
        expect.arrayContaining(['kanban-demo', 'order-broker', 'servlet-shop', 'spring-mvc-crm', 'struts-forum']),
      );
      expect(apps.find((x) => x[0] === 'order-broker')![3]).toBe('Not recommended');
      const findings: string[][] = parse(readFileSync(path.join(dir, 'portfolio.findings.csv'), 'utf8').slice(1));
      expect(findings[0][0]).toBe('Application');
      expect(findings.length - 1).toBe(13 + 4 + 13 + 3 + 17 + 10 + 0 + 3 + 1 + 4 + 4 + 3);
      // blog-reactor's findings in its test helper, tool, docs and build plugin say so
      const scopes = 'deployed test docs docs tool tool test test build deployed deployed tool tool'.split(' ');
      expect(findings.filter((r) => r[0] === 'blog-reactor').map((r) => r.at(-1))).toEqual(scopes);
    } finally {
      removeTree(dir);
    }
  });
});

describe('text', () => {
  it('a line break in a file name does not split a line of the report', () => {
    const dir = makeTree({
      'src/com/acme/Cart\nServlet.java':
        'package com.acme;\npublic class A { void f(javax.servlet.http.HttpServletRequest r) ' +
        '{ r.getSession().setAttribute("k", new Object()); } }\n',
    });
    try {
      const r = run(['assess', dir]);
      const line = r.out.split('\n').find((l) => l.includes('] session-attribute-write'))!;
      expect(line).toContain('src/com/acme/Cart\\nServlet.java:');
      expect(r.out).not.toMatch(/^Servlet\.java/m);
    } finally {
      removeTree(dir);
    }
  });
});

describe('Markdown', () => {
  it('a concise summary fit for a pull-request comment', () => {
    const r = run(['assess', 'fixtures/servlet-shop', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^## paasport assessment\n/);
    expect(r.out).toContain('| servlet-shop | 🟡 Refactor first |');
    expect(r.out).toContain('`tomcat:9.0-jdk8-temurin`');
    expect(r.out).toContain('<details><summary>Findings (12)</summary>');
    expect(r.out.split('\n').length).toBeLessThan(45);
  });
});

describe('portfolio input', () => {
  it('an inventory YAML: names, owners and teams reach the report; the JSON follows the schema', () => {
    const dir = makeTree({
      'inventory.yaml': `apps:\n  - name: shop\n    path: ${path.join(ROOT, 'fixtures/servlet-shop')}\n    owner: li.wei\n    team: retail\n    tags: [java6]\n  - name: broker\n    path: ${path.join(ROOT, 'fixtures/order-broker')}\n    team: logistics\n`,
    });
    try {
      const r = run(['assess', '--inventory', path.join(dir, 'inventory.yaml'), '--format', 'json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out);
      expect(validateReport(doc), JSON.stringify(validateReport.errors)).toBe(true);
      expect(doc.kind).toBe('portfolio');
      expect(
        doc.apps.map((a: { app: { name: string; owner?: string; team?: string } }) => [
          a.app.name,
          a.app.owner,
          a.app.team,
        ]),
      ).toEqual([
        ['shop', 'li.wei', 'retail'],
        ['broker', undefined, 'logistics'],
      ]);
      expect(doc.apps.map((a: { verdict: { class: string } }) => a.verdict.class)).toEqual([
        'refactor',
        'not-recommended',
      ]);
    } finally {
      removeTree(dir);
    }
  });

  it('a broken inventory is refused with what to write instead', () => {
    const dir = makeTree({
      'bad.yaml': 'apps:\n  - path: nowhere\n',
      'missing.yaml': 'apps:\n  - name: x\n    path: ./nope\n',
    });
    try {
      const bad = run(['assess', '--inventory', path.join(dir, 'bad.yaml')]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain("must have required property 'name'");
      expect(bad.err).toContain('apps:');
      const missing = run(['assess', '--inventory', path.join(dir, 'missing.yaml')]);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('./nope is not a folder');
    } finally {
      removeTree(dir);
    }
  });

  it('several paths make a portfolio text report with a table first', () => {
    const r = run(['assess', 'fixtures/stateless-api', 'fixtures/order-broker']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Portfolio (2 Applications)');
    expect(lines[3]).toMatch(/^stateless-api\s+Containerize now\s+100\s+0 \(XS\)\s+none$/);
    expect(lines[4]).toMatch(/^order-broker\s+Not recommended\s+25\s+/);
  });
});

describe('languages', () => {
  // Replaces every string by its shape so that two reports can be compared for structure alone.
  const shape = (v: unknown, key = ''): unknown => {
    if (Array.isArray(v)) return v.map((x) => shape(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x, k)]));
    if (typeof v === 'string' && ['title', 'message', 'reason'].includes(key)) return '<text>';
    return v;
  };

  for (const app of ['servlet-shop', 'struts-forum', 'order-broker']) {
    it(`${app}: zh-CN and en reports differ only in language`, () => {
      const en = JSON.parse(run(['assess', `fixtures/${app}`, '--format', 'json', '--lang', 'en']).out);
      const zh = JSON.parse(run(['assess', `fixtures/${app}`, '--format', 'json', '--lang', 'zh-CN']).out);
      expect(zh.lang).toBe('zh-CN');
      expect(shape({ ...zh, lang: '' })).toEqual(shape({ ...en, lang: '' }));
      expect(zh.findings.map((f: { message: string }) => f.message)).not.toEqual(
        en.findings.map((f: { message: string }) => f.message),
      );
      expect(zh.findings.every((f: { title: string }) => /[\u4e00-\u9fff]/.test(f.title))).toBe(true);
      const textEn = run(['assess', `fixtures/${app}`, '--lang', 'en']).out.split('\n');
      const textZh = run(['assess', `fixtures/${app}`, '--lang', 'zh-CN']).out.split('\n');
      expect(textZh.length).toBe(textEn.length);
      for (const [i, line] of textZh.entries())
        expect(line.startsWith('      | ')).toBe(textEn[i].startsWith('      | ')); // snippets line up
    });
  }
});

describe('paasport rules', () => {
  it('list prints the catalogue; show explains one rule in the chosen language', () => {
    const list = run(['rules', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^session-attribute-write\s+optional\s+Session state\s+Writes to the HTTP session$/m);
    const show = run(['rules', 'show', 'tomcat-cluster', '--lang', 'zh-CN']);
    expect(show.code).toBe(0);
    expect(show.out).toContain('tomcat-cluster: Tomcat 会话复制集群');
    expect(show.out).toContain('类别: 必须');
    expect(show.out).toContain('https://tomcat.apache.org/tomcat-9.0-doc/cluster-howto.html');
    const missing = run(['rules', 'show', 'session']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Did you mean: [^?]*session-attribute-write/);
  });
});
