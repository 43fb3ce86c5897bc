import { describe, expect, it } from 'vitest';
import type { Condition, Rule } from '../analyzers/types.js';
import { assessFiles } from './helpers.js';

const rule = (when: Condition, extra: Partial<Rule> = {}): Rule => ({
  id: 'r',
  category: 'optional',
  effort: 1,
  tags: ['t'],
  title: { en: 't', 'zh-CN': 't' },
  message: { en: 'found {value}', 'zh-CN': '发现 {value}' },
  when,
  ...extra,
});

const lines = async (files: Record<string, string>, when: Condition) =>
  (await assessFiles(files, [rule(when)])).findings.map((f) => `${f.file}:${f.line}`).sort();

const JAVA = {
  'a/A.java':
    'package a;\nimport java.io.File;\npublic class A {\n  void f() { new File("x").mkdirs(); }\n  void g() { System.getProperty("user.home"); }\n}\n',
  'a/B.java': 'package a;\npublic class B {\n  void h() { new java.io.File("y"); }\n}\n',
  'conf/app.properties': 'home=/tmp\n',
  'web/app.js': '// var api = "http://10.0.0.1/";\nvar api = "http://10.0.0.2/"; // old: http://10.0.0.3\n',
  'web/index.jsp': '<%-- http://10.0.0.4 --%>\n<a href="http://10.0.0.5/">x</a>\n',
};

describe('rule engine conditions', () => {
  it('and: every part must match in the same file; the first part gives the locations', async () => {
    expect(
      await lines(JAVA, { and: [{ 'java.new': { type: 'java.io.File' } }, { 'java.call': { methods: ['mkdirs'] } }] }),
    ).toEqual(['a/A.java:4']);
  });

  it('and within method: the parts must match in the same method', async () => {
    const when: Condition = {
      and: [{ 'java.new': { type: 'java.io.File' } }, { 'java.call': { methods: ['getProperty'] } }],
      within: 'method',
    };
    expect(await lines(JAVA, when)).toEqual([]);
    const same: Condition = {
      and: [{ 'java.new': { type: 'java.io.File' } }, { 'java.call': { methods: ['mkdirs'] } }],
      within: 'method',
    };
    expect(await lines(JAVA, same)).toEqual(['a/A.java:4']);
  });

  it('or: the union of its parts', async () => {
    expect(
      await lines(JAVA, {
        or: [{ 'java.call': { methods: ['mkdirs'] } }, { 'java.call': { methods: ['getProperty'] } }],
      }),
    ).toEqual(['a/A.java:4', 'a/A.java:5']);
  });

  it('not inside and: files where the negated part does not match', async () => {
    expect(
      await lines(JAVA, {
        and: [{ 'java.new': { type: 'java.io.File' } }, { not: { 'java.import': { regex: '^java\\.io\\.File$' } } }],
      }),
    ).toEqual(['a/B.java:3']);
  });

  it('file: a glob over relative paths', async () => {
    expect(await lines(JAVA, { file: { glob: '**/*.properties' } })).toEqual(['conf/app.properties:1']);
  });

  it('text: a regex on lines with comments blanked out (JS, JSP), or with them when asked', async () => {
    const ip = '\\d+\\.\\d+\\.\\d+\\.\\d+';
    expect(await lines(JAVA, { text: { files: ['**/*.js', '**/*.jsp'], regex: ip } })).toEqual([
      'web/app.js:2',
      'web/index.jsp:2',
    ]);
    expect(await lines(JAVA, { text: { files: '**/*.js', regex: ip, comments: true } })).toEqual([
      'web/app.js:1',
      'web/app.js:2',
    ]);
    expect(await lines(JAVA, { text: { files: '**/*.java', regex: 'mkdirs' } })).toEqual(['a/A.java:4']);
  });

  it('messages carry the matched value; a masked rule hides it everywhere', async () => {
    const a = await assessFiles({ 'app.properties': 'api.token=abc123\nurl=http://h/?token=abc123\n' }, [
      rule({ properties: { key: 'token$' } }, { id: 'secret', mask: true }),
      rule({ properties: { key: '^url$' } }, { id: 'url' }),
    ]);
    expect(a.findings.map((f) => [f.ruleId, f.message.en, f.snippet])).toEqual([
      ['secret', 'found ****', 'api.token=****'],
      ['url', 'found http://h/?token=****', 'url=http://h/?token=****'],
    ]);
  });

  it("java.extends follows the project's own hierarchy", async () => {
    const files = {
      'Base.java': 'package p;\npublic class Base extends javax.servlet.http.HttpServlet {}\n',
      'Leaf.java': 'package p;\npublic class Leaf extends Base {}\n',
    };
    expect(await lines(files, { 'java.extends': { type: 'javax.servlet.http.HttpServlet' } })).toEqual([
      'Base.java:2',
      'Leaf.java:2',
    ]);
  });
});

describe('masking', () => {
  it('hides the secret value but keeps a key that contains the same word', async () => {
    const { maskSecrets } = await import('../analyzers/engine/mask.js');
    expect(maskSecrets('jspwiki.userdatabase.password=password', ['password'])).toBe(
      'jspwiki.userdatabase.password=****',
    );
    expect(maskSecrets('conn("jdbc:x", "sa", "p@ss(1)")', ['p@ss(1)'])).toBe('conn("jdbc:x", "sa", "****")');
    expect(maskSecrets('url=jdbc:mysql://app:S3cret@db/x')).toBe('url=jdbc:mysql://app:****@db/x');
    expect(maskSecrets('<password>abc</password> token: xyz')).toBe('<password>****</password> token: ****');
  });
});
