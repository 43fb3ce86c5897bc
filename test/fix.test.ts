import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { runFix, type FixRunOptions } from '../refactors/workflow.js';
import { fixSummary } from '../cli/fix-summary.js';
import { PaasportError } from '../analyzers/errors.js';
import { commitAll, fixtureRepo, git, repoSnapshot } from './git-repo.js';
import { bundledRules, CLI, removeTree, ROOT } from './helpers.js';

const snapshot = (dir: string) => repoSnapshot(dir);

const options = (extra: Partial<FixRunOptions> = {}): FixRunOptions => ({
  rules: bundledRules(),
  branch: 'paasport/stateless',
  dryRun: false,
  allowDirty: false,
  logs: 'volume',
  ...extra,
});

// The rules a fix resolves: after `fix`, `assess` must not report them.
const FIXED_RULES = [
  'session-attribute-write',
  'session-attribute-not-serializable',
  'session-scoped-spring-bean',
  'session-scoped-struts-form',
  'tomcat-persistent-manager',
  'tomcat-cluster',
  'webapp-distributable',
  'hardcoded-ip',
  'hardcoded-jdbc-url',
  'hardcoded-host',
  'hardcoded-credential',
  'hardcoded-port',
  'file-logging',
  'real-path-write',
  'absolute-path',
];

function javaFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = path.join(d, e);
      if (e === '.git' || e.startsWith('tomcat')) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.java')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function javac(files: string[], classpath: string[], encoding = 'UTF-8') {
  const out = mkdtempSync(path.join(os.tmpdir(), 'paasport-classes-'));
  const r = spawnSync(
    'javac',
    [
      '-nowarn',
      '-encoding',
      encoding,
      '-d',
      out,
      '-cp',
      classpath.join(':'),
      '-sourcepath',
      classpath.join(':'),
      ...files,
    ],
    { encoding: 'utf8' },
  );
  removeTree(out);
  return r;
}

const SERVLET = '/usr/share/java/servlet-api.jar';
const SPRING = ['web', 'context', 'beans', 'core'].map((m) => `/usr/share/java/spring3-${m}.jar`);

