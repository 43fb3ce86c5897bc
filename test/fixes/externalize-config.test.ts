import { describe, it } from 'vitest';
import { jarWithManifest } from '../helpers.js';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

const PLACEHOLDER_CONTEXT =
  '<?xml version="1.0" encoding="UTF-8"?>\n<beans xmlns="http://www.springframework.org/schema/beans"\n' +
  '       xmlns:context="http://www.springframework.org/schema/context">\n' +
  '  <context:property-placeholder location="classpath:jdbc.properties"/>\n</beans>\n';

describe('externalize-config: values read from the environment', () => {
  it('.properties read by Spring: placeholders with defaults, secrets without; a value on several lines is left', async () => {
    await checkFix('externalize-config', {
      files: {
        'src/main/resources/applicationContext.xml': PLACEHOLDER_CONTEXT,
        'src/main/resources/jdbc.properties':
          '# database\njdbc.url=jdbc:mysql://10.1.2.3:3306/crm?useUnicode=true\njdbc.username=crm\n' +
          'jdbc.password = Crm@2015!\n#jdbc.url=jdbc:mysql://192.168.10.20:3306/crm\nmail.host: smtp.acme-corp.com\n' +
          'report.url=http://10.1.2.9/report,\\\n    http://10.1.2.10/report\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_URL=jdbc:mysql://10.1.2.3:3306/crm?useUnicode=true\n' +
          'JDBC_PASSWORD=Crm@2015!\n' +
          'MAIL_HOST=smtp.acme-corp.com\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: JDBC_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          '    default: jdbc:mysql://10.1.2.3:3306/crm?useUnicode=true\n' +
          '  - name: JDBC_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          '  - name: MAIL_HOST\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          '    default: smtp.acme-corp.com\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
        'src/main/resources/jdbc.properties':
          '# database\n' +
          'jdbc.url=${JDBC_URL:jdbc:mysql://10.1.2.3:3306/crm?useUnicode=true}\n' +
          'jdbc.username=crm\n' +
          'jdbc.password = ${JDBC_PASSWORD}\n' +
          '#jdbc.url=jdbc:mysql://192.168.10.20:3306/crm\n' +
          'mail.host: ${MAIL_HOST:smtp.acme-corp.com}\n' +
          'report.url=http://10.1.2.9/report,\\\n' +
          '    http://10.1.2.10/report\n',
      },
      left: ['src/main/resources/jdbc.properties:7: report.url spans several lines: move it to ${REPORT_URL} by hand'],
    });
  });

  it('a value holding `}` cannot be a Spring default: ${NAME}, its value in the env, and a word for a person', async () => {
    await checkFix('externalize-config', {
      files: {
        'src/main/resources/applicationContext.xml': PLACEHOLDER_CONTEXT,
        'src/main/resources/jdbc.properties': 'report.url=http://10.1.2.9:8080/report/{id}\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'REPORT_URL=http://10.1.2.9:8080/report/{id}\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: REPORT_URL\n    secret: false\n    usedBy:\n      - src/main/resources/jdbc.properties\n' +
          '    default: http://10.1.2.9:8080/report/{id}\nvolumes: []\njavaSystemProperties: {}\n',
        'src/main/resources/jdbc.properties': 'report.url=${REPORT_URL}\n',
      },
      left: [
        'src/main/resources/jdbc.properties:1: this value holds `}` or `${`, which a Spring placeholder cannot hold, nor a shell default: set REPORT_URL wherever the app runs',
      ],
    });
  });

  it('a UTF-8 .properties file with a BOM and CRLF keeps both', async () => {
    await checkFix('externalize-config', {
      files: {
        'src/main/resources/applicationContext.xml': PLACEHOLDER_CONTEXT,
        'src/main/resources/jdbc.properties':
          '\ufeff# Datenbank für die Kunden\r\njdbc.url=jdbc:oracle:thin:@10.1.2.3:1521:crm\r\njdbc.password=Geheim1\r\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_URL=jdbc:oracle:thin:@10.1.2.3:1521:crm\n' +
          'JDBC_PASSWORD=Geheim1\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: JDBC_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          '    default: jdbc:oracle:thin:@10.1.2.3:1521:crm\n' +
          '  - name: JDBC_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
        'src/main/resources/jdbc.properties':
          '\ufeff# Datenbank für die Kunden\r\n' +
          'jdbc.url=${JDBC_URL:jdbc:oracle:thin:@10.1.2.3:1521:crm}\r\n' +
          'jdbc.password=${JDBC_PASSWORD}\r\n',
      },
    });
  });

  it('servers on localhost: a JDBC URL and a mail host read from the environment; a YAML file is left for a person', async () => {
    await checkFix('externalize-config', {
      files: {
        'src/main/resources/applicationContext.xml': PLACEHOLDER_CONTEXT,
        'src/main/resources/jdbc.properties': 'jdbc.url=jdbc:mysql://localhost:3306/crm\nmail.smtp.host=localhost\n',
        'src/main/resources/application.yml': 'spring:\n  datasource:\n    url: jdbc:mysql://127.0.0.1:3306/ry\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_URL=jdbc:mysql://localhost:3306/crm\n' +
          'MAIL_SMTP_HOST=localhost\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: JDBC_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          '    default: jdbc:mysql://localhost:3306/crm\n' +
          '  - name: MAIL_SMTP_HOST\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/main/resources/jdbc.properties\n' +
          '    default: localhost\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
        'src/main/resources/jdbc.properties':
          'jdbc.url=${JDBC_URL:jdbc:mysql://localhost:3306/crm}\nmail.smtp.host=${MAIL_SMTP_HOST:localhost}\n',
      },
      left: [
        'src/main/resources/application.yml: 1 hard-coded value(s) (loopback-endpoint) that paasport does not rewrite in this kind of file',
      ],
    });
  });

  it('.properties the code reads itself are left for a person', async () => {
    await checkFix('externalize-config', {
      files: { 'src/main/resources/db.properties': 'db.url=jdbc:mysql://10.1.2.3/crm\ndb.password=Sa12345\n' },
      after: {},
      left: [
        "src/main/resources/db.properties: read by the application's own code, not by Spring: read db.url, db.password from the environment by hand",
      ],
    });
  });

  it('Spring XML: property values named after their bean; a placeholder configurer is added', async () => {
    await checkFix('externalize-config', {
      files: {
        'WEB-INF/applicationContext.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n  <bean id="dataSource" class="org.apache.commons.dbcp.BasicDataSource">\n' +
          '    <property name="url" value="jdbc:mysql://10.1.2.3:3306/crm"/>\n' +
          '    <property name="password" value="Sa12345"/>\n  </bean>\n' +
          '  <bean id="reportDao" class="com.acme.ReportDao">\n' +
          '    <constructor-arg value="jdbc:mysql://10.1.2.4:3306/report"/>\n  </bean>\n</beans>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'DATA_SOURCE_URL=jdbc:mysql://10.1.2.3:3306/crm\n' +
          'DATA_SOURCE_PASSWORD=Sa12345\n',
        'WEB-INF/applicationContext.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<beans>\n' +
          '  <bean id="dataSource" class="org.apache.commons.dbcp.BasicDataSource">\n' +
          '    <property name="url" value="${DATA_SOURCE_URL:jdbc:mysql://10.1.2.3:3306/crm}"/>\n' +
          '    <property name="password" value="${DATA_SOURCE_PASSWORD}"/>\n' +
          '  </bean>\n' +
          '  <bean id="reportDao" class="com.acme.ReportDao">\n' +
          '    <constructor-arg value="jdbc:mysql://10.1.2.4:3306/report"/>\n' +
          '  </bean>\n' +
          '  <bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>\n' +
          '</beans>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: DATA_SOURCE_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WEB-INF/applicationContext.xml\n' +
          '    default: jdbc:mysql://10.1.2.3:3306/crm\n' +
          '  - name: DATA_SOURCE_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - WEB-INF/applicationContext.xml\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
      },
      left: ['WEB-INF/applicationContext.xml:8: hard-coded jdbc url: move it to the environment by hand'],
    });
  });

  it("Tomcat's context.xml and server.xml: ${properties} that setenv.sh sets from the environment", async () => {
    await checkFix('externalize-config', {
      files: {
        'WebContent/WEB-INF/web.xml': '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5"/>\n',
        'WebContent/META-INF/context.xml':
          '<Context>\n  <Resource name="jdbc/shop" auth="Container" type="javax.sql.DataSource"\n' +
          '            url="jdbc:mysql://10.1.1.5:3306/shop" username="shop" password="S3cret"/>\n' +
          '  <Environment name="mailHost" type="java.lang.String" value="10.1.1.9"/>\n</Context>\n',
        'conf/server.xml':
          '<Server port="8005">\n  <Service name="Catalina">\n' +
          '    <Connector port="8080" address="10.1.1.7" protocol="HTTP/1.1"/>\n  </Service>\n</Server>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_SHOP_PASSWORD=S3cret\n' +
          'JDBC_SHOP_URL=jdbc:mysql://10.1.1.5:3306/shop\n' +
          'MAIL_HOST_VALUE=10.1.1.9\n' +
          'CONNECTOR_ADDRESS=10.1.1.7\n',
        'WebContent/META-INF/context.xml':
          '<Context>\n' +
          '  <Resource name="jdbc/shop" auth="Container" type="javax.sql.DataSource"\n' +
          '            url="${jdbc.shop.url}" username="shop" password="${jdbc.shop.password}"/>\n' +
          '  <Environment name="mailHost" type="java.lang.String" value="${mail.host.value}"/>\n' +
          '</Context>\n',
        'conf/server.xml':
          '<Server port="8005">\n' +
          '  <Service name="Catalina">\n' +
          '    <Connector port="8080" address="${connector.address}" protocol="HTTP/1.1"/>\n' +
          '  </Service>\n' +
          '</Server>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: JDBC_SHOP_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '  - name: JDBC_SHOP_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '    default: jdbc:mysql://10.1.1.5:3306/shop\n' +
          '  - name: MAIL_HOST_VALUE\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebContent/META-INF/context.xml\n' +
          '    default: 10.1.1.9\n' +
          '  - name: CONNECTOR_ADDRESS\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - conf/server.xml\n' +
          '    default: 10.1.1.7\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  jdbc.shop.password: ${JDBC_SHOP_PASSWORD}\n' +
          '  jdbc.shop.url: ${JDBC_SHOP_URL}\n' +
          '  mail.host.value: ${MAIL_HOST_VALUE}\n' +
          '  connector.address: ${CONNECTOR_ADDRESS}\n',
      },
    });
  });

  it('a JDBC URL with &amp; in context.xml: the decoded URL is the default, the attribute a placeholder', async () => {
    await checkFix('externalize-config', {
      files: {
        'META-INF/context.xml':
          '<Context>\n  <Resource name="jdbc/shop" ' +
          'url="jdbc:mysql://10.1.1.5:3306/shop?useUnicode=true&amp;characterEncoding=UTF-8"/>\n</Context>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_SHOP_URL=jdbc:mysql://10.1.1.5:3306/shop?useUnicode=true&characterEncoding=UTF-8\n',
        'META-INF/context.xml': '<Context>\n  <Resource name="jdbc/shop" url="${jdbc.shop.url}"/>\n</Context>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: JDBC_SHOP_URL\n    secret: false\n    usedBy:\n      - META-INF/context.xml\n' +
          '    default: jdbc:mysql://10.1.1.5:3306/shop?useUnicode=true&characterEncoding=UTF-8\n' +
          'volumes: []\njavaSystemProperties:\n  jdbc.shop.url: ${JDBC_SHOP_URL}\n',
      },
    });
  });

  it('a password equal to another attribute of its element is the one taken out', async () => {
    await checkFix('externalize-config', {
      files: {
        'META-INF/context.xml':
          '<Context>\n  <Resource name="jdbc/a" maxActive="100" username="app" password="100"/>\n</Context>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\nJDBC_A_PASSWORD=100\n',
        'META-INF/context.xml':
          '<Context>\n  <Resource name="jdbc/a" maxActive="100" username="app" password="${jdbc.a.password}"/>\n' +
          '</Context>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: JDBC_A_PASSWORD\n    secret: true\n    usedBy:\n      - META-INF/context.xml\n' +
          'volumes: []\njavaSystemProperties:\n  jdbc.a.password: ${JDBC_A_PASSWORD}\n',
      },
    });
  });

  it('Java: literals become AppEnv.get(...), named after their field, or their class and kind; generic names qualified', async () => {
    // the finding on PORT points at an int field: no literal there, and the URL that happens to hold 8080 is
    // named by its own finding, not taken for the port
    await checkFix('externalize-config', {
      files: {
        'src/com/acme/db/Db.java':
          'package com.acme.db;\n\nimport java.sql.Connection;\nimport java.sql.DriverManager;\n\npublic class Db {\n' +
          '    private static final String URL = "jdbc:mysql://10.1.2.3:3306/crm";\n' +
          '    private static final String ADMIN_PASSWORD = "Adm1n#2016";\n    static final int PORT = 8080;\n\n' +
          '    Connection open() throws Exception {\n' +
          '        return DriverManager.getConnection(URL, "sa", "Sa12345");\n    }\n\n' +
          '    String report() {\n        return "http://10.1.2.9:8080/report";\n    }\n}\n',
        'src/com/acme/web/Home.java': 'package com.acme.web;\n\npublic class Home {\n}\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'DB_URL=jdbc:mysql://10.1.2.3:3306/crm\n' +
          'ADMIN_PASSWORD=Adm1n#2016\n' +
          'DB_PASSWORD=Sa12345\n' +
          'DB_REPORT_URL=http://10.1.2.9:8080/report\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: DB_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/db/Db.java\n' +
          '    default: jdbc:mysql://10.1.2.3:3306/crm\n' +
          '  - name: ADMIN_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - src/com/acme/db/Db.java\n' +
          '  - name: DB_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - src/com/acme/db/Db.java\n' +
          '  - name: DB_REPORT_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/db/Db.java\n' +
          '    default: http://10.1.2.9:8080/report\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
        'src/com/acme/AppEnv.java': APP_ENV_JAVA,
        'src/com/acme/db/Db.java':
          'package com.acme.db;\n' +
          '\n' +
          'import java.sql.Connection;\n' +
          'import java.sql.DriverManager;\n' +
          '\n' +
          'public class Db {\n' +
          '    private static final String URL = com.acme.AppEnv.get("DB_URL", "jdbc:mysql://10.1.2.3:3306/crm");\n' +
          '    private static final String ADMIN_PASSWORD = com.acme.AppEnv.get("ADMIN_PASSWORD");\n' +
          '    static final int PORT = 8080;\n' +
          '\n' +
          '    Connection open() throws Exception {\n' +
          '        return DriverManager.getConnection(URL, "sa", com.acme.AppEnv.get("DB_PASSWORD"));\n' +
          '    }\n' +
          '\n' +
          '    String report() {\n' +
          '        return com.acme.AppEnv.get("DB_REPORT_URL", "http://10.1.2.9:8080/report");\n' +
          '    }\n' +
          '}\n',
      },
    });
  });
});

