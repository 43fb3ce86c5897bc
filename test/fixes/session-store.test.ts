import { describe, expect, it } from 'vitest';
import { planFixes } from '../../refactors/plan.js';
import { bundledRules, makeTree, removeTree } from '../helpers.js';
import { SETTINGS_HEADER, checkFix } from './harness.js';

const SESSION_WRITE =
  'package com.acme;\nimport javax.servlet.http.HttpSession;\n' +
  'public class Login { void f(HttpSession s) { s.setAttribute("user", "u"); } }\n';

const WEB_XML_25 =
  '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
  '  <display-name>shop</display-name>\n  <servlet>\n    <servlet-name>s</servlet-name>\n' +
  '    <servlet-class>com.acme.S</servlet-class>\n  </servlet>\n</web-app>\n';

/** paasport.yaml after the Redis manager went into one webapp's context.xml. */
const redisSettings = (contextXml: string) =>
  SETTINGS_HEADER +
  ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD']
    .map((n) => `  - name: ${n}\n    secret: ${n === 'REDIS_PASSWORD'}\n    usedBy:\n      - ${contextXml}\n`)
    .reduce((all, e) => all + e, 'env:\n') +
  'volumes: []\njavaSystemProperties: {}\nsessionStore:\n  type: redis\n' +
  '  manager: org.redisson.tomcat.RedissonSessionManager\n  jars:\n' +
  '    - org.redisson:redisson-all:3.27.2\n    - org.redisson:redisson-tomcat-9:3.27.2\n' +
  '  env:\n    - REDIS_HOST\n    - REDIS_PORT\n    - REDIS_PASSWORD\n';

