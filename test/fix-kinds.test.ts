import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { runFix, type FixRunOptions } from '../refactors/workflow.js';
import { commitAll } from './git-repo.js';
import { bundledRules, makeTree, removeTree } from './helpers.js';

async function fixed(files: Record<string, string>, extra: Partial<FixRunOptions> = {}) {
  const dir = makeTree(files);
  commitAll(dir);
  const result = await runFix(dir, {
    rules: bundledRules(),
    branch: 'paasport/stateless',
    dryRun: false,
    allowDirty: false,
    logs: 'volume',
    ...extra,
  });
  return { dir, result, read: (f: string) => readFileSync(path.join(dir, f), 'utf8') };
}

const SESSION_WRITE =
  'package com.acme;\nimport javax.servlet.http.HttpSession;\npublic class Login { void f(HttpSession s) { s.setAttribute("user", "u"); } }\n';

describe('fix kinds on small apps', () => {
  it('Spring Boot: spring-session-data-redis and its properties', async () => {
    const { dir, read } = await fixed({
      'pom.xml':
        '<project>\n  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n',
      'src/main/java/com/acme/Login.java': SESSION_WRITE,
      'src/main/resources/application.properties': 'spring.application.name=shop\n',
    });
    try {
      expect(read('pom.xml')).toContain('<artifactId>spring-session-data-redis</artifactId>');
      expect(read('pom.xml')).toContain('<artifactId>spring-boot-starter-data-redis</artifactId>');
      expect(read('src/main/resources/application.properties')).toBe(
        'spring.application.name=shop\nspring.session.store-type=redis\nspring.redis.host=${REDIS_HOST:localhost}\nspring.redis.port=${REDIS_PORT:6379}\nspring.redis.password=${REDIS_PASSWORD:}\n',
      );
    } finally {
      removeTree(dir);
    }
  });

  it('context.xml resources read ${properties} that setenv.sh sets from the environment', async () => {
    const { dir, read } = await fixed({
      'WebContent/WEB-INF/web.xml': '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5"/>\n',
      'WebContent/META-INF/context.xml':
        '<Context>\n  <Resource name="jdbc/shop" type="javax.sql.DataSource" url="jdbc:mysql://10.1.1.5:3306/shop" username="shop" password="S3cret"/>\n</Context>\n',
    });
    try {
      expect(read('WebContent/META-INF/context.xml')).toContain(
        'url="${jdbc.shop.url}" username="shop" password="${jdbc.shop.password}"',
      );
      const record = read('paasport.yaml');
      expect(record).toContain('jdbc.shop.url: ${JDBC_SHOP_URL}');
      expect(record).toContain('name: JDBC_SHOP_PASSWORD\n    secret: true');
      expect(read('.paasport.env')).toContain('JDBC_SHOP_PASSWORD=S3cret');
    } finally {
      removeTree(dir);
    }
  });

  it('log4j2, logback and JULI file appenders write under ${LOG_DIR}/${HOST}', async () => {
    const { dir, read } = await fixed({
      'src/main/resources/log4j2.xml':
        '<Configuration>\n<Appenders>\n  <RollingFile name="RF" fileName="logs/app.log" filePattern="logs/app-%d{yyyy-MM-dd}.log"/>\n</Appenders>\n<Loggers><Root level="info"><AppenderRef ref="RF"/></Root></Loggers>\n</Configuration>\n',
      'src/main/resources/logback.xml':
        '<configuration>\n  <appender name="R" class="ch.qos.logback.core.rolling.RollingFileAppender">\n    <file>/var/log/app/app.log</file>\n    <rollingPolicy class="ch.qos.logback.core.rolling.TimeBasedRollingPolicy">\n      <fileNamePattern>/var/log/app/app.%d.log</fileNamePattern>\n    </rollingPolicy>\n  </appender>\n  <root level="INFO"><appender-ref ref="R"/></root>\n</configuration>\n',
      'conf/logging.properties':
        'handlers = 1catalina.org.apache.juli.FileHandler, java.util.logging.ConsoleHandler\n1catalina.org.apache.juli.FileHandler.level = FINE\n1catalina.org.apache.juli.FileHandler.directory = ${catalina.base}/logs\n',
    });
    try {
      expect(read('src/main/resources/log4j2.xml')).toContain(
        'fileName="${env:LOG_DIR:-/logs}/${env:HOST:-localhost}/app.log" filePattern="${env:LOG_DIR:-/logs}/${env:HOST:-localhost}/app-%d{yyyy-MM-dd}.log"',
      );
      expect(read('src/main/resources/logback.xml')).toContain(
        '<file>${LOG_DIR:-/logs}/${HOST:-localhost}/app.log</file>',
      );
      expect(read('src/main/resources/logback.xml')).toContain(
        '<fileNamePattern>${LOG_DIR:-/logs}/${HOST:-localhost}/app.%d.log</fileNamePattern>',
      );
      expect(read('conf/logging.properties')).toContain(
        '1catalina.org.apache.juli.FileHandler.directory = ${LOG_DIR}/${HOST}\n',
      );
      expect(read('paasport.yaml')).toContain('LOG_DIR: ${LOG_DIR:-/logs}');
    } finally {
      removeTree(dir);
    }
  });

  it('--logs stdout: logback and JULI write to the console; log4j2 is left for a person', async () => {
    const { dir, read, result } = await fixed(
      {
        'src/main/resources/logback.xml':
          '<configuration>\n  <appender name="F" class="ch.qos.logback.core.FileAppender">\n    <file>app.log</file>\n  </appender>\n  <root level="INFO"><appender-ref ref="F"/></root>\n</configuration>\n',
        'conf/logging.properties':
          'handlers = 1catalina.org.apache.juli.FileHandler\n1catalina.org.apache.juli.FileHandler.directory = ${catalina.base}/logs\n',
        'src/main/resources/log4j2.xml':
          '<Configuration>\n<Appenders>\n  <File name="F" fileName="app.log"/>\n</Appenders>\n<Loggers><Root level="info"><AppenderRef ref="F"/></Root></Loggers>\n</Configuration>\n',
      },
      { logs: 'stdout' },
    );
    try {
      expect(read('src/main/resources/logback.xml')).toBe(
        '<configuration>\n  <appender name="F" class="ch.qos.logback.core.ConsoleAppender">\n  </appender>\n  <root level="INFO"><appender-ref ref="F"/></root>\n</configuration>\n',
      );
      expect(read('conf/logging.properties')).toContain('handlers = java.util.logging.ConsoleHandler\n');
      expect(result.fixes.find((f) => f.outcome.kind === 'logs')!.outcome.left.join('\n')).toContain(
        '<Console name="F" target="SYSTEM_OUT">',
      );
    } finally {
      removeTree(dir);
    }
  });

  it("data under the user's home becomes a directory read from the environment", async () => {
    const { dir, read } = await fixed({
      'src/com/acme/Store.java':
        'package com.acme;\nimport java.io.File;\npublic class Store {\n  void init() {\n    File d = new File(System.getProperty("user.home"), "app_data");\n    d.mkdirs();\n  }\n}\n',
    });
    try {
      expect(read('src/com/acme/Store.java')).toContain(
        'new File(com.acme.AppEnv.get("STORE_DATA_DIR", System.getProperty("user.home")), "app_data")',
      );
      expect(read('paasport.yaml')).toMatch(/volumes:\n {2}- env: STORE_DATA_DIR/);
      const after = await assess(dir, bundledRules(), { threads: 0 });
      expect(after.findings.map((f) => f.ruleId)).not.toContain('home-or-temp-data');
    } finally {
      removeTree(dir);
    }
  });

  it('several webapps in one repository: each gets the session manager; assess says they were assessed together', async () => {
    const webXml =
      '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n  <display-name>x</display-name>\n</web-app>\n';
    const { dir, read } = await fixed({
      'admin/WebRoot/WEB-INF/web.xml': webXml,
      'portal/WebRoot/WEB-INF/web.xml': webXml,
      'admin/src/com/acme/Login.java': SESSION_WRITE,
    });
    try {
      for (const app of ['admin', 'portal'])
        expect(read(`${app}/WebRoot/META-INF/context.xml`)).toContain('RedissonSessionManager');
      const a = await assess(dir, bundledRules(), { threads: 0 });
      expect(a.notices).toContainEqual({ kind: 'several-webapps', detail: 'admin/WebRoot, portal/WebRoot' });
    } finally {
      removeTree(dir);
    }
  });

  it('a UTF-8 file with a BOM and CRLF keeps both', async () => {
    const bom = '\ufeff';
    const { dir } = await fixed({
      'src/com/acme/Prefs.java': `${bom}package com.acme;\r\n\r\n// Einstellungen für die Sitzung\r\npublic class Prefs {\r\n    private int size;\r\n}\r\n`,
      'src/com/acme/Shop.java':
        'package com.acme;\nimport javax.servlet.http.HttpSession;\npublic class Shop { void f(HttpSession s) { s.setAttribute("prefs", new Prefs()); } }\n',
    });
    try {
      const bytes = readFileSync(path.join(dir, 'src/com/acme/Prefs.java'));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text).toContain(
        'public class Prefs implements java.io.Serializable {\r\n    private static final long serialVersionUID = 1L;\r\n\r\n    private int size;\r\n',
      );
      expect(text).toContain('für');
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    } finally {
      removeTree(dir);
    }
  });

  it('session classes: fields that cannot be serialized are reported, not made transient', async () => {
    const { dir, read, result } = await fixed({
      'src/com/acme/Basket.java':
        'package com.acme;\nimport java.sql.Connection;\npublic class Basket {\n  private Connection connection;\n  private String owner;\n}\n',
      'src/com/acme/Shop.java':
        'package com.acme;\nimport javax.servlet.http.HttpSession;\npublic class Shop { void f(HttpSession s) { s.setAttribute("basket", new Basket()); } }\n',
    });
    try {
      expect(read('src/com/acme/Basket.java')).toContain(
        'public class Basket implements java.io.Serializable {\n  private static final long serialVersionUID = 1L;\n\n  private Connection connection;',
      );
      expect(read('src/com/acme/Basket.java')).not.toContain('transient');
      expect(result.fixes[0].outcome.left).toEqual([
        expect.stringContaining(
          'src/com/acme/Basket.java:4: field connection of Basket is a Connection, which cannot be serialized',
        ),
      ]);
    } finally {
      removeTree(dir);
    }
  });
});
