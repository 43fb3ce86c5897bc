import { describe, expect, it } from 'vitest';
import { planFixes } from '../../refactors/plan.js';
import { assessFiles, bundledRules, makeTree, removeTree } from '../helpers.js';

const WEB_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
  '  <display-name>shop</display-name>\n</web-app>\n';

const java = (body: string) =>
  'package com.acme;\nimport java.util.List;\nimport javax.servlet.http.HttpServletRequest;\n' +
  'import javax.servlet.http.HttpSession;\npublic class CartAction {\n' +
  '    void login(HttpSession session) { session.setAttribute("user", new User()); }\n' +
  body +
  '}\n';

async function planned(files: Record<string, string>) {
  const dir = makeTree(files);
  try {
    const plan = await planFixes(dir, bundledRules(), { logs: 'volume' }, ['session-store']);
    const written = (file: string) => {
      const change = plan.fixes[0].changes.filter((c) => c.file === file).at(-1);
      return change && new TextDecoder().decode(change.after);
    };
    return { written, outcome: plan.fixes[0].outcome, files: plan.fixes[0].changes.map((c) => c.file) };
  } finally {
    removeTree(dir);
  }
}

describe('session-store: objects changed in place after getAttribute', () => {
  it('a setter on a variable read from the session: Redisson saves after each request', async () => {
    const r = await planned({
      'WebRoot/WEB-INF/web.xml': WEB_XML,
      'src/com/acme/CartAction.java': java(
        '    void rename(HttpServletRequest request, String name) {\n' +
          '        User user = (User) request.getSession().getAttribute("user");\n' +
          '        user.setName(name);\n    }\n',
      ),
    });
    expect(r.written('WebRoot/META-INF/context.xml')).toContain('readMode="REDIS" updateMode="AFTER_REQUEST"/>');
    expect(r.outcome.message).toContain(
      'Redisson runs with updateMode="AFTER_REQUEST": the app changes objects it read from the session in place ' +
        '(src/com/acme/CartAction.java:9)',
    );
  });

  it('a collection mutator on the attribute itself: AFTER_REQUEST too', async () => {
    const r = await planned({
      'WebRoot/WEB-INF/web.xml': WEB_XML,
      'src/com/acme/CartAction.java': java(
        '    void add(HttpSession session, Object item) {\n' +
          '        ((List<Object>) session.getAttribute("cart")).add(item);\n    }\n',
      ),
    });
    expect(r.written('WebRoot/META-INF/context.xml')).toContain('updateMode="AFTER_REQUEST"');
  });

  it('an object changed and set again, or only read: the default mode', async () => {
    const r = await planned({
      'WebRoot/WEB-INF/web.xml': WEB_XML,
      'src/com/acme/CartAction.java': java(
        '    void rename(HttpSession session, String name) {\n' +
          '        User user = (User) session.getAttribute("user");\n' +
          '        user.setName(name);\n        session.setAttribute("user", user);\n    }\n' +
          '    String name(HttpSession session) {\n' +
          '        User user = (User) session.getAttribute("user");\n        return user.getName();\n    }\n',
      ),
    });
    expect(r.written('WebRoot/META-INF/context.xml')).toContain('updateMode="DEFAULT"');
    expect(r.outcome.message).not.toContain('AFTER_REQUEST');
  });
});

describe('session-store: Spring Session and objects changed in place', () => {
  const springApp = (version: string) => ({
    'pom.xml':
      '<project>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency>\n' +
      '      <groupId>org.springframework</groupId>\n      <artifactId>spring-webmvc</artifactId>\n' +
      `      <version>${version}</version>\n    </dependency>\n  </dependencies>\n</project>\n`,
    'src/main/webapp/WEB-INF/web.xml': WEB_XML,
    'src/main/webapp/WEB-INF/applicationContext.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n</beans>\n',
    'src/main/java/com/acme/CartAction.java': java(
      '    void rename(HttpSession session, String name) {\n' +
        '        User user = (User) session.getAttribute("user");\n        user.setName(name);\n    }\n',
    ),
  });

  it('Spring Session 2.2 and later saves the whole session after each request (saveMode ALWAYS)', async () => {
    const r = await planned(springApp('5.3.31'));
    expect(r.written('src/main/webapp/WEB-INF/applicationContext.xml')).toContain(
      '    <bean class="org.springframework.session.data.redis.config.annotation.web.http.RedisHttpSessionConfiguration">\n' +
        '        <property name="saveMode" value="ALWAYS"/>\n    </bean>\n',
    );
    expect(r.outcome.left).toEqual([]);
  });

  it('Spring Session 1.3 cannot: the places are named for a person', async () => {
    const r = await planned(springApp('4.3.30.RELEASE'));
    expect(r.written('src/main/webapp/WEB-INF/applicationContext.xml')).not.toContain('saveMode');
    expect(r.outcome.left).toEqual([
      'objects read from the session are changed in place (src/main/java/com/acme/CartAction.java:9): Spring ' +
        'Session saves an attribute only when it is set, so set it again after changing it',
    ]);
  });
});