describe('session-store: sessions leave the container', () => {
  it('Redis: the manager replaces a PersistentManager, web.xml is distributable, <Cluster> goes', async () => {
    await checkFix('session-store', {
      files: {
        'src/com/acme/Login.java': SESSION_WRITE,
        'WebContent/WEB-INF/web.xml': WEB_XML_25,
        'WebContent/META-INF/context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<Context path="/shop">\n  <!-- keep sessions -->\n' +
          '  <Manager className="org.apache.catalina.session.PersistentManager" saveOnRestart="true">\n' +
          '    <Store className="org.apache.catalina.session.FileStore" directory="sessions"/>\n  </Manager>\n' +
          '  <Resource name="jdbc/shop" type="javax.sql.DataSource"/>\n</Context>\n',
        'conf/server.xml':
          '<Server port="8005">\n  <Service name="Catalina">\n    <Engine name="Catalina" defaultHost="localhost">\n' +
          '      <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster"/>\n' +
          '      <Host name="localhost" appBase="webapps">\n' +
          '        <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster">\n' +
          '          <Channel className="org.apache.catalina.tribes.group.GroupChannel"/>\n' +
          '        </Cluster>\n      </Host>\n    </Engine>\n  </Service>\n</Server>\n',
      },
      after: {
        'WebContent/META-INF/context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<Context path="/shop">\n' +
          '  <!-- keep sessions -->\n' +
          '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
          '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
          '  <Resource name="jdbc/shop" type="javax.sql.DataSource"/>\n' +
          '</Context>\n',
        'WebContent/WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
          '  <display-name>shop</display-name>\n' +
          '  <distributable/>\n' +
          '  <servlet>\n' +
          '    <servlet-name>s</servlet-name>\n' +
          '    <servlet-class>com.acme.S</servlet-class>\n' +
          '  </servlet>\n' +
          '</web-app>\n',
        'conf/server.xml':
          '<Server port="8005">\n' +
          '  <Service name="Catalina">\n' +
          '    <Engine name="Catalina" defaultHost="localhost">\n' +
          '      <Host name="localhost" appBase="webapps">\n' +
          '      </Host>\n' +
          '    </Engine>\n' +
          '  </Service>\n' +
          '</Server>\n',
        'paasport.yaml': redisSettings('WebContent/META-INF/context.xml'),
      },
    });
  });

  it('memcached: a new context.xml; <distributable/> right inside a web-app with no display-name', async () => {
    await checkFix('session-store', {
      options: { sessionStore: 'memcached' },
      files: {
        'src/com/acme/Login.java': SESSION_WRITE,
        'WebRoot/WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\r\n<web-app version="2.4" xmlns="http://java.sun.com/xml/ns/j2ee">\r\n' +
          '\t<welcome-file-list>\r\n\t\t<welcome-file>index.jsp</welcome-file>\r\n\t</welcome-file-list>\r\n</web-app>\r\n',
      },
      after: {
        'WebRoot/META-INF/context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<Context>\n' +
          '  <Manager className="de.javakaffee.web.msm.MemcachedBackupSessionManager"\n' +
          '           memcachedNodes="${memcached.nodes}" sticky="false" sessionBackupAsync="false" lockingMode="auto"\n' +
          '           requestUriIgnorePattern=".*\\.(ico|png|gif|jpg|css|js)$"\n' +
          '           transcoderFactoryClass="de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory"/>\n' +
          '</Context>\n',
        'WebRoot/WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\r\n' +
          '<web-app version="2.4" xmlns="http://java.sun.com/xml/ns/j2ee">\r\n' +
          '\t<distributable/>\r\n' +
          '\t<welcome-file-list>\r\n' +
          '\t\t<welcome-file>index.jsp</welcome-file>\r\n' +
          '\t</welcome-file-list>\r\n' +
          '</web-app>\r\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: MEMCACHED_NODES\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebRoot/META-INF/context.xml\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  memcached.nodes: ${MEMCACHED_NODES}\n' +
          'sessionStore:\n' +
          '  type: memcached\n' +
          '  manager: de.javakaffee.web.msm.MemcachedBackupSessionManager\n' +
          '  jars:\n' +
          '    - de.javakaffee.msm:memcached-session-manager:2.3.2\n' +
          '    - de.javakaffee.msm:memcached-session-manager-tc9:2.3.2\n' +
          '    - net.spy:spymemcached:2.12.3\n' +
          '    - de.javakaffee.msm:msm-kryo-serializer:2.3.2\n' +
          '    - de.javakaffee:kryo-serializers:0.45\n' +
          '    - com.esotericsoftware:kryo:4.0.2\n' +
          '    - com.esotericsoftware:minlog:1.3.1\n' +
          '    - com.esotericsoftware:reflectasm:1.11.9\n' +
          '    - org.objenesis:objenesis:2.6\n' +
          '  env:\n' +
          '    - MEMCACHED_NODES\n',
      },
    });
  });

  it('a context.xml whose <Context/> closes itself gets a closing tag around the manager', async () => {
    await checkFix('session-store', {
      files: {
        'src/com/acme/Login.java': SESSION_WRITE,
        'WebContent/WEB-INF/web.xml': WEB_XML_25,
        'WebContent/META-INF/context.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Context path="/shop"/>\n',
      },
      after: {
        'WebContent/META-INF/context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<Context path="/shop">\n' +
          '    <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
          '             configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
          '</Context>\n',
        'WebContent/WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
          '  <display-name>shop</display-name>\n' +
          '  <distributable/>\n' +
          '  <servlet>\n' +
          '    <servlet-name>s</servlet-name>\n' +
          '    <servlet-class>com.acme.S</servlet-class>\n' +
          '  </servlet>\n' +
          '</web-app>\n',
        'paasport.yaml': redisSettings('WebContent/META-INF/context.xml'),
      },
    });
  });

  it('Spring MVC: spring-session-data-redis in the pom, the repository in the root context, the filter first', async () => {
    await checkFix('session-store', {
      files: {
        'src/main/java/com/acme/Login.java': SESSION_WRITE,
        'pom.xml':
          '<project>\n    <modelVersion>4.0.0</modelVersion>\n    <groupId>com.acme</groupId>\n    <artifactId>crm</artifactId>\n' +
          '    <version>1.0</version>\n    <packaging>war</packaging>\n    <dependencies>\n        <dependency>\n' +
          '            <groupId>org.springframework</groupId>\n            <artifactId>spring-webmvc</artifactId>\n' +
          '            <version>4.3.30.RELEASE</version>\n        </dependency>\n    </dependencies>\n</project>\n',
        'src/main/webapp/WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="3.0">\n' +
          '    <context-param>\n        <param-name>contextConfigLocation</param-name>\n' +
          '        <param-value>classpath:spring/root.xml</param-value>\n    </context-param>\n' +
          '    <listener>\n        <listener-class>org.springframework.web.context.ContextLoaderListener</listener-class>\n' +
          '    </listener>\n</web-app>\n',
        'src/main/resources/spring/root.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans xmlns="http://www.springframework.org/schema/beans"\n' +
          '       xmlns:context="http://www.springframework.org/schema/context">\n' +
          '    <context:component-scan base-package="com.acme"/>\n</beans>\n',
        'src/main/resources/spring/mvc.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans xmlns="http://www.springframework.org/schema/beans">\n</beans>\n',
      },
      after: {
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: REDIS_HOST\n' +
          '    secret: false\n' +
          '    usedBy: []\n' +
          '  - name: REDIS_PORT\n' +
          '    secret: false\n' +
          '    usedBy: []\n' +
          '  - name: REDIS_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy: []\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n' +
          'sessionStore:\n' +
          '  type: spring-session\n' +
          '  jars: []\n' +
          '  env:\n' +
          '    - REDIS_HOST\n' +
          '    - REDIS_PORT\n' +
          '    - REDIS_PASSWORD\n',
        'pom.xml':
          '<project>\n' +
          '    <modelVersion>4.0.0</modelVersion>\n' +
          '    <groupId>com.acme</groupId>\n' +
          '    <artifactId>crm</artifactId>\n' +
          '    <version>1.0</version>\n' +
          '    <packaging>war</packaging>\n' +
          '    <dependencies>\n' +
          '        <dependency>\n' +
          '            <groupId>org.springframework</groupId>\n' +
          '            <artifactId>spring-webmvc</artifactId>\n' +
          '            <version>4.3.30.RELEASE</version>\n' +
          '        </dependency>\n' +
          '        <dependency>\n' +
          '            <groupId>org.springframework.session</groupId>\n' +
          '            <artifactId>spring-session-data-redis</artifactId>\n' +
          '            <version>1.3.5.RELEASE</version>\n' +
          '        </dependency>\n' +
          '        <dependency>\n' +
          '            <groupId>redis.clients</groupId>\n' +
          '            <artifactId>jedis</artifactId>\n' +
          '            <version>2.9.0</version>\n' +
          '        </dependency>\n' +
          '    </dependencies>\n' +
          '</project>\n',
        'src/main/resources/spring/root.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<beans xmlns="http://www.springframework.org/schema/beans"\n' +
          '       xmlns:context="http://www.springframework.org/schema/context">\n' +
          '    <context:component-scan base-package="com.acme"/>\n' +
          '    <!-- sessions in Redis (Spring Session); the endpoint comes from the environment -->\n' +
          '    <bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>\n' +
          '    <bean class="org.springframework.session.data.redis.config.annotation.web.http.RedisHttpSessionConfiguration"/>\n' +
          '    <bean class="org.springframework.data.redis.connection.jedis.JedisConnectionFactory">\n' +
          '        <property name="hostName" value="${REDIS_HOST:localhost}"/>\n' +
          '        <property name="port" value="${REDIS_PORT:6379}"/>\n' +
          '        <property name="password" value="${REDIS_PASSWORD:}"/>\n' +
          '    </bean>\n' +
          '</beans>\n',
        'src/main/webapp/WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="3.0">\n' +
          '    <context-param>\n' +
          '        <param-name>contextConfigLocation</param-name>\n' +
          '        <param-value>classpath:spring/root.xml</param-value>\n' +
          '    </context-param>\n' +
          '    <filter>\n' +
          '        <filter-name>springSessionRepositoryFilter</filter-name>\n' +
          '        <filter-class>org.springframework.web.filter.DelegatingFilterProxy</filter-class>\n' +
          '    </filter>\n' +
          '    <filter-mapping>\n' +
          '        <filter-name>springSessionRepositoryFilter</filter-name>\n' +
          '        <url-pattern>/*</url-pattern>\n' +
          '        <dispatcher>REQUEST</dispatcher>\n' +
          '        <dispatcher>ERROR</dispatcher>\n' +
          '    </filter-mapping>\n' +
          '    <listener>\n' +
          '        <listener-class>org.springframework.web.context.ContextLoaderListener</listener-class>\n' +
          '    </listener>\n' +
          '</web-app>\n',
      },
    });
  });

  it('Spring MVC with filters already: the session filter goes before the first of them (DTD web.xml)', async () => {
    await checkFix('session-store', {
      files: {
        'WEB-INF/src/com/acme/Login.java': SESSION_WRITE,
        'build.gradle':
          "apply plugin: 'war'\ndependencies {\n  compile 'org.springframework:spring-webmvc:4.3.30.RELEASE'\n}\n",
        'WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"' +
          ' "http://java.sun.com/dtd/web-app_2_3.dtd">\n<web-app>\n  <filter>\n    <filter-name>enc</filter-name>\n' +
          '    <filter-class>org.springframework.web.filter.CharacterEncodingFilter</filter-class>\n  </filter>\n' +
          '  <filter-mapping>\n    <filter-name>enc</filter-name>\n    <url-pattern>/*</url-pattern>\n  </filter-mapping>\n' +
          '  <listener>\n    <listener-class>org.springframework.web.context.ContextLoaderListener</listener-class>\n' +
          '  </listener>\n</web-app>\n',
        'WEB-INF/applicationContext.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n  <bean id="props" class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>\n</beans>\n',
      },
      after: {
        'WEB-INF/applicationContext.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<beans>\n' +
          '  <bean id="props" class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>\n' +
          '  <!-- sessions in Redis (Spring Session); the endpoint comes from the environment -->\n' +
          '  <bean class="org.springframework.context.annotation.ConfigurationClassPostProcessor"/>\n' +
          '  <bean class="org.springframework.session.data.redis.config.annotation.web.http.RedisHttpSessionConfiguration"/>\n' +
          '  <bean class="org.springframework.data.redis.connection.jedis.JedisConnectionFactory">\n' +
          '    <property name="hostName" value="${REDIS_HOST:localhost}"/>\n' +
          '    <property name="port" value="${REDIS_PORT:6379}"/>\n' +
          '    <property name="password" value="${REDIS_PASSWORD:}"/>\n' +
          '  </bean>\n' +
          '</beans>\n',
        'WEB-INF/web.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "http://java.sun.com/dtd/web-app_2_3.dtd">\n' +
          '<web-app>\n' +
          '  <filter>\n' +
          '    <filter-name>springSessionRepositoryFilter</filter-name>\n' +
          '    <filter-class>org.springframework.web.filter.DelegatingFilterProxy</filter-class>\n' +
          '  </filter>\n' +
          '  <filter>\n' +
          '    <filter-name>enc</filter-name>\n' +
          '    <filter-class>org.springframework.web.filter.CharacterEncodingFilter</filter-class>\n' +
          '  </filter>\n' +
          '  <filter-mapping>\n' +
          '    <filter-name>springSessionRepositoryFilter</filter-name>\n' +
          '    <url-pattern>/*</url-pattern>\n' +
          '  </filter-mapping>\n' +
          '  <filter-mapping>\n' +
          '    <filter-name>enc</filter-name>\n' +
          '    <url-pattern>/*</url-pattern>\n' +
          '  </filter-mapping>\n' +
          '  <listener>\n' +
          '    <listener-class>org.springframework.web.context.ContextLoaderListener</listener-class>\n' +
          '  </listener>\n' +
          '</web-app>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: REDIS_HOST\n' +
          '    secret: false\n' +
          '    usedBy: []\n' +
          '  - name: REDIS_PORT\n' +
          '    secret: false\n' +
          '    usedBy: []\n' +
          '  - name: REDIS_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy: []\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n' +
          'sessionStore:\n' +
          '  type: spring-session\n' +
          '  jars: []\n' +
          '  env:\n' +
          '    - REDIS_HOST\n' +
          '    - REDIS_PORT\n' +
          '    - REDIS_PASSWORD\n',
      },
      left: [
        'add org.springframework.session:spring-session-data-redis:1.3.5.RELEASE and redis.clients:jedis:2.9.0 to the build',
      ],
    });
  });

  it('Spring Boot: the store and the Redis endpoint in application.properties', async () => {
    await checkFix('session-store', {
      files: {
        'pom.xml':
          '<project>\n  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId>' +
          '<version>3.1.5</version></parent>\n  <dependencies>\n    <dependency>\n' +
          '      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n' +
          '    </dependency>\n  </dependencies>\n</project>\n',
        'src/main/java/com/acme/Login.java': SESSION_WRITE.replace(/javax/g, 'jakarta'),
        'src/main/resources/application.properties': 'spring.application.name=shop\r\nserver.port=8080\r\n\r\n\r\n',
      },
      after: {
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: REDIS_HOST\n' +
          '    secret: false\n' +
          '    usedBy: []\n' +
          '  - name: REDIS_PORT\n' +
          '    secret: false\n' +
          '    usedBy: []\n' +
          '  - name: REDIS_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy: []\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n' +
          'sessionStore:\n' +
          '  type: spring-session\n' +
          '  jars: []\n' +
          '  env:\n' +
          '    - REDIS_HOST\n' +
          '    - REDIS_PORT\n' +
          '    - REDIS_PASSWORD\n',
        'pom.xml':
          '<project>\n' +
          '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.1.5</version></parent>\n' +
          '  <dependencies>\n' +
          '    <dependency>\n' +
          '      <groupId>org.springframework.boot</groupId>\n' +
          '      <artifactId>spring-boot-starter-web</artifactId>\n' +
          '    </dependency>\n' +
          '    <dependency>\n' +
          '      <groupId>org.springframework.session</groupId>\n' +
          '      <artifactId>spring-session-data-redis</artifactId>\n' +
          '    </dependency>\n' +
          '    <dependency>\n' +
          '      <groupId>org.springframework.boot</groupId>\n' +
          '      <artifactId>spring-boot-starter-data-redis</artifactId>\n' +
          '    </dependency>\n' +
          '  </dependencies>\n' +
          '</project>\n',
        'src/main/resources/application.properties':
          'spring.application.name=shop\r\n' +
          'server.port=8080\r\n' +
          'spring.session.store-type=redis\r\n' +
          'spring.redis.host=${REDIS_HOST:localhost}\r\n' +
          'spring.redis.port=${REDIS_PORT:6379}\r\n' +
          'spring.redis.password=${REDIS_PASSWORD:}\r\n',
      },
    });
  });
  it("<distributable/> goes after the descriptor's own description, never inside a servlet", async () => {
    const webXml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
      '  <description>shop</description>\n  <servlet>\n    <description>checkout</description>\n' +
      '    <display-name>Checkout</display-name>\n    <servlet-name>s</servlet-name>\n' +
      '    <servlet-class>com.acme.S</servlet-class>\n  </servlet>\n</web-app>\n';
    const outcomes = await checkFix('session-store', {
      files: { 'src/com/acme/Login.java': SESSION_WRITE, 'WEB-INF/web.xml': webXml },
      after: {
        'WEB-INF/web.xml': webXml.replace('  <description>shop</description>\n', '$&  <distributable/>\n'),
        'META-INF/context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<Context>\n' +
          '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
          '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
          '</Context>\n',
        'paasport.yaml': redisSettings('META-INF/context.xml'),
      },
    });
    expect(outcomes[0].left).toEqual([]);
  });
});

