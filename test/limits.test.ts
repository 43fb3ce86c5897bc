import { describe, expect, it } from 'vitest';
import { judge } from '../analyzers/assess/verdict.js';
import { extractXmlFacts, MAX_XML_DEPTH } from '../analyzers/config/xml.js';
import { holdsCredential, maskSecrets } from '../analyzers/engine/mask.js';
import type { Finding } from '../analyzers/types.js';
import { byFile } from '../refactors/fixes/by-file.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { MAX_STATIC_PAIRS } from '../analyzers/engine/conditions/java-static-state.js';
import { MAX_FINDINGS_PER_FILE } from '../analyzers/engine/engine.js';
import { extractJavaFacts, MAX_CALL_CHAIN } from '../analyzers/java/extract.js';
import { createJavaParser } from '../analyzers/java/parser.js';
import { renderReport } from '../generators/reports/render.js';
import { assessFiles, bundledRules, makeTree, removeTree } from './helpers.js';

async function javaFacts(source: string) {
  const jp = await createJavaParser();
  const tree = jp.parser.parse(source)!;
  try {
    return extractJavaFacts(tree, jp.errors, 'A.java', 'utf-8', source);
  } finally {
    tree.delete();
  }
}

// Hostile inputs of a bounded size: each took minutes, gigabytes or the whole stack before; the tests assert what
// comes out, and the suite's time limit stands for "it does not hang".

describe('XML nested 100,000 deep', () => {
  const deep = (n: number) =>
    '<beans>\n  <bean id="ds"><property name="url" value="jdbc:mysql://10.1.2.3:3306/crm"/></bean>\n' +
    '<a>'.repeat(n) +
    'x' +
    '</a>'.repeat(n) +
    '\n</beans>\n';

  it('keeps the elements down to the depth limit, with a notice, and reads the rest of the file', () => {
    const { facts, notices } = extractXmlFacts('deep.xml', deep(100_000));
    expect(facts.elements).toHaveLength(3 + MAX_XML_DEPTH - 1); // beans, bean, property, then a… to the limit
    expect(Math.max(...facts.elements.map((e) => e.path.split('/').length))).toBe(MAX_XML_DEPTH);
    expect(notices).toEqual([
      {
        kind: 'limit',
        file: 'deep.xml',
        line: 3,
        detail: `elements nested deeper than ${MAX_XML_DEPTH} levels are not read`,
      },
    ]);
    expect(facts.elements.at(-1)!.text).toBe('x'); // the text inside goes to the deepest element kept
  });

  it('in an assessment: the findings of the shallow part, and the notice', async () => {
    const a = await assessFiles({ 'WEB-INF/applicationContext.xml': deep(100_000) });
    expect(a.findings.map((f) => `${f.ruleId} ${f.line}`)).toContain('hardcoded-jdbc-url 2');
    expect(a.notices.map((n) => `${n.kind} ${n.file}`)).toEqual(['limit WEB-INF/applicationContext.xml']);
  });

  it('a file within the limit gives no notice', () => {
    expect(extractXmlFacts('ok.xml', deep(MAX_XML_DEPTH - 2)).notices).toEqual([]);
  });
});

describe('Java with 10,000 nested parentheses', () => {
  it('types the receiver through every level: the session write is found, no notice, no crash', async () => {
    const parens = (e: string) => '('.repeat(10_000) + e + ')'.repeat(10_000);
    const java = [
      'import javax.servlet.http.HttpSession;',
      'class Cart {',
      '  void add(HttpSession session, Object item) {',
      `    ${parens('session')}.setAttribute("cart", item);`,
      '  }',
      '}',
    ].join('\n');
    const a = await assessFiles({ 'src/Cart.java': java });
    expect(a.findings.filter((f) => f.ruleId === 'session-attribute-write').map((f) => f.line)).toEqual([4]);
    expect(a.notices).toEqual([]);
  });
});

