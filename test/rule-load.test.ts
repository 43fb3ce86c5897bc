import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../analyzers/engine/rule-schema.js';
import { bundledRulesDir, loadRules } from '../analyzers/engine/rule-load.js';
import { casesFileOf, flaggedLines, loadCases } from '../analyzers/engine/rule-cases.js';
import { makeTree, removeTree } from './helpers.js';

const RULE = (id: string, when: string) => `- id: ${id}
  category: mandatory
  effort: 2
  tags: [process]
  title: { en: "Exits the JVM", zh-CN: "退出 JVM" }
  message: { en: "Stops the whole container.", zh-CN: "会停止整个容器。" }
  when:
${when}
`;
const EXIT = '    java.call: { type: java.lang.System, methods: [exit] }';

/** The error loadRules gives for a folder with these files, or undefined when it loads. */
function loadError(files: Record<string, string>): string | undefined {
  const dir = makeTree(files);
  try {
    loadRules([dir]);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    removeTree(dir);
  }
}

describe('loading rule packs', () => {
  it('a user folder adds its rules after the bundled ones; the cases beside a pack are not rules', () => {
    const dir = makeTree({
      'process.yaml': RULE('no-system-exit', EXIT),
      'process.cases.yaml':
        'no-system-exit:\n  invalid: { A.java: "class A { void f() { System.exit(1); } }\\n" }\n' +
        '  expect: [A.java:1]\n  valid: { A.java: "class A {}\\n" }\n',
      'notes.txt': 'not a pack',
    });
    try {
      const rules = loadRules([dir]);
      expect(rules.at(-1)).toMatchObject({ id: 'no-system-exit', source: path.join(dir, 'process.yaml') });
      expect(rules.filter((r) => r.source?.startsWith(dir))).toHaveLength(1);
      const cases = loadCases(path.join(dir, 'process.yaml'));
      expect(flaggedLines(cases['no-system-exit'])).toEqual([
        { file: 'A.java', line: 1, text: 'class A { void f() { System.exit(1); } }' },
      ]);
    } finally {
      removeTree(dir);
    }
  });

  it('refuses a file that is not YAML, naming the file', () => {
    expect(loadError({ 'broken.yaml': '- id: [unclosed\n' })).toMatch(/broken\.yaml: not valid YAML/);
  });

  it('refuses an unknown key anywhere in a condition, naming the key, the rule and the file', () => {
    const top = loadError({ 'a.yaml': RULE('r-top', '    java.cal: { methods: [exit] }') });
    expect(top).toMatch(/a\.yaml: does not follow the rule schema: rule r-top: \/when: unknown key "java\.cal"/);
    const nested = loadError({
      'b.yaml': RULE(
        'r-nested',
        '    and:\n      - java.call: { methods: [exit], method: x }\n      - not: { file: { glob: "*" } }',
      ),
    });
    expect(nested).toMatch(/b\.yaml: .*rule r-nested: \/when\/and\/0\/java\.call: unknown key "method"/);
    const inNot = loadError({
      'c.yaml': RULE(
        'r-not',
        '    and:\n      - java.call: { methods: [exit] }\n      - not: { file: { glob: "*", glub: x } }',
      ),
    });
    expect(inNot).toMatch(/c\.yaml: .*rule r-not: \/when\/and\/1\/not\/file: unknown key "glub"/);
  });

  it('refuses a condition without a key, with two keys, or with a modifier beside the wrong key', () => {
    expect(loadError({ 'a.yaml': RULE('r', '    {}') })).toMatch(
      /rule r: \/when: must NOT have fewer than 1 properties/,
    );
    expect(loadError({ 'a.yaml': RULE('r', `${EXIT}\n    file: { glob: "*" }`) })).toMatch(
      /rule r: \/when: a condition has exactly one of the keys java\.call, .*; this one has java\.call, file/,
    );
    expect(loadError({ 'a.yaml': RULE('r', `${EXIT}\n    within: method`) })).toMatch(
      /rule r: \/when: must have property and when property within is present/,
    );
  });

  it('refuses a regex that does not compile, naming the rule and the property', () => {
    const err = loadError({
      'a.yaml': RULE(
        'r-regex',
        '    or:\n      - java.string: { regex: "ok" }\n      - java.string: { regex: "(?i)(" }',
      ),
    });
    expect(err).toMatch(/a\.yaml: .*rule r-regex: \/when\/or\/1\/java\.string\/regex: not a valid regular expression/);
    const attr = loadError({ 'a.yaml': RULE('r-attr', '    xml.element: { path: a, attributes: { b: "[" } }') });
    expect(attr).toMatch(/rule r-attr: \/when\/xml\.element\/attributes\/b: not a valid regular expression/);
    expect(loadError({ 'a.yaml': RULE('r-ok', '    java.string: { regex: "(?i)^jdbc:" }') })).toBeUndefined();
  });

  it('refuses a rule id that is already defined, naming both files', () => {
    const err = loadError({ 'a.yaml': RULE('hardcoded-ip', EXIT) });
    expect(err).toMatch(/a\.yaml: rule id hardcoded-ip is already defined in .*rules[/\\]config\.yaml/);
    expect(loadError({ 'a.yaml': RULE('twice', EXIT), 'b.yaml': RULE('twice', EXIT) })).toMatch(
      /b\.yaml: rule id twice is already defined in .*a\.yaml/,
    );
  });

  it('refuses a folder that does not exist', () => {
    expect(() => loadRules(['/no/such/folder'])).toThrow(/rules folder not found: \/no\/such\/folder/);
  });

  it('refuses a cases file that does not follow the format, naming it', () => {
    const dir = makeTree({ 'p.yaml': RULE('r', EXIT), 'p.cases.yaml': 'r:\n  invalid: { A.java: "x" }\n' });
    try {
      expect(() => loadCases(path.join(dir, 'p.yaml'))).toThrow(
        /p\.cases\.yaml: does not follow the format of rule cases/,
      );
      expect(casesFileOf(path.join(dir, 'p.yml'))).toBe(path.join(dir, 'p.cases.yaml'));
    } finally {
      removeTree(dir);
    }
  });
});

describe('rule schema', () => {
  it('rules/rules.schema.json is the schema the condition modules make (npm run rules:schema writes it)', () => {
    const committed = JSON.parse(readFileSync(path.join(bundledRulesDir(), 'rules.schema.json'), 'utf8'));
    expect(committed).toEqual(ruleSchema());
  });

  it('every object in the schema refuses keys it does not name', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'object' && o.additionalProperties === undefined) open.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
    };
    walk(ruleSchema(), '');
    expect(open).toEqual([]);
  });
});