describe('session-store: Spring Session goes into the project’s own dependencies', () => {
  const pomWith = (sections: string) =>
    `<project>\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>crm</artifactId>\n${sections}</project>\n`;
  const managed =
    '  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>org.springframework</groupId>\n' +
    '        <artifactId>spring-framework-bom</artifactId>\n      </dependency>\n    </dependencies>\n' +
    '  </dependencyManagement>\n';
  const own =
    '  <dependencies>\n    <dependency>\n      <groupId>org.springframework</groupId>\n' +
    '      <artifactId>spring-webmvc</artifactId>\n      <version>4.3.30.RELEASE</version>\n    </dependency>\n' +
    '  </dependencies>\n';
  const added =
    '    <dependency>\n      <groupId>org.springframework.session</groupId>\n' +
    '      <artifactId>spring-session-data-redis</artifactId>\n      <version>1.3.5.RELEASE</version>\n' +
    '    </dependency>\n    <dependency>\n      <groupId>redis.clients</groupId>\n      <artifactId>jedis</artifactId>\n' +
    '      <version>2.9.0</version>\n    </dependency>\n';

  async function planned(pom: string) {
    const dir = makeTree({ 'pom.xml': pom, 'src/main/java/com/acme/Login.java': SESSION_WRITE });
    try {
      const options = { logs: 'volume' as const, sessionStore: 'spring-session' as const };
      const plan = await planFixes(dir, bundledRules(), options, ['session-store']);
      const change = plan.fixes[0].changes.find((c) => c.file === 'pom.xml');
      return { pom: change && new TextDecoder().decode(change.after), left: plan.fixes[0].outcome.left };
    } finally {
      removeTree(dir);
    }
  }

  it('after a <dependencyManagement>, not inside it', async () => {
    const r = await planned(pomWith(managed + own));
    expect(r.pom).toBe(pomWith(managed + own.replace('  </dependencies>\n', `${added}  </dependencies>\n`)));
  });

  it('a pom with no <dependencies> of its own says what to add', async () => {
    const r = await planned(pomWith(managed));
    expect(r.pom).toBeUndefined();
    expect(r.left).toContain(
      'pom.xml has no <dependencies> of its own: add org.springframework.session:spring-session-data-redis:' +
        '1.3.5.RELEASE and redis.clients:jedis:2.9.0 there',
    );
  });
});