describe('Java with a chain of 10,000 calls', () => {
  it('is read in one pass: every call kept, the chain typed to its limit, a notice, the findings after it', async () => {
    const chain = 'sb' + '.append("x")'.repeat(10_000);
    const java = [
      'import javax.servlet.http.HttpSession;',
      'class Report {',
      '  void render(HttpSession session, StringBuilder sb) {',
      `    String page = ${chain}.toString();`,
      '    session.setAttribute("page", page);',
      '  }',
      '}',
    ].join('\n');
    const a = await assessFiles({ 'src/Report.java': java });
    expect(a.findings.filter((f) => f.ruleId === 'session-attribute-write').map((f) => f.line)).toEqual([5]);
    expect(a.notices).toEqual([
      {
        kind: 'limit',
        file: 'src/Report.java',
        line: 4,
        detail: `calls chained more than ${MAX_CALL_CHAIN} deep are not typed past the ${MAX_CALL_CHAIN}th`,
      },
    ]);
  });

  it('a chain within the limit is typed to its end, with no notice', async () => {
    const chain = 'session' + '.getServletContext().getContext("/")'.repeat(MAX_CALL_CHAIN / 2 - 1);
    const java = `import javax.servlet.http.HttpSession;\nclass A { void f(HttpSession session) { ${chain}.getSession(); } }\n`;
    const { facts, notices } = await javaFacts(java);
    expect(notices).toEqual([]);
    const last = facts.calls.find((c) => c.name === 'getSession')!;
    expect(last.receiverType).toMatchObject({ base: 'HttpSession' });
    expect((last.receiverType as { calls: string[] }).calls).toHaveLength(MAX_CALL_CHAIN - 2);
  });

  it('past the limit, receivers are cut and untyped, so the facts grow with the chain, not with its square', async () => {
    const chain = (n: number) => `class A { void f(StringBuilder sb) { sb${'.append("x")'.repeat(n)}; } }\n`;
    const small = await javaFacts(chain(1_000));
    const large = await javaFacts(chain(10_000));
    expect(large.facts.calls).toHaveLength(10_000);
    const typed = large.facts.calls.filter((c) => c.receiverType);
    expect(typed).toHaveLength(MAX_CALL_CHAIN + 1); // sb, then chains of 1 to MAX_CALL_CHAIN calls
    expect(
      typed.every(
        (c) => c.receiverType === 'StringBuilder' || (c.receiverType as { base: string }).base === 'StringBuilder',
      ),
    ).toBe(true);
    const cut = large.facts.calls.filter((c) => !c.receiverType);
    expect(cut.every((c) => /^sb\.append\("x"\)\.append\("x"\).*…$/.test(c.receiver!))).toBe(true);
    const size = (f: unknown) => JSON.stringify(f).length;
    expect(size(large.facts)).toBeLessThan(size(small.facts) * 12);
  });
});

describe('a generated Java file of 60,000 static fields, each changed on a request', () => {
  it('is not checked field by field against every write: a notice; another file is still checked', async () => {
    const n = 60_000;
    const fields = Array.from({ length: n }, (_, i) => `static int f${i};`).join('\n');
    const writes = Array.from({ length: n }, (_, i) => `f${i}++;`).join('\n');
    const servlet = (name: string, body: string) =>
      `package a;\npublic class ${name} extends javax.servlet.http.HttpServlet {\n${body}\n` +
      'protected void doGet(javax.servlet.http.HttpServletRequest q, javax.servlet.http.HttpServletResponse r) {\n';
    const a = await assessFiles({
      'src/a/Counters.java': `${servlet('Counters', fields)}${writes}\n}\n}\n`,
      'src/a/Hits.java': `${servlet('Hits', 'static int hits;')}hits++;\n}\n}\n`,
    });
    const statics = a.findings.filter((f) => f.ruleId === 'static-mutable-state').map((f) => f.file);
    expect(statics).toEqual(['src/a/Hits.java']);
    expect(a.notices).toEqual([
      {
        kind: 'limit',
        file: 'src/a/Counters.java',
        detail: `${n} static fields and ${n} writes and calls: its static fields are not checked for state`,
      },
    ]);
    expect(n * n).toBeGreaterThan(MAX_STATIC_PAIRS);
  });
});

