import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeTree, removeTree, ROOT } from './helpers.js';

function run(args: string[]) {
  const r = spawnSync('node', [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const EXIT_RULE = `- id: no-system-exit
  category: mandatory
  effort: 2
  tags: [process]
  title: { en: "Exits the JVM", zh-CN: "退出 JVM" }
  message: { en: "Stops the whole container.", zh-CN: "会停止整个容器。" }
  links: ["https://docs.oracle.com/javase/8/docs/api/java/lang/System.html#exit-int-"]
  when:
    java.call: { type: java.lang.System, methods: [exit] }
`;

describe('paasport rules show', () => {
  it('explains the rule, then shows the lines its invalid case flags', () => {
    const r = run(['rules', 'show', 'session-attribute-write']);
    expect(r.code).toBe(0);
    const [explanation, example] = r.out.split('\n\nExample, the lines it flags:\n');
    expect(explanation).toMatch(/^session-attribute-write: Writes to the HTTP session\n\nSession state lives /);
    expect(explanation).toMatch(/\n {2}https:\/\/tomcat\.apache\.org\/tomcat-9\.0-doc\/config\/manager\.html$/);
    expect(example).toBe(
      '  A.java:7             req.getSession().setAttribute("u", "x");\n' +
        '  B.java:3             class B { void f(HttpSession s) { s.putValue("k", "v"); } }\n' +
        '  WebRoot/login.jsp:3  session.setAttribute("loginUser", user); %>\n' +
        '  WebRoot/login.jsp:4  <jsp:useBean id="cart" class="shop.Cart" scope="session"/>\n' +
        '  WebRoot/login.jsp:5  <c:set var="theme" value="dark" scope="session"/>\n',
    );
    const zh = run(['rules', 'show', 'tomcat-cluster', '--lang', 'zh-CN']);
    expect(zh.out).toContain(
      '示例（被标记的行）:\n  conf/server.xml:2  <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster"/>\n',
    );
  });

  it("takes a user rule's example from the cases beside its pack, and shows none when there are none", () => {
    const dir = makeTree({
      'with/process.yaml': EXIT_RULE,
      'with/process.cases.yaml': `no-system-exit:
  invalid:
    A.java: |
      class A {
        void f() { System.exit(1); }
      }
  expect: [A.java:2]
  valid:
    A.java: |
      class A { void f() { Runtime.getRuntime().gc(); } }
`,
      'without/process.yaml': EXIT_RULE,
    });
    try {
      const withCases = run(['rules', 'show', 'no-system-exit', '--rules', path.join(dir, 'with')]);
      expect(withCases.code, withCases.err).toBe(0);
      expect(withCases.out).toMatch(
        /\n\nExample, the lines it flags:\n {2}A\.java:2 {2}void f\(\) \{ System\.exit\(1\); \}\n$/,
      );
      const without = run(['rules', 'show', 'no-system-exit', '--rules', path.join(dir, 'without')]);
      expect(without.code, without.err).toBe(0);
      expect(without.out).not.toContain('Example');
      expect(without.out).toMatch(/Links:\n {2}https:\/\/docs\.oracle\.com\/\S+\n$/);
    } finally {
      removeTree(dir);
    }
  });
});

describe('paasport rules schema', () => {
  it('prints the schema that rules/rules.schema.json holds', () => {
    const r = run(['rules', 'schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'rules/rules.schema.json'), 'utf8')));
  });
});