describe('session-store: Spring Session only where the app’s Spring and Servlet API can run it', () => {
  const WEB_XML_24 =
    '<?xml version="1.0" encoding="UTF-8"?>\n<web-app version="2.4" xmlns="http://java.sun.com/xml/ns/j2ee">\n' +
    '  <display-name>forum</display-name>\n  <listener>\n' +
    '    <listener-class>org.springframework.web.context.ContextLoaderListener</listener-class>\n' +
    '  </listener>\n</web-app>\n';
  const MANAGER =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Context>\n' +
    '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
    '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
    '</Context>\n';
  const spring25 = {
    'WebRoot/WEB-INF/src/com/acme/Login.java': SESSION_WRITE,
    'WebRoot/WEB-INF/lib/spring.jar': 'jar',
    'WebRoot/WEB-INF/lib/struts.jar': 'jar',
    'WebRoot/WEB-INF/applicationContext.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n</beans>\n',
    'WebRoot/WEB-INF/web.xml': WEB_XML_24,
  };
  const after25 = {
    'WebRoot/META-INF/context.xml': MANAGER,
    'WebRoot/WEB-INF/web.xml': WEB_XML_24.replace('  <display-name>forum</display-name>\n', '$&  <distributable/>\n'),
    'paasport.yaml': redisSettings('WebRoot/META-INF/context.xml'),
  };

  it('Spring 2.5 (spring.jar in WEB-INF/lib), no build file: a Tomcat manager, not Spring Session', async () => {
    const [outcome] = await checkFix('session-store', { files: spring25, after: after25, left: [] });
    expect(outcome.message).toMatch(
      / Spring Session not used: Spring Session needs Spring 3\.2\.14 or later and the app ships Spring 2\.x\.$/,
    );
  });

  it('Spring Session asked for by name on Spring 2.5: a Tomcat manager, and why', async () => {
    await checkFix('session-store', {
      options: { sessionStore: 'spring-session' },
      files: spring25,
      after: after25,
      left: ['Spring Session not used: Spring Session needs Spring 3.2.14 or later and the app ships Spring 2.x'],
    });
  });

  it('Spring 5.3 with a 2.5 web.xml: the 2.x line; the app’s own jedis is kept, not doubled', async () => {
    const pom =
      '<project>\n  <artifactId>shop</artifactId>\n  <packaging>war</packaging>\n  <dependencies>\n' +
      '    <dependency>\n      <groupId>org.springframework</groupId>\n      <artifactId>spring-webmvc</artifactId>\n' +
      '      <version>5.3.31</version>\n    </dependency>\n    <dependency>\n      <groupId>redis.clients</groupId>\n' +
      '      <artifactId>jedis</artifactId>\n      <version>3.8.0</version>\n    </dependency>\n  </dependencies>\n' +
      '</project>\n';
    const dir = makeTree({
      'pom.xml': pom,
      'src/main/java/com/acme/Login.java': SESSION_WRITE,
      'src/main/webapp/WEB-INF/web.xml': WEB_XML_25,
      'src/main/resources/applicationContext.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n</beans>\n',
    });
    try {
      const plan = await planFixes(dir, bundledRules(), { logs: 'volume' }, ['session-store']);
      const change = plan.fixes[0].changes.find((c) => c.file === 'pom.xml');
      const written = new TextDecoder().decode(change!.after);
      expect(written).toBe(
        pom.replace(
          '  </dependencies>\n',
          '    <dependency>\n      <groupId>org.springframework.session</groupId>\n' +
            '      <artifactId>spring-session-data-redis</artifactId>\n      <version>2.7.4</version>\n' +
            '    </dependency>\n  </dependencies>\n',
        ),
      );
      expect(plan.fixes[0].outcome.left).toEqual([]);
      expect(plan.fixes[0].outcome.message).toContain('spring-session-data-redis 2.7.4 (the line for Spring 5.3.31)');
    } finally {
      removeTree(dir);
    }
  });

  it('Spring 3.1 with a Maven build: a Tomcat manager (Spring Session 1.3 needs Spring 3.2.14)', async () => {
    const pom =
      '<project>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency>\n' +
      '      <groupId>org.springframework</groupId>\n      <artifactId>spring-webmvc</artifactId>\n' +
      '      <version>3.1.4.RELEASE</version>\n    </dependency>\n  </dependencies>\n</project>\n';
    const dir = makeTree({
      'pom.xml': pom,
      'src/main/java/com/acme/Login.java': SESSION_WRITE,
      'src/main/webapp/WEB-INF/web.xml': WEB_XML_25,
    });
    try {
      const plan = await planFixes(dir, bundledRules(), { logs: 'volume' }, ['session-store']);
      expect(plan.fixes[0].changes.map((c) => c.file).sort()).toEqual([
        'paasport.yaml',
        'src/main/webapp/META-INF/context.xml',
        'src/main/webapp/WEB-INF/web.xml',
      ]);
    } finally {
      removeTree(dir);
    }
  });
});