// a Spring context with a host in it, and the env file the fix writes for it
const MAIL_CONTEXT =
  '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
  '  <bean id="mail" class="org.springframework.mail.javamail.JavaMailSenderImpl">\n' +
  '    <property name="host" value="192.168.2.210"/>\n  </bean>\n</beans>\n';
const MAIL_ENV_FILE =
  '# Values taken out of the sources by paasport fix. Never commit this file.\nMAIL_HOST=192.168.2.210\n';

describe('externalize-config: placeholders the app’s own Spring can read', () => {
  const context =
    '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
    '  <bean id="props" class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer">\n' +
    '    <property name="location" value="classpath:jdbc.properties"/>\n  </bean>\n</beans>\n';

  it('Spring 2.5 (spring.jar): ${NAME}, the default a system property; no second configurer in the context', async () => {
    await checkFix('externalize-config', {
      files: {
        'WebRoot/WEB-INF/lib/spring.jar': 'jar',
        'WebRoot/WEB-INF/applicationContext.xml': context,
        'src/jdbc.properties':
          'jdbc.url=jdbc:mysql://10.1.2.3:3306/forum?useUnicode=true&characterEncoding=utf8\njdbc.password=Forum2008\n',
        'WebRoot/WEB-INF/mail-context.xml': MAIL_CONTEXT,
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'MAIL_HOST=192.168.2.210\n' +
          'JDBC_URL=jdbc:mysql://10.1.2.3:3306/forum?useUnicode=true&characterEncoding=utf8\n' +
          'JDBC_PASSWORD=Forum2008\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: MAIL_HOST\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - WebRoot/WEB-INF/mail-context.xml\n' +
          '    default: 192.168.2.210\n' +
          '  - name: JDBC_URL\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/jdbc.properties\n' +
          '    default: jdbc:mysql://10.1.2.3:3306/forum?useUnicode=true&characterEncoding=utf8\n' +
          '  - name: JDBC_PASSWORD\n' +
          '    secret: true\n' +
          '    usedBy:\n' +
          '      - src/jdbc.properties\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  MAIL_HOST: ${MAIL_HOST:-192.168.2.210}\n' +
          '  JDBC_URL: ${JDBC_URL:-jdbc:mysql://10.1.2.3:3306/forum?useUnicode=true&characterEncoding=utf8}\n',
        'src/jdbc.properties': 'jdbc.url=${JDBC_URL}\njdbc.password=${JDBC_PASSWORD}\n',
        'WebRoot/WEB-INF/mail-context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
          '  <bean id="mail" class="org.springframework.mail.javamail.JavaMailSenderImpl">\n' +
          '    <property name="host" value="${MAIL_HOST}"/>\n  </bean>\n</beans>\n',
      },
      left: [],
    });
  });

  it('spring-core.jar with no version in its name: the manifest says 2.5.6, so ${NAME} and a system property', async () => {
    await checkFix('externalize-config', {
      files: {
        'WebRoot/WEB-INF/lib/spring-core.jar': jarWithManifest('Implementation-Version: 2.5.6\n'),
        'WebRoot/WEB-INF/mail-context.xml': MAIL_CONTEXT,
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env': MAIL_ENV_FILE,
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: MAIL_HOST\n    secret: false\n    usedBy:\n      - WebRoot/WEB-INF/mail-context.xml\n' +
          '    default: 192.168.2.210\nvolumes: []\njavaSystemProperties:\n  MAIL_HOST: ${MAIL_HOST:-192.168.2.210}\n',
        'WebRoot/WEB-INF/mail-context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
          '  <bean id="mail" class="org.springframework.mail.javamail.JavaMailSenderImpl">\n' +
          '    <property name="host" value="${MAIL_HOST}"/>\n' +
          '  </bean>\n' +
          '  <bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>\n' +
          '</beans>\n',
      },
      left: [],
    });
  });

  it('Spring 3.0: ${NAME:default}, and the configurer Spring 3.0 has (no PropertySourcesPlaceholderConfigurer)', async () => {
    await checkFix('externalize-config', {
      files: {
        'WebRoot/WEB-INF/lib/org.springframework.core-3.0.5.RELEASE.jar': 'jar',
        'WebRoot/WEB-INF/mail-context.xml': MAIL_CONTEXT,
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env': MAIL_ENV_FILE,
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: MAIL_HOST\n    secret: false\n    usedBy:\n      - WebRoot/WEB-INF/mail-context.xml\n' +
          '    default: 192.168.2.210\nvolumes: []\njavaSystemProperties: {}\n',
        'WebRoot/WEB-INF/mail-context.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
          '  <bean id="mail" class="org.springframework.mail.javamail.JavaMailSenderImpl">\n' +
          '    <property name="host" value="${MAIL_HOST:192.168.2.210}"/>\n  </bean>\n' +
          '  <bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>\n</beans>\n',
      },
      left: [],
    });
  });
});