describe('eight Spring XML files of 1 MB each', () => {
  it("are read whole; each file's findings up to the budget are in every report format (no stack overflow)", async () => {
    const files: Record<string, string> = {};
    for (let k = 0; k < 8; k++) {
      const beans = Array.from(
        { length: 12_000 },
        (_, i) => `  <bean id="b${k}_${i}"><property name="url" value="jdbc:mysql://10.1.2.${i % 250}:3306/x"/></bean>`,
      );
      files[`WEB-INF/ctx${k}.xml`] = `<?xml version="1.0"?>\n<beans>\n${beans.join('\n')}\n</beans>\n`;
    }
    expect(files['WEB-INF/ctx0.xml'].length).toBeGreaterThan(1_000_000);
    const a = await assessFiles(files);
    // 12,000 in each file: past the budget of findings per file, a notice says how many there were
    expect(a.findings.filter((f) => f.ruleId === 'hardcoded-jdbc-url')).toHaveLength(8 * MAX_FINDINGS_PER_FILE);
    expect(a.notices.map((n) => [n.kind, n.file, n.detail])).toEqual(
      Array.from({ length: 8 }, (_, k) => [
        'limit',
        `WEB-INF/ctx${k}.xml`,
        `12000 findings: only the first ${MAX_FINDINGS_PER_FILE} are listed`,
      ]),
    );
    for (const format of ['text', 'json', 'md', 'csv', 'sarif', 'html'] as const) {
      const { text } = await renderReport(format, [a], bundledRules(), 'en', '0.0.0');
      expect(text, format).toContain(format === 'md' ? 'hardcoded-jdbc-url' : 'ctx7.xml'); // md: a summary
    }
  });
});

describe('many findings', () => {
  const findings = (n: number): Finding[] =>
    Array.from({ length: n }, (_, i) => ({
      ruleId: 'hardcoded-ip',
      category: 'optional' as const,
      effort: 1,
      tags: ['config'],
      file: `conf/f${i % 3}.xml`,
      line: i + 1,
      column: 1,
      title: { en: 'x', 'zh-CN': 'x' },
      message: { en: 'x', 'zh-CN': 'x' },
      snippet: '',
      matched: {},
    }));

  it('300,000 findings of one rule are grouped by rule and by file in one pass', () => {
    const many = findings(300_000);
    expect(judge(many).blockers).toEqual([{ ruleId: 'hardcoded-ip', category: 'optional', count: 300_000 }]);
    expect([...byFile(many)].map(([file, group]) => [file, group.length])).toEqual([
      ['conf/f0.xml', 100_000],
      ['conf/f1.xml', 100_000],
      ['conf/f2.xml', 100_000],
    ]);
  });
});

