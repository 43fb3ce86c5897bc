import { describe, expect, it } from 'vitest';
import { compileConditions } from '../analyzers/engine/conditions/index.js';
import { maskSecrets } from '../analyzers/engine/mask.js';
import type { Condition, Rule } from '../analyzers/types.js';
import { assessFiles } from './helpers.js';

const rule = (id: string, when: Condition, extra: Partial<Rule> = {}): Rule => ({
  id,
  category: 'optional',
  effort: 1,
  tags: ['t'],
  title: { en: 't', 'zh-CN': 't' },
  message: { en: 'found {value}', 'zh-CN': '发现 {value}' },
  when,
  ...extra,
});

describe('rule engine', () => {
  it('messages carry the matched value; a masked rule hides it everywhere', async () => {
    const a = await assessFiles({ 'app.properties': 'api.token=abc123\nurl=http://h/?token=abc123\n' }, [
      rule('secret', { properties: { key: 'token$' } }, { mask: true }),
      rule('url', { properties: { key: '^url$' } }),
    ]);
    expect(a.findings.map((f) => [f.ruleId, f.message.en, f.snippet])).toEqual([
      ['secret', 'found ****', 'api.token=****'],
      ['url', 'found http://h/?token=****', 'url=http://h/?token=****'],
    ]);
  });

  it('a secret found by a masked rule is hidden in the snippet of every other rule on its line, quotes or not', async () => {
    const files = { 'A.java': 'package a;\nclass A { void c() { connect("jdbc:x://db/a", "sa", "Pa55word"); } }\n' };
    const a = await assessFiles(files, [
      rule('a-url', { 'java.string': { regex: '^jdbc:' } }),
      rule('b-secret', { 'java.string': { regex: '^Pa55' } }, { mask: true }),
    ]);
    expect(a.findings.map((f) => [f.ruleId, f.message.en, f.snippet])).toEqual([
      ['a-url', 'found jdbc:x://db/a', 'class A { void c() { connect("jdbc:x://db/a", "sa", "****"); } }'],
      ['b-secret', 'found ****', 'class A { void c() { connect("jdbc:x://db/a", "sa", "****"); } }'],
    ]);
    // the fixes still see the value
    expect(a.findings[1].matched.value).toBe('Pa55word');
  });

  it('findings come in file, line, column, rule order, whatever the order of the rules', async () => {
    const files = {
      'b.properties': 'x=1\n',
      'a.properties': 'y=2\nx=1 y=2\n',
    };
    const rules = [
      rule('z-value', { properties: { value: '\\d' } }),
      rule('a-key', { properties: { key: '.' } }),
      rule('m-text', { text: { files: '**/*.properties', regex: 'y=2' } }),
    ];
    const places = (await assessFiles(files, rules)).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);
    expect(places).toEqual([
      'a.properties:1:1 a-key',
      'a.properties:1:1 m-text',
      'a.properties:1:1 z-value',
      'a.properties:2:1 a-key',
      'a.properties:2:1 z-value',
      'a.properties:2:5 m-text',
      'b.properties:1:1 a-key',
      'b.properties:1:1 z-value',
    ]);
    expect(
      (await assessFiles(files, [...rules].reverse())).findings.map(
        (f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`,
      ),
    ).toEqual(places);
  });

  it('a condition written the same way in several rules is one evaluator, and each rule still gets its matches', async () => {
    const writes: Condition = {
      or: [{ 'java.call': { methods: ['mkdirs'] } }, { 'java.new': { type: 'java.io.File' } }],
    };
    const [first, copy, other] = compileConditions([writes, structuredClone(writes), { not: writes }]);
    expect(copy).toBe(first);
    expect(other).not.toBe(first);
    const a = await assessFiles(
      { 'A.java': 'package a;\nclass A { void f() { new java.io.File("d").mkdirs(); } }\n' },
      [
        rule('one', writes),
        rule('two', structuredClone(writes)),
        rule('three', { and: [writes, { 'java.call': { methods: ['mkdirs'] } }] }),
      ],
    );
    expect(a.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual([
      'one 2:22',
      'three 2:22',
      'two 2:22',
      'one 2:44',
      'three 2:44',
      'two 2:44',
    ]);
  });

  it('a rule reports a place once, however many of its parts match there', async () => {
    const a = await assessFiles({ 'A.java': 'package a;\nclass A { void f(java.io.File d) { d.mkdirs(); } }\n' }, [
      rule('once', {
        or: [
          { 'java.call': { methods: ['mkdirs'] } },
          { 'java.call': { methods: ['mkdirs', 'mkdir'] } },
          { text: { files: '**/*.java', regex: 'mkdirs' } },
        ],
      }),
    ]);
    // a call is placed at its method name, where the text part matches too
    expect(a.findings.map((f) => `${f.line}:${f.column}`)).toEqual(['2:38']);
  });

  it('the detail of a match fills {detail}', async () => {
    const files = {
      'A.java':
        'package a;\nimport java.util.*;\nclass A {\n  static Map<String, String> M = new HashMap<String, String>();\n  void f() { M.put("a", "b"); }\n}\n',
    };
    const a = await assessFiles(files, [
      rule('state', { 'java.staticState': {} }, { message: { en: '{value}: {detail}', 'zh-CN': '{value}：{detail}' } }),
    ]);
    expect(a.findings.map((f) => f.message)).toEqual([{ en: 'M: f() → M.put()', 'zh-CN': 'M：f() → M.put()' }]);
  });
});

describe('masking', () => {
  it('hides the secret value but keeps a key that contains the same word', () => {
    expect(maskSecrets('jspwiki.userdatabase.password=password', ['password'])).toBe(
      'jspwiki.userdatabase.password=****',
    );
    expect(maskSecrets('conn("jdbc:x", "sa", "p@ss(1)")', ['p@ss(1)'])).toBe('conn("jdbc:x", "sa", "****")');
    expect(maskSecrets('url=jdbc:mysql://app:S3cret@db/x')).toBe('url=jdbc:mysql://app:****@db/x');
    expect(maskSecrets('<password>abc</password> token: xyz')).toBe('<password>****</password> token: ****');
  });
});
