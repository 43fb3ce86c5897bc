import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { assess } from '../analyzers/assess/assess.js';
import { htmlReport } from '../generators/reports/report-html.js';
import { findingsCsv } from '../generators/reports/report-csv.js';
import { jsonReport } from '../generators/reports/report-json.js';
import { markdownReport } from '../generators/reports/report-md.js';
import { sarifReport } from '../generators/reports/report-sarif.js';
import { textReport } from '../generators/reports/report-text.js';
import { bundledRules, ROOT } from './helpers.js';

// every fixture app has its expected findings beside it
const APPS = readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.expected.yaml'))
  .map((f) => f.replace(/\.expected\.yaml$/, ''));

describe('fixture apps', () => {
  for (const app of APPS) {
    it(`${app}: findings equal the expected file exactly`, async () => {
      const expected: string[] = YAML.parse(readFileSync(path.join(ROOT, 'fixtures', `${app}.expected.yaml`), 'utf8'));
      const a = await assess(path.join(ROOT, 'fixtures', app), bundledRules(), { threads: 0 });
      // a finding outside the deployed app carries its scope: `rule file:line [test]`
      const actual = a.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}${f.scope ? ` [${f.scope}]` : ''}`);
      expect([...actual].sort()).toEqual([...expected].sort());
      expect(a.notices.filter((n) => n.kind === 'parse-error')).toEqual([]);
    });
  }

  it('struts-forum: GBK sources are decoded (a GBK character ending in 0x5C does not break the string literal)', async () => {
    const a = await assess(path.join(ROOT, 'fixtures', 'struts-forum'), bundledRules(), { threads: 0 });
    const cache = a.findings.find((f) => f.file.endsWith('TopicCache.java'));
    expect(cache?.snippet).toBe('private static final Map RECENT = new HashMap();');
    const login = a.findings.find((f) => f.file.endsWith('LoginAction.java'));
    expect(login?.snippet).toContain('// 当前会员');
  });

  it("struts-forum: the bundled Tomcat's webapps/ and the .svn folder are not the application", async () => {
    const a = await assess(path.join(ROOT, 'fixtures', 'struts-forum'), bundledRules(), { threads: 0 });
    expect(a.findings.filter((f) => f.file.includes('webapps/') || f.file.includes('.svn'))).toEqual([]);
    expect(a.notices.map((n) => n.kind)).toContain('excluded-tree');
    expect(a.build).toMatchObject({
      tool: 'ant',
      packaging: 'war',
      javaSource: '1.5',
      javaTarget: '1.5',
      sourceEncoding: 'GBK',
    });
  });

  it('spring-mvc-crm: secrets never appear in any report format', async () => {
    const a = await assess(path.join(ROOT, 'fixtures', 'spring-mvc-crm'), bundledRules(), { threads: 0 });
    const outputs = [
      textReport([a]),
      textReport([a], 'zh-CN'),
      jsonReport([a]),
      markdownReport([a]),
      findingsCsv([a]),
      sarifReport([a], bundledRules()),
      htmlReport([a], bundledRules()),
    ];
    for (const out of outputs) {
      for (const secret of ['Crm@2015!', 'Mail#2016', 'Sa12345', 'R3port!']) expect(out).not.toContain(secret);
    }
    // the fixes still see the raw values
    expect(a.findings.map((f) => f.matched.value)).toContain('Mail#2016');
    expect(a.build).toMatchObject({ tool: 'maven', packaging: 'war', javaSource: '1.7', javaTarget: '1.7' });
    expect(a.build.dependencies.find((d) => d.artifact === 'spring-webmvc')?.version).toBe('4.3.30.RELEASE');
  });
});