describe('paasport fix on the fixture apps', () => {
  it('servlet-shop: sessions, configuration and files fixed on a branch, one commit per kind; the sources compile', async () => {
    const dir = fixtureRepo('servlet-shop');
    try {
      const result = await runFix(dir, options());
      expect(result.branch).toBe('paasport/stateless');
      expect(git(dir, 'symbolic-ref', '--short', 'HEAD')).toBe('paasport/stateless');
      expect(result.commits.map((c) => c.kind)).toEqual(['session-serializable', 'session-store', 'local-files']);
      expect(git(dir, 'log', '--format=%s', 'main..HEAD').split('\n')).toEqual([
        'Read write directories from the environment',
        'Keep HTTP sessions in Redis',
        'Make session attributes Serializable',
      ]);
      expect(git(dir, 'status', '--porcelain')).toBe('');

      const after = await assess(dir, bundledRules(), { threads: 0 });
      expect(
        after.findings.filter((f) => FIXED_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}`),
      ).toEqual([]);
      const context = readFileSync(path.join(dir, 'WebContent/META-INF/context.xml'), 'utf8');
      expect(context).toContain('org.redisson.tomcat.RedissonSessionManager');
      expect(context).toContain('<!-- keep carts across restarts -->'); // comments stay
      expect(readFileSync(path.join(dir, 'src/com/acme/shop/model/CartItem.java'), 'utf8')).toContain(
        'public class CartItem implements java.io.Serializable {',
      );
      const record = readFileSync(path.join(dir, 'paasport.yaml'), 'utf8');
      expect(record).toContain('- org.redisson:redisson-tomcat-9:3.27.2');
      expect(record).toMatch(/volumes:\n {2}- env: ORDER_DIR\n {4}defaultPath: \/var\/shop\/orders/);
      expect(readFileSync(path.join(dir, 'src/com/acme/shop/web/CheckoutServlet.java'), 'utf8')).toContain(
        'ORDER_DIR = com.acme.shop.AppEnv.get("ORDER_DIR", "/var/shop/orders");',
      );

      const r = javac(javaFiles(dir), [SERVLET]);
      expect(r.status, r.stderr).toBe(0);
    } finally {
      removeTree(dir);
    }
  });

  it('spring-mvc-crm: Spring Session, placeholders with the environment, logs to the volume; secrets only in the ignored env file', async () => {
    const dir = fixtureRepo('spring-mvc-crm');
    try {
      const result = await runFix(dir, options());
      expect(result.commits.map((c) => c.kind)).toEqual(['session-store', 'externalize-config', 'logs']);
      const after = await assess(dir, bundledRules(), { threads: 0 });
      expect(
        after.findings.filter((f) => FIXED_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}`),
      ).toEqual([]);

      const web = readFileSync(path.join(dir, 'src/main/webapp/WEB-INF/web.xml'), 'utf8');
      expect(web.indexOf('springSessionRepositoryFilter')).toBeLessThan(web.indexOf('<listener>'));
      expect(readFileSync(path.join(dir, 'pom.xml'), 'utf8')).toContain(
        '<artifactId>spring-session-data-redis</artifactId>\n      <version>1.3.5.RELEASE</version>',
      );
      const props = readFileSync(path.join(dir, 'src/main/resources/jdbc.properties'), 'utf8');
      expect(props).toContain('jdbc.password=${JDBC_PASSWORD}\n');
      expect(props).toContain('#jdbc.url=jdbc:mysql://192.168.10.20:3306/crm'); // comments stay as they were
      expect(readFileSync(path.join(dir, 'src/main/resources/log4j.properties'), 'utf8')).toContain(
        'log4j.appender.file.File=${LOG_DIR}/${HOST}/crm.log',
      );

      // secrets: in the git-ignored env file, in no line the fixes added (the old history still has them: rotate them)
      const added = git(dir, 'log', '-p', 'main..HEAD')
        .split('\n')
        .filter((l) => l.startsWith('+'))
        .join('\n');
      expect(added).toContain('${JDBC_PASSWORD}');
      for (const secret of ['Crm@2015!', 'Mail#2016', 'Sa12345', 'R3port!']) expect(added).not.toContain(secret);
      expect(readFileSync(path.join(dir, '.paasport.env'), 'utf8')).toContain('JDBC_PASSWORD=Crm@2015!');
      expect(git(dir, 'check-ignore', '.paasport.env')).toBe('.paasport.env');
      const record = readFileSync(path.join(dir, 'paasport.yaml'), 'utf8');
      expect(record).toContain('name: JDBC_PASSWORD\n    secret: true');
      expect(record).not.toContain('Crm@2015!');

      const sources = javaFiles(dir);
      expect(sources.some((f) => f.endsWith('com/example/crm/AppEnv.java'))).toBe(true);
      const r = javac(sources, [SERVLET, ...SPRING]);
      expect(r.status, r.stderr).toBe(0);
    } finally {
      removeTree(dir);
    }
  });

  it('struts-forum: GBK files stay GBK, CRLF files stay CRLF; the fixed sources compile', async () => {
    const dir = fixtureRepo('struts-forum');
    try {
      const memberPath = path.join(dir, 'WebRoot/WEB-INF/src/com/bbs/forum/model/Member.java');
      const before = readFileSync(memberPath);
      await runFix(dir, options());
      const bytes = readFileSync(memberPath);
      expect(bytes).not.toEqual(before);
      const text = iconv.decode(bytes, 'gbk');
      expect(text).toContain('/** 论坛会员（没有实现 Serializable） */');
      expect(text).toContain(
        'public class Member implements java.io.Serializable {\r\n    private static final long serialVersionUID = 1L;\r\n',
      );
      expect(text.replace(/\r\n/g, '')).not.toContain('\n'); // every line still ends in CRLF
      expect(bytes.toString('utf8')).not.toContain('论坛'); // not re-encoded as UTF-8

      const after = await assess(dir, bundledRules(), { threads: 0 });
      expect(
        after.findings.filter((f) => FIXED_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}`),
      ).toEqual([]);
      expect(readFileSync(path.join(dir, 'WebRoot/WEB-INF/src/log4j.xml'), 'latin1')).toContain(
        'value="${LOG_DIR}/${HOST}/forum.log"',
      );
      expect(readFileSync(path.join(dir, 'tomcat6/conf/server.xml'), 'utf8')).not.toContain('<Cluster');
      // the jars match the Tomcat of the container (9.0), not the Tomcat 6 the app ran on before
      expect(readFileSync(path.join(dir, 'paasport.yaml'), 'utf8')).toContain(
        '- org.redisson:redisson-tomcat-9:3.27.2',
      );

      // Debian packages no Struts 1: its few types come from compile-time stand-ins (test/javac-shims)
      const sources = javaFiles(dir);
      expect(sources.some((f) => f.endsWith('com/bbs/forum/AppEnv.java'))).toBe(true);
      const r = javac(sources, [SERVLET, path.join(ROOT, 'test/javac-shims')], 'GBK');
      expect(r.status, r.stderr).toBe(0);
    } finally {
      removeTree(dir);
    }
  });
});

describe('paasport fix workflow', () => {
  it('a second run changes nothing', async () => {
    const dir = fixtureRepo('servlet-shop');
    try {
      await runFix(dir, options());
      const before = snapshot(dir);
      const again = await runFix(dir, options());
      expect(again.commits).toEqual([]);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      removeTree(dir);
    }
  });

  it('a dirty working tree is refused with what to do; --allow-dirty leaves the changed files alone', async () => {
    const dir = fixtureRepo('servlet-shop');
    try {
      const cart = path.join(dir, 'src/com/acme/shop/model/Cart.java');
      writeFileSync(cart, readFileSync(cart, 'utf8') + '// work in progress\n');
      const before = snapshot(dir);
      await expect(runFix(dir, options())).rejects.toThrow(
        /uncommitted changes \(src\/com\/acme\/shop\/model\/Cart\.java\).*--allow-dirty/,
      );
      expect(snapshot(dir)).toEqual(before);
      const r = await runFix(dir, options({ allowDirty: true }));
      expect(r.skippedDirty).toEqual(['src/com/acme/shop/model/Cart.java']);
      expect(readFileSync(cart, 'utf8')).toMatch(/^public class Cart \{$/m);
      expect(readFileSync(cart, 'utf8')).toContain('// work in progress');
      expect(git(dir, 'status', '--porcelain')).toBe('M src/com/acme/shop/model/Cart.java');
    } finally {
      removeTree(dir);
    }
  });

  it('the env file of secrets is never committed, even when .gitignore has uncommitted changes', async () => {
    const dir = fixtureRepo('spring-mvc-crm');
    try {
      writeFileSync(path.join(dir, '.gitignore'), 'target/\n');
      const result = await runFix(dir, options({ allowDirty: true }));
      expect(readFileSync(path.join(dir, '.paasport.env'), 'utf8')).toContain('JDBC_PASSWORD=');
      // the summary does not call it git-ignored, and says to ignore it
      const summary = fixSummary(dir, result);
      expect(summary).toContain('are in .paasport.env (not committed)');
      expect(summary).not.toContain('git-ignored');
      expect(summary).toContain('Add .paasport.env to .gitignore');
      expect(git(dir, 'log', '--name-only', '--format=', 'main..HEAD')).not.toContain('.paasport.env');
      expect(git(dir, 'status', '--porcelain')).toContain('?? .paasport.env');
    } finally {
      removeTree(dir);
    }
  });

  it('Ctrl-C or TERM while committing: the run stops between two steps and puts everything back', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const dir = fixtureRepo('spring-mvc-crm');
      try {
        const before = snapshot(dir);
        const error = await runFix(dir, options({ afterCommit: () => process.emit(signal, signal) })).catch((e) => e);
        expect(error).toBeInstanceOf(PaasportError);
        expect(error.message).toContain(`interrupted by ${signal}`);
        expect(error.message).toContain('Nothing was changed');
        expect(snapshot(dir)).toEqual(before);
        expect(process.listenerCount(signal)).toBe(0); // the default action is back once fix is done
      } finally {
        removeTree(dir);
      }
    }
  });

  it('an error after some commits leaves the repository byte for byte as it was', async () => {
    const dir = fixtureRepo('spring-mvc-crm');
    try {
      const before = snapshot(dir);
      let commits = 0;
      const failing = options({
        afterCommit: () => {
          if (++commits === 2) throw new Error('disk full');
        },
      });
      const error = await runFix(dir, failing).catch((e) => e);
      expect(error).toBeInstanceOf(PaasportError);
      expect(error.message).toContain('disk full');
      expect(error.message).toContain('Nothing was changed');
      expect(commits).toBe(2);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      removeTree(dir);
    }
  });

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const dir = fixtureRepo('struts-forum');
    try {
      const before = snapshot(dir);
      const r = await runFix(dir, options({ dryRun: true }));
      expect(snapshot(dir)).toEqual(before);
      expect(r.diff).toContain(
        '--- a/WebRoot/WEB-INF/src/com/bbs/forum/model/Member.java\n+++ b/WebRoot/WEB-INF/src/com/bbs/forum/model/Member.java',
      );
      expect(r.diff).toContain('+public class Member implements java.io.Serializable {');
      expect(r.diff).toContain('--- /dev/null\n+++ b/WebRoot/META-INF/context.xml');
    } finally {
      removeTree(dir);
    }
  });

  it('--dry-run adds no secret to what it prints: the env file shows names only', async () => {
    const dir = fixtureRepo('spring-mvc-crm');
    try {
      const r = await runFix(dir, options({ dryRun: true }));
      expect(r.diff).toContain('+JDBC_PASSWORD=****');
      // removed lines are the repository's own text; no added line carries a secret
      const added = r
        .diff!.split('\n')
        .filter((l) => l.startsWith('+'))
        .join('\n');
      for (const secret of ['Crm@2015!', 'Mail#2016', 'Sa12345', 'R3port!']) expect(added).not.toContain(secret);
    } finally {
      removeTree(dir);
    }
  });

  it('memcached is refused for Tomcat 10 apps with the reason; --only and --logs stdout', async () => {
    const dir = fixtureRepo('servlet-shop');
    try {
      const r = await runFix(dir, options({ sessionStore: 'memcached', only: ['session-store'] }));
      expect(r.commits.map((c) => c.kind)).toEqual(['session-store']);
      expect(readFileSync(path.join(dir, 'WebContent/META-INF/context.xml'), 'utf8')).toContain(
        'de.javakaffee.web.msm.MemcachedBackupSessionManager',
      );
      expect(readFileSync(path.join(dir, 'paasport.yaml'), 'utf8')).toContain(
        'de.javakaffee.msm:memcached-session-manager-tc9:2.3.2',
      );
    } finally {
      removeTree(dir);
    }
    const jakarta = fixtureRepo('order-broker');
    try {
      writeFileSync(
        path.join(jakarta, 'src/main/java/com/example/orders/Cart.java'),
        'package com.example.orders;\nimport jakarta.servlet.http.HttpSession;\npublic class Cart { void f(HttpSession s) { s.setAttribute("a", "b"); } }\n',
      );
      git(jakarta, 'add', '-A');
      git(jakarta, 'commit', '-q', '-m', 'cart');
      const r = await runFix(jakarta, options({ sessionStore: 'memcached', only: ['session-store'] }));
      expect(r.commits).toEqual([]);
      expect(r.fixes[0].outcome.left.join('\n')).toContain('memcached-session-manager supports Tomcat 6 to 9 only');
    } finally {
      removeTree(jakarta);
    }
    const crm = fixtureRepo('spring-mvc-crm');
    try {
      await runFix(crm, options({ logs: 'stdout', only: ['logs'] }));
      const log4j = readFileSync(path.join(crm, 'src/main/resources/log4j.properties'), 'utf8');
      expect(log4j).toContain('log4j.appender.file=org.apache.log4j.ConsoleAppender');
      expect(log4j).not.toContain('log4j.appender.file.File');
    } finally {
      removeTree(crm);
    }
  });

  it('the CLI refuses a folder outside git with exit 2 and says what to do', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-nogit-'));
    try {
      const r = spawnSync(process.execPath, [CLI, 'fix', dir], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('is not in a git repository');
    } finally {
      removeTree(dir);
    }
  });

  it('the CLI refuses a missing folder or a file with exit 2, not a crash', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-nofolder-'));
    try {
      writeFileSync(path.join(dir, 'App.java'), 'class App {}\n');
      for (const target of [path.join(dir, 'missing'), path.join(dir, 'App.java')]) {
        const r = spawnSync(process.execPath, [CLI, 'fix', target], { encoding: 'utf8' });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`${target}: no such folder. Pass the application's folder`);
        expect(r.stderr).not.toContain('    at ');
      }
    } finally {
      removeTree(dir);
    }
  });

  it("a user's rule whose fix: names a fix of paasport is fixed; one naming no fix is left for a person", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-userrule-'));
    const rulesDir = mkdtempSync(path.join(os.tmpdir(), 'paasport-userrules-'));
    const rule = (id: string, regex: string, fix: string) =>
      `- id: ${id}\n  category: optional\n  effort: 1\n  tags: [company]\n` +
      `  title: { en: "Service address", zh-CN: "服务地址" }\n  message: { en: "{value}", zh-CN: "{value}" }\n` +
      `  links: ["https://12factor.net/config"]\n  when:\n    java.string: { regex: "${regex}" }\n  fix: ${fix}\n`;
    try {
      writeFileSync(
        path.join(rulesDir, 'company.yaml'),
        rule('orders-service', '^svc://orders$', 'externalize-config') +
          rule('billing-service', '^svc://billing$', 'x'),
      );
      writeFileSync(
        path.join(dir, 'Client.java'),
        'package com.acme;\npublic class Client {\n  String orders = "svc://orders";\n  String billing = "svc://billing";\n}\n',
      );
      commitAll(dir);
      const rules = [...bundledRules(), ...loadRules([rulesDir]).filter((r) => r.id.endsWith('-service'))];
      const result = await runFix(dir, options({ rules }));
      const client = readFileSync(path.join(dir, 'Client.java'), 'utf8');
      expect(client).toContain('String orders = com.acme.AppEnv.get("ORDERS", "svc://orders");');
      expect(client).toContain('String billing = "svc://billing";');
      expect(result.unfixed.map((f) => f.ruleId)).toEqual(['billing-service']);
    } finally {
      removeTree(dir);
      removeTree(rulesDir);
    }
  });
});
