import { describe, expect, it } from 'vitest';
import { chooseEnvName, envName, isReservedEnv } from '../../refactors/edit/env-names.js';
import { planFixes } from '../../refactors/plan.js';
import { emptyRecord } from '../../refactors/record.js';
import { bundledRules, makeTree, removeTree } from '../helpers.js';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

/** The variables the fixes record for a tree. */
async function envNamesOf(files: Record<string, string>): Promise<string[]> {
  const dir = makeTree(files);
  try {
    const plan = await planFixes(dir, bundledRules(), { logs: 'volume' });
    const yaml = plan.fixes.flatMap((f) => f.changes).filter((c) => c.file === 'paasport.yaml');
    const text = Buffer.from(yaml[yaml.length - 1].after).toString('utf8');
    return [...text.matchAll(/^ {2}- name: (\S+)$/gm)].map((m) => m[1]);
  } finally {
    removeTree(dir);
  }
}

describe('environment names a fix gives a value', () => {
  it('the names of the OS, the JVM, Tomcat, Mesos, Marathon and paasport itself are reserved', () => {
    const reserved = [
      'PATH',
      'HOME',
      'HOSTNAME',
      'HOST',
      'PORT',
      'PORT0',
      'PORTS',
      'PORT_HTTP',
      'JAVA_HOME',
      'JAVA_OPTS',
      'CATALINA_OPTS',
      'CATALINA_BASE',
      'JPDA_ADDRESS',
      'MESOS_SANDBOX',
      'MARATHON_APP_ID',
      'LIBPROCESS_IP',
      'LOG_DIR',
      'TZ',
      'CLASSPATH',
      'REDIS_HOST',
    ];
    expect(reserved.filter((n) => !isReservedEnv(n))).toEqual([]);
    expect(['JDBC_URL', 'ORDER_DIR', 'MAIL_HOST', 'SERVER_PORT', 'UPLOAD_PATH'].filter(isReservedEnv)).toEqual([]);
  });

  it('envName never gives a reserved name or one that does not start with a letter', () => {
    expect([envName('path'), envName('host'), envName('port'), envName('java.home'), envName('2fa')]).toEqual([
      'APP_PATH',
      'APP_HOST',
      'APP_PORT',
      'APP_JAVA_HOME',
      'APP_2FA',
    ]);
  });

  it('generic or reserved names are qualified by their class, then their method; two values never share a name', () => {
    const record = emptyRecord();
    record.env.push({ name: 'JDBC_URL', secret: false, usedBy: [], default: 'jdbc:mysql://db1/orders' });
    const named = [{ name: 'DB_URL', value: 'jdbc:mysql://db3/crm' }];
    const choose = (parts: string[], value: string, qualifiers = [['Db'], ['Db', 'report']]) =>
      chooseEnvName(record, named, { parts, qualifiers, value });
    expect(choose(['PASSWORD'], 'x')).toBe('DB_PASSWORD');
    expect(choose(['STR'], 'x')).toBe('DB_STR');
    expect(choose(['PATH'], '/data/x')).toBe('DB_PATH');
    expect(choose(['JDBC_URL'], 'jdbc:mysql://db1/orders')).toBe('JDBC_URL');
    expect(choose(['JDBC_URL'], 'jdbc:mysql://db2/report')).toBe('DB_JDBC_URL');
    expect(choose(['URL'], 'jdbc:mysql://db3/crm')).toBe('DB_URL');
    expect(choose(['URL'], 'http://10.1.2.9/report')).toBe('DB_REPORT_URL');
    expect(choose(['URL'], 'http://10.1.2.9/other', [['Db']])).toBe('DB_URL_2');
    expect(choose(['HOME'], '/x', [['Java']])).toBe('APP_JAVA_HOME');
  });

  it('Java fields named PATH, HOST, PASSWORD and two JDBC_URLs of two databases get names of their own', async () => {
    await checkFix(['externalize-config', 'local-files'], {
      files: {
        'src/com/acme/mail/Mailer.java':
          'package com.acme.mail;\n\npublic class Mailer {\n    static final String HOST = "192.168.2.210";\n' +
          '    static final String PASSWORD = "Mail#2016";\n    static final String PATH = "/data/mail/spool";\n}\n',
        'src/com/acme/order/OrderDao.java':
          'package com.acme.order;\n\npublic class OrderDao {\n' +
          '    static final String JDBC_URL = "jdbc:mysql://10.1.2.3:3306/orders";\n}\n',
        'src/com/acme/report/ReportDao.java':
          'package com.acme.report;\n\npublic class ReportDao {\n' +
          '    static final String JDBC_URL = "jdbc:mysql://10.1.2.4:3306/report";\n}\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'MAILER_HOST=192.168.2.210\n' +
          'MAILER_PASSWORD=Mail#2016\n' +
          'JDBC_URL=jdbc:mysql://10.1.2.3:3306/orders\n' +
          'REPORT_DAO_JDBC_URL=jdbc:mysql://10.1.2.4:3306/report\n' +
          'MAILER_PATH=/data/mail/spool\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: MAILER_HOST\n    secret: false\n    usedBy:\n      - src/com/acme/mail/Mailer.java\n' +
          '    default: 192.168.2.210\n' +
          '  - name: MAILER_PASSWORD\n    secret: true\n    usedBy:\n      - src/com/acme/mail/Mailer.java\n' +
          '  - name: JDBC_URL\n    secret: false\n    usedBy:\n      - src/com/acme/order/OrderDao.java\n' +
          '    default: jdbc:mysql://10.1.2.3:3306/orders\n' +
          '  - name: REPORT_DAO_JDBC_URL\n    secret: false\n    usedBy:\n      - src/com/acme/report/ReportDao.java\n' +
          '    default: jdbc:mysql://10.1.2.4:3306/report\n' +
          '  - name: MAILER_PATH\n    secret: false\n    usedBy:\n      - src/com/acme/mail/Mailer.java\n' +
          '    default: /data/mail/spool\n' +
          'volumes:\n' +
          '  - env: MAILER_PATH\n    defaultPath: /data/mail/spool\n    usedBy:\n      - src/com/acme/mail/Mailer.java\n' +
          'javaSystemProperties: {}\n',
        'src/com/acme/AppEnv.java': APP_ENV_JAVA,
        'src/com/acme/mail/Mailer.java':
          'package com.acme.mail;\n\npublic class Mailer {\n' +
          '    static final String HOST = com.acme.AppEnv.get("MAILER_HOST", "192.168.2.210");\n' +
          '    static final String PASSWORD = com.acme.AppEnv.get("MAILER_PASSWORD");\n' +
          '    static final String PATH = com.acme.AppEnv.get("MAILER_PATH", "/data/mail/spool");\n}\n',
        'src/com/acme/order/OrderDao.java':
          'package com.acme.order;\n\npublic class OrderDao {\n' +
          '    static final String JDBC_URL = com.acme.AppEnv.get("JDBC_URL", "jdbc:mysql://10.1.2.3:3306/orders");\n}\n',
        'src/com/acme/report/ReportDao.java':
          'package com.acme.report;\n\npublic class ReportDao {\n' +
          '    static final String JDBC_URL = com.acme.AppEnv.get("REPORT_DAO_JDBC_URL", ' +
          '"jdbc:mysql://10.1.2.4:3306/report");\n}\n',
      },
    });
  });

  it('properties, Spring and Tomcat XML: no reserved or bare generic names, two databases in two variables', async () => {
    const names = await envNamesOf({
      'WEB-INF/applicationContext.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<beans xmlns="http://www.springframework.org/schema/beans"' +
        ' xmlns:context="http://www.springframework.org/schema/context">\n  <context:property-placeholder ' +
        'location="classpath:app.properties,classpath:jdbc.properties,classpath:report.properties"/>\n</beans>\n',
      'src/app.properties': 'host=10.0.0.5\nport=2121\npassword=Secr3t!\n',
      'src/jdbc.properties': 'jdbc.url=jdbc:mysql://10.1.2.3:3306/orders\n',
      'src/report.properties': 'jdbc.url=jdbc:mysql://10.1.2.4:3306/report\n',
      'META-INF/context.xml':
        '<Context>\n  <Environment name="path" type="java.lang.String" value="10.1.1.9"/>\n</Context>\n',
    });
    expect(names).toEqual([
      'CONTEXT_PATH_VALUE',
      'APP_HOST',
      'APP_PORT',
      'APP_PASSWORD',
      'JDBC_URL',
      'REPORT_JDBC_URL',
    ]);
  });
});