describe('masking one 160 KB line', () => {
  const K = 160_000;
  it('every shape of secret, after a long word that backtracking would split every way', () => {
    const long = (unit: string) => unit.repeat(Math.ceil(K / unit.length));
    expect(maskSecrets(`${long('password-')}=s3cret x`)).toMatch(/=\*\*\*\* x$/);
    expect(maskSecrets(`${long('a.')}password = "s3cret"`)).toMatch(/password = "\*\*\*\*"$/);
    expect(maskSecrets(`<${long('pwd.')}>s3cret</x>`)).toMatch(/>\*\*\*\*<\/x>$/);
    expect(maskSecrets(`name="${long('token ')}" value="s3cret"`)).toMatch(/value="\*\*\*\*"$/);
    expect(maskSecrets(`${long('a.')}b://host:s3cret@db`)).toMatch(/b:\/\/host:\*\*\*\*@db$/);
    expect(maskSecrets(`${long('jdbc:oracle:thin:a/')}jdbc:oracle:thin:scott/s3cret@db`)).toMatch(/\/\*\*\*\*@db$/);
    // no secret at all: the text comes back as it was
    for (const unit of ['a.', 'password', 'password-', 'x://', '<a>', 'name="', 'jdbc:oracle:thin:a/'])
      expect(maskSecrets(long(unit))).toBe(long(unit));
    expect(holdsCredential(long('jdbc:oracle:thin:a/'))).toBe(false);
    expect(holdsCredential(`${long('jdbc:oracle:thin:a/')}@db`)).toBe(true);
  });

  // The patterns the scanners replace; on short lines they are quick, and must agree with the scanners exactly.
  const KEY = String.raw`(?:password|passwd|pwd|secret|token|api[._-]?key|access[._-]?key|private[._-]?key|credentials?)`;
  const PATTERNS = [
    new RegExp(String.raw`(\b[\w.-]*${KEY}[\w.-]*\s*[=:]\s*)(?!\$\{)([^\s,;'"<>]+)`, 'gi'),
    new RegExp(String.raw`(\b[\w.-]*${KEY}[\w.-]*\s*=\s*")(?!\$\{)([^"]+)(")`, 'gi'),
    new RegExp(String.raw`(<[\w.:-]*${KEY}[\w.:-]*>)(?!\$\{)([^<]+)(<)`, 'gi'),
    new RegExp(String.raw`(name\s*=\s*"[^"]*${KEY}[^"]*"\s+value\s*=\s*")(?!\$\{)([^"]+)(")`, 'gi'),
    /(\b[a-z][\w+.-]*:\/\/[^:/@\s]+:)([^@\s/]+)(@)/gi,
    /(\bjdbc:oracle:\w+:[^/\s:@"'<>]+\/)([^@\s"'<>]+)(@)/gi,
  ];
  const byPatterns = (t: string) =>
    PATTERNS.reduce(
      (out, p) => out.replace(p, (_m, a: string, _v, c) => `${a}****${typeof c === 'string' ? c : ''}`),
      t,
    );

  it('masks exactly what the backtracking patterns masked, on 20,000 seeded random lines', () => {
    const parts = ['password', 'Token', 'api-key', 'a', '1', '.', '-', '+', '=', ':', ' ', '"', '<', '>', '/'];
    parts.push('://', '@', '${', '}', ',', ';', 'name', 'value', 'jdbc:oracle:thin:', 'NAME="secret" Value="');
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      let line = '';
      for (let k = 1 + Math.floor(next() * 14); k > 0; k--) line += parts[Math.floor(next() * parts.length)];
      expect(maskSecrets(line), line).toBe(byPatterns(line));
    }
  });
});

describe("a user's rule with a regex that backtracks for ever in JavaScript", () => {
  const rule = (regex: string) =>
    `- id: my-rule\n  category: optional\n  effort: 1\n  tags: [config]\n  title: { en: "x", zh-CN: "x" }\n` +
    `  message: { en: "x", zh-CN: "x" }\n  when:\n    text: { files: "**/*.js", regex: ${JSON.stringify(regex)} }\n`;

  it('^(a+)+$ runs on the linear-time engine: a line of 40 a and a b does not match, a line of a does', async () => {
    const dir = makeTree({ 'mine.yaml': rule('^(a+)+$') });
    try {
      const rules = loadRules([dir]);
      const a = await assessFiles({ 'web/slow.js': `${'a'.repeat(40)}b\n`, 'web/hit.js': 'aaaa\n' }, rules);
      expect(a.findings.filter((f) => f.ruleId === 'my-rule').map((f) => `${f.file}:${f.line}`)).toEqual([
        'web/hit.js:1',
      ]);
    } finally {
      removeTree(dir);
    }
  });

  it('a lookahead, which the linear-time engine has not, is refused when the rules load, saying what to do', () => {
    const dir = makeTree({ 'mine.yaml': rule('jdbc:(?!h2)') });
    try {
      expect(() => loadRules([dir])).toThrow(/not a valid regular expression: .*RE2 syntax.*notRegex/);
    } finally {
      removeTree(dir);
    }
  });
});
