import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFixes } from '../../refactors/plan.js';
import { runFix } from '../../refactors/workflow.js';
import { commitAll } from '../git-repo.js';
import { ROOT, bundledRules, removeTree } from '../helpers.js';

/** The fixes planned on a fixture app, in memory: what each file becomes, and what is left for a person. */
async function planned(app: string) {
  const plan = await planFixes(path.join(ROOT, 'fixtures', app), bundledRules(), { logs: 'volume' }, [
    'session-store',
    'externalize-config',
  ]);
  const changes = plan.fixes.flatMap((f) => f.changes);
  const written = (file: string) => {
    const last = changes.filter((c) => c.file === file).at(-1);
    return last && new TextDecoder().decode(last.after);
  };
  const store = plan.fixes.find((f) => f.outcome.kind === 'session-store')!;
  return { written, store, files: (i: number) => [...new Set(plan.fixes[i].changes.map((c) => c.file))].sort() };
}

describe('fixture erp-bundled-tomcat: Spring 2.5 jars, a bundled Tomcat keeping sessions on disk', () => {
  it('the Redisson manager in the webapp and in the bundled ROOT.xml; nothing in conf/web.xml or src/', async () => {
    const r = await planned('erp-bundled-tomcat');
    expect(r.files(0)).toEqual([
      'paasport.yaml',
      'tomcat7/conf/Catalina/localhost/ROOT.xml',
      'website/META-INF/context.xml',
      'website/WEB-INF/web.xml',
    ]);
    expect(r.written('tomcat7/conf/Catalina/localhost/ROOT.xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Context docBase="../../website" reloadable="false">\n' +
        '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
        '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
        '</Context>\n',
    );
    expect(r.store.outcome.left).toEqual([]);
  });

  it('jdbc.properties read by Spring 2.5 gets ${NAME}; the default is a system property', async () => {
    const r = await planned('erp-bundled-tomcat');
    expect(r.written('src/jdbc.properties')).toBe(
      'jdbc.driver=com.mysql.jdbc.Driver\njdbc.url=${JDBC_URL}\njdbc.username=erp\njdbc.password=${JDBC_PASSWORD}\n',
    );
    expect(r.written('paasport.yaml')).toContain(
      'javaSystemProperties:\n  JDBC_URL: ${JDBC_URL:-jdbc:mysql://192.168.1.20:3306/erp?useUnicode=true&characterEncoding=utf8}\n',
    );
  });
});

describe('fixture shiro-admin: Spring 5.3 + Shiro native sessions on a local ehcache', () => {
  it('Spring Session 2.x saving whole sessions, no second jedis, and Shiro’s sessions named for a person', async () => {
    const r = await planned('shiro-admin');
    const pom = r.written('pom.xml')!;
    expect(pom).toContain('<artifactId>spring-session-data-redis</artifactId>\n            <version>2.7.4</version>');
    expect(pom.match(/<artifactId>jedis<\/artifactId>/g)).toHaveLength(1);
    expect(r.written('src/main/resources/spring-context.xml')).toContain('<property name="saveMode" value="ALWAYS"/>');
    expect(r.store.outcome.left).toEqual([
      "pom.xml: the app's own jedis 2.9.0 is kept; spring-session-data-redis 2.7.4 was built with jedis 3.8.0: " +
        'check they work together',
      'Shiro keeps its own sessions in this JVM (src/main/java/com/acme/admin/security/CacheSessionDAO.java:6, ' +
        'src/main/resources/spring-context-shiro.xml:11, src/main/resources/spring-context-shiro.xml:16): the ' +
        "session store moves the container's HttpSession only, not Shiro's native sessions. Give Shiro a " +
        'SessionDAO on Redis (the app has one: src/main/java/com/acme/admin/security/JedisSessionDAO.java), or ' +
        "let it use the container's sessions (ServletContainerSessionManager)",
    ]);
  });
});

describe('a second run of fix', () => {
  it('still leaves for a person what the session store does not move (Shiro’s sessions)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-shiro-'));
    try {
      cpSync(path.join(ROOT, 'fixtures', 'shiro-admin'), dir, { recursive: true });
      commitAll(dir);
      const run = () =>
        runFix(dir, {
          rules: bundledRules(),
          branch: 'paasport/stateless',
          dryRun: false,
          allowDirty: false,
          logs: 'volume',
        });
      const shiro = (left: string[]) => left.filter((l) => l.startsWith('Shiro keeps its own sessions'));
      const leftOf = (r: Awaited<ReturnType<typeof run>>) => r.fixes.flatMap((f) => f.outcome.left);
      const first = await run();
      const second = await run();
      expect(second.commits).toEqual([]);
      expect(shiro(leftOf(first))).toHaveLength(1);
      expect(shiro(leftOf(second))).toEqual(shiro(leftOf(first)));
    } finally {
      removeTree(dir);
    }
  });
});