describe('session-store: Shiro’s own sessions are not moved, and said so', () => {
  const shiroApp = {
    'pom.xml':
      '<project>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency>\n' +
      '      <groupId>org.springframework</groupId>\n      <artifactId>spring-webmvc</artifactId>\n' +
      '      <version>5.3.31</version>\n    </dependency>\n    <dependency>\n' +
      '      <groupId>org.apache.shiro</groupId>\n      <artifactId>shiro-spring</artifactId>\n' +
      '      <version>1.4.0</version>\n    </dependency>\n  </dependencies>\n</project>\n',
    'src/main/webapp/WEB-INF/web.xml': WEB_XML,
    'src/main/resources/spring-context.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n</beans>\n',
    'src/main/resources/spring-context-shiro.xml':
      '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
      '  <bean id="sessionManager" class="org.apache.shiro.web.session.mgt.DefaultWebSessionManager">\n' +
      '    <property name="sessionDAO" ref="sessionDAO"/>\n  </bean>\n' +
      '  <!-- <bean id="sessionDAO" class="com.acme.shiro.JedisSessionDAO"/> -->\n' +
      '  <bean id="sessionDAO" class="com.acme.shiro.CacheSessionDAO"/>\n</beans>\n',
    'src/main/java/com/acme/shiro/CacheSessionDAO.java':
      'package com.acme.shiro;\nimport org.apache.shiro.session.mgt.eis.EnterpriseCacheSessionDAO;\n' +
      'public class CacheSessionDAO extends EnterpriseCacheSessionDAO {\n}\n',
    'src/main/java/com/acme/shiro/JedisSessionDAO.java':
      'package com.acme.shiro;\nimport org.apache.shiro.session.mgt.eis.AbstractSessionDAO;\n' +
      'public abstract class JedisSessionDAO extends AbstractSessionDAO {\n}\n',
    'src/main/java/com/acme/Login.java':
      'package com.acme;\nimport javax.servlet.http.HttpSession;\n' +
      'public class Login { void f(HttpSession s) { s.setAttribute("user", "u"); } }\n',
  };

  it('Spring Session moves the HttpSession; the fix names the Shiro session DAO and the app’s Redis one', async () => {
    const r = await planned(shiroApp);
    expect(r.outcome.message).toContain('Spring Session');
    expect(r.outcome.left).toEqual([
      'Shiro keeps its own sessions in this JVM (src/main/java/com/acme/shiro/CacheSessionDAO.java:3, ' +
        'src/main/resources/spring-context-shiro.xml:3, src/main/resources/spring-context-shiro.xml:7): the ' +
        "session store moves the container's HttpSession only, not Shiro's native sessions. Give Shiro a " +
        'SessionDAO on Redis (the app has one: src/main/java/com/acme/shiro/JedisSessionDAO.java), or let it use ' +
        "the container's sessions (ServletContainerSessionManager)",
    ]);
  });

  it('the assessment keeps reporting Shiro’s sessions once the HttpSession has a store', async () => {
    const a = await assessFiles({
      ...shiroApp,
      'src/main/webapp/META-INF/context.xml':
        '<Context>\n  <Manager className="org.redisson.tomcat.RedissonSessionManager"/>\n</Context>\n',
    });
    const ids = a.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    expect(ids).not.toContain('session-attribute-write src/main/java/com/acme/Login.java:3');
    expect(ids).toEqual(
      expect.arrayContaining([
        'shiro-local-sessions src/main/java/com/acme/shiro/CacheSessionDAO.java:3',
        'shiro-local-sessions src/main/resources/spring-context-shiro.xml:7',
      ]),
    );
  });
});
