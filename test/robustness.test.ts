import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { collectFacts } from '../analyzers/collect.js';
import { noticeText } from '../generators/reports/i18n.js';
import { bundledRules, encodeGbk, makeTree, removeTree } from './helpers.js';

const SESSION_WRITE = `package app;
import javax.servlet.http.HttpSession;
public class Good { void f(HttpSession s) { s.setAttribute("k", "v"); } }
`;

async function withTree(files: Record<string, string | Uint8Array>, extra?: (dir: string) => void) {
  const dir = makeTree({ 'src/app/Good.java': SESSION_WRITE, ...files });
  try {
    extra?.(dir);
    const a = await assess(dir, bundledRules(), { threads: 0 });
    // the finding in the healthy file is never lost
    expect(a.findings.filter((f) => f.ruleId === 'session-attribute-write').map((f) => f.file)).toContain(
      'src/app/Good.java',
    );
    return a;
  } finally {
    removeTree(dir);
  }
}

describe('bad input gives a notice, never a crash or a lost finding', () => {
  it('a Java file with a syntax error: facts of its parsable parts and a parse-error notice', async () => {
    const broken = `package app;
import javax.servlet.http.HttpSession;
public class Broken {
  void f(HttpSession s) { s.setAttribute("a", "b"); }
  void g( { int x = ; }
  void h(HttpSession s) { s.setAttribute("c", "d"); }
}
`;
    const a = await withTree({ 'src/app/Broken.java': broken });
    const notice = a.notices.find((n) => n.file === 'src/app/Broken.java');
    expect(notice?.kind).toBe('parse-error');
    expect(notice?.line).toBe(5);
    const lines = a.findings
      .filter((f) => f.file === 'src/app/Broken.java' && f.ruleId === 'session-attribute-write')
      .map((f) => f.line);
    expect(lines).toContain(4);
  });

  it('a GBK file is decoded as GBK: its string literal stays whole and its finding is reported', async () => {
    const src =
      'package app;\npublic class Gbk {\n  String msg = "誠信\\\\";\n  String db = "jdbc:mysql://10.0.0.2/bbs";\n}\n';
    const gbk = encodeGbk(src);
    expect([...gbk].some((b, i) => b === 0x5c && gbk[i - 1] >= 0x81)).toBe(true); // the trap byte is there
    const a = await withTree({ 'src/app/Gbk.java': gbk });
    expect(a.notices.filter((n) => n.file === 'src/app/Gbk.java')).toEqual([]);
    const f = a.findings.find((x) => x.file === 'src/app/Gbk.java' && x.ruleId === 'hardcoded-jdbc-url');
    expect(f?.line).toBe(4);
    const dir = makeTree({ 'Gbk.java': gbk });
    try {
      const facts = await collectFacts(dir, { threads: 0 });
      const java = facts.files.find((x) => x.kind === 'java');
      expect(java?.kind === 'java' && java.strings.map((x) => x.value)).toEqual([
        '誠信\\\\',
        'jdbc:mysql://10.0.0.2/bbs',
      ]);
    } finally {
      removeTree(dir);
    }
  });

  it('a binary file named .java is skipped with a notice', async () => {
    const bin = new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x34, 0, 0x1f, 0x0a]);
    const a = await withTree({ 'src/app/Blob.java': bin });
    expect(a.notices.find((n) => n.file === 'src/app/Blob.java')?.kind).toBe('binary-skipped');
  });

  it('a 5 MB generated file is skipped with a notice naming the limit', async () => {
    const line = '    static final String S%d = "generated value %d";\n';
    let body = 'package app;\npublic class Huge {\n';
    for (let i = 0; body.length < 5 * 1024 * 1024; i++) body += line.replace(/%d/g, String(i));
    body += '}\n';
    const a = await withTree({ 'src/app/Huge.java': body });
    const n = a.notices.find((x) => x.file === 'src/app/Huge.java');
    expect(n?.kind).toBe('too-large');
    expect(n?.detail).toMatch(/^5\.\d MB > 2\.0 MB$/);
    expect(noticeText(n!, 'en')).toMatch(/--max-file-size/);
    expect(noticeText(n!, 'zh-CN')).toMatch(/--max-file-size/);
  });

  it('a symbolic link loop is not followed and gives a notice', async () => {
    const a = await withTree({}, (dir) => {
      mkdirSync(path.join(dir, 'src/app/sub'), { recursive: true });
      symlinkSync('..', path.join(dir, 'src/app/sub/back'));
      symlinkSync('self', path.join(dir, 'src/self'));
    });
    const kinds = a.notices.filter((n) => n.kind === 'symlink-loop').map((n) => n.file);
    expect(kinds).toEqual(expect.arrayContaining(['src/app/sub/back', 'src/self']));
  });

  it('a symbolic link out of the application folder (to /etc, to /) is not followed and gives a notice', async () => {
    const a = await withTree({ 'src/app/A.java': 'package app;\nclass A {}\n' }, (dir) => {
      symlinkSync('/etc', path.join(dir, 'etc-link'));
      symlinkSync('/', path.join(dir, 'root-link'));
      symlinkSync('src/app', path.join(dir, 'inside-link')); // within the app: followed
    });
    const outside = a.notices.filter((n) => n.kind === 'symlink-outside').map((n) => n.file);
    expect(outside.sort()).toEqual(['etc-link', 'root-link']);
    expect(a.findings.filter((f) => f.file.startsWith('etc-link') || f.file.startsWith('root-link'))).toEqual([]);
    expect(
      noticeText(
        a.notices.find((n) => n.kind === 'symlink-outside')!,
        'zh-CN',
      ),
    ).toContain('符号链接');
  });

  it('an XML file that breaks halfway keeps the elements before the error', async () => {
    const a = await withTree({
      'META-INF/context.xml':
        '<Context>\n<Manager className="org.apache.catalina.session.PersistentManager"/>\n<Resource name="x" <<< broken\n',
    });
    expect(a.notices.find((n) => n.file === 'META-INF/context.xml')?.kind).toBe('parse-error');
    expect(a.findings.find((f) => f.ruleId === 'tomcat-persistent-manager')?.line).toBe(2);
  });

  it('.gitignore and the default excludes are respected', async () => {
    const a = await withTree({
      '.gitignore': 'generated/\n*.bak.java\n',
      'generated/Gen.java': SESSION_WRITE.replace('Good', 'Gen'),
      'src/app/Old.bak.java': SESSION_WRITE.replace('Good', 'Old'),
      'target/classes/T.java': SESSION_WRITE.replace('Good', 'T'),
      'node_modules/x/N.java': SESSION_WRITE.replace('Good', 'N'),
      'sub/.gitignore': 'local.properties\n',
      'sub/local.properties': 'jdbc.password=x\n',
    });
    expect(a.findings.map((f) => f.file)).toEqual(['src/app/Good.java']);
  });
});