describe('session-store: edits in the webapp’s own context.xml and a bundled Tomcat’s context files only', () => {
  const SERVER_WEB_XML =
    '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
    '  <servlet>\n    <servlet-name>default</servlet-name>\n' +
    '    <servlet-class>org.apache.catalina.servlets.DefaultServlet</servlet-class>\n  </servlet>\n</web-app>\n';
  const ROOT_XML = (manager: string) =>
    '<?xml version="1.0" encoding="GBK"?>\n<Context docBase="../website" reloadable="false">\n' +
    manager +
    '  <Resource name="jdbc/erp" type="javax.sql.DataSource"/>\n</Context>\n';

  it('a bundled Tomcat: its ROOT.xml PersistentManager replaced; its conf/web.xml and copies of web.xml untouched', async () => {
    const outcomes = await checkFix('session-store', {
      files: {
        'src/com/acme/Login.java': SESSION_WRITE,
        'src/config/web.xml': WEB_XML_25,
        'website/WEB-INF/web.xml': WEB_XML_25,
        'website/WEB-INF/classes/conf/web.xml': WEB_XML_25,
        'tomcat/bin/catalina.sh': '#!/bin/sh\n',
        'tomcat/conf/server.xml': '<Server port="8005">\n  <Service name="Catalina"/>\n</Server>\n',
        'tomcat/conf/web.xml': SERVER_WEB_XML,
        'tomcat/conf/Catalina/localhost/ROOT.xml': ROOT_XML(
          '  <Manager className="org.apache.catalina.session.PersistentManager" maxIdleBackup="1">\n' +
            '    <Store className="org.apache.catalina.session.FileStore" directory="D:/erp/sessions"/>\n' +
            '  </Manager>\n',
        ),
      },
      after: {
        'website/META-INF/context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<Context>\n' +
          '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
          '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
          '</Context>\n',
        'website/WEB-INF/web.xml': WEB_XML_25.replace(
          '  <display-name>shop</display-name>\n',
          '$&  <distributable/>\n',
        ),
        'tomcat/conf/Catalina/localhost/ROOT.xml': ROOT_XML(
          '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
            '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n',
        ),
        'paasport.yaml': redisSettings('website/META-INF/context.xml'),
      },
    });
    expect(outcomes[0].left).toEqual([]);
  });
});
