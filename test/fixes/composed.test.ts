import { describe, it } from 'vitest';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

describe('fixes that edit the same file', () => {
  it('the Resource a finding points at is found after the session store rewrote the lines above it', async () => {
    await checkFix(['session-store', 'externalize-config'], {
      files: {
        'src/com/acme/Login.java':
          'package com.acme;\nimport javax.servlet.http.HttpSession;\n' +
          'public class Login { void f(HttpSession s) { s.setAttribute("user", "u"); } }\n',
        'WebContent/WEB-INF/web.xml':
          '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n  <display-name>shop</display-name>\n</web-app>\n',
        'WebContent/META-INF/context.xml':
          '<Context>\n  <Manager className="org.apache.catalina.session.PersistentManager" saveOnRestart="true">\n' +
          '    <Store className="org.apache.catalina.session.FileStore" directory="sessions"/>\n' +
          '    <!-- three lines that go -->\n  </Manager>\n' +
          '  <Resource name="jdbc/shop" type="javax.sql.DataSource" url="jdbc:mysql://10.1.1.5:3306/shop" password="S3cret"/>\n' +
          '</Context>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_SHOP_PASSWORD=S3cret\n' +
          'JDBC_SHOP_URL=jdbc:mysql://10.1.1.5:3306/shop\n',
        'WebContent/META-INF/context.xml':
          '<Context>\n' +
          '  <Manager className="org.redisson.tomcat.RedissonSessionManager"\n' +
          '           configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>\n' +
          '  <Resource name="jdbc/shop" type="javax.sql.DataSource" url="${jdbc.shop.url}" password="${jdbc.shop.password}"/>\n' +
          '</Context>\n',
        'WebContent/WEB-INF/web.xml':
          '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">\n' +
          '  <display-name>shop</display-name>\n' +
          '  <distributable/>\n' +
          '</web-app>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: REDIS_HOST\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '  - name: REDIS_PORT\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '  - name: REDIS_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '  - name: JDBC_SHOP_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '  - name: JDBC_SHOP_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '    default: jdbc:mysql://10.1.1.5:3306/shop\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  jdbc.shop.password: ${JDBC_SHOP_PASSWORD}\n' +
          '  jdbc.shop.url: ${JDBC_SHOP_URL}\n' +
          'sessionStore:\n' +
          '  type: redis\n' +
          '  manager: org.redisson.tomcat.RedissonSessionManager\n' +
          '  jars:\n' +
          '    - org.redisson:redisson-all:3.27.2\n' +
          '    - org.redisson:redisson-tomcat-9:3.27.2\n' +
          '  env:\n' +
          '    - REDIS_HOST\n' +
          '    - REDIS_PORT\n' +
          '    - REDIS_PASSWORD\n',
      },
    });
  });

  it('log paths the logs fix moved are not local files any more', async () => {
    await checkFix(['logs', 'local-files'], {
      files: {
        'src/main/resources/log4j.properties':
          'log4j.rootLogger=INFO, file\nlog4j.appender.file=org.apache.log4j.FileAppender\n' +
          'log4j.appender.file.File=/var/log/crm/crm.log\n',
        'src/com/acme/Archive.java':
          'package com.acme;\npublic class Archive {\n    static final String DIR = "/data/crm/archive";\n}\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'ARCHIVE_DIR=/data/crm/archive\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: ARCHIVE_DIR\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/Archive.java\n' +
          '    default: /data/crm/archive\n' +
          'volumes:\n' +
          '  - env: ARCHIVE_DIR\n' +
          '    defaultPath: /data/crm/archive\n' +
          '    usedBy:\n' +
          '      - src/com/acme/Archive.java\n' +
          'javaSystemProperties:\n' +
          '  LOG_DIR: ${LOG_DIR:-/logs}\n' +
          '  HOST: ${HOST:-$(hostname)}\n' +
          'logs:\n' +
          '  mode: volume\n' +
          '  dir: /logs\n',
        'src/com/acme/AppEnv.java': APP_ENV_JAVA,
        'src/com/acme/Archive.java':
          'package com.acme;\n' +
          'public class Archive {\n' +
          '    static final String DIR = com.acme.AppEnv.get("ARCHIVE_DIR", "/data/crm/archive");\n' +
          '}\n',
        'src/main/resources/log4j.properties':
          'log4j.rootLogger=INFO, file\n' +
          'log4j.appender.file=org.apache.log4j.FileAppender\n' +
          'log4j.appender.file.File=${LOG_DIR}/${HOST}/crm.log\n',
      },
    });
  });
});
