import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeTree, removeTree } from './helpers.js';

/**
 * One distinct secret of every credential form paasport knows, planted in a small app: no report, no committed file
 * of the fix branch, no paasport.yaml and no generated file may hold one; only the git-ignored .paasport.env does.
 */
const EXTERNALIZED = {
  propertiesPassword: 'PlantPropPw1',
  awsSecretAccessKey: 'PlantAwsKey1',
  awsSecretKey: 'PlantAwsKey2',
  secretKey: 'PlantSecretKey3',
  ldapUserPass: 'PlantLdapPw',
  jdbcQueryPassword: 'PlantQueryPw',
  jdbcSemicolonPassword: 'PlantSemiPw',
  jdbcUserPass: 'PlantUserInfoPw',
  oraclePassword: 'PlantOraclePw',
  log4jSmtpPassword: 'PlantSmtpPw1',
  log4jXmlSmtpPassword: 'PlantSmtpPw2',
  contextXmlUrlPassword: 'PlantContextUrlPw',
  tomcatEnvironmentSecret: 'PlantEnvSecret',
  javaConstant: 'PlantJavaPw',
};

// Forms fix does not rewrite: assess finds and masks them, fix names them for a person and leaves them. This app is
// not Spring Boot, so nothing resolves ${...} in its application.yml (fix rewrites Spring Boot's); Tomcat resolves
// no ${...} in web.xml, so a <context-param> cannot read the environment there.
const LEFT_IN_SOURCES = { springYamlPassword: 'PlantYamlPw', webXmlContextParam: 'PlantWebXmlPw' };

const ALL = [...Object.values(EXTERNALIZED), ...Object.values(LEFT_IN_SOURCES)];

const APP: Record<string, string> = {
  'pom.xml':
    '<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>' +
    '<version>1.0</version><packaging>war</packaging>\n<dependencies><dependency><groupId>org.springframework' +
    '</groupId><artifactId>spring-context</artifactId><version>4.3.0.RELEASE</version></dependency></dependencies>' +
    '</project>\n',
  'src/main/resources/applicationContext.xml':
    '<beans xmlns="http://www.springframework.org/schema/beans" ' +
    'xmlns:context="http://www.springframework.org/schema/context">\n' +
    '  <context:property-placeholder location="classpath:jdbc.properties"/>\n</beans>\n',
  'src/main/resources/jdbc.properties':
    `jdbc.password=${EXTERNALIZED.propertiesPassword}\n` +
    `aws.secretAccessKey=${EXTERNALIZED.awsSecretAccessKey}\n` +
    `aws.secret.key=${EXTERNALIZED.awsSecretKey}\n` +
    `storage.secretKey=${EXTERNALIZED.secretKey}\n` +
    `ldap.url=ldap://cn=admin:${EXTERNALIZED.ldapUserPass}@ldap.example.com:389\n` +
    `db.query.url=jdbc:mysql://db.example.com:3306/app?user=a&password=${EXTERNALIZED.jdbcQueryPassword}\n` +
    `db.semi.url=jdbc:sqlserver://db.example.com:1433;databaseName=x;password=${EXTERNALIZED.jdbcSemicolonPassword};\n` +
    `db.userinfo.url=jdbc:postgresql://u:${EXTERNALIZED.jdbcUserPass}@db.example.com/app\n` +
    `db.oracle.url=jdbc:oracle:thin:scott/${EXTERNALIZED.oraclePassword}@db.example.com:1521:orcl\n`,
  'src/main/resources/log4j.properties':
    'log4j.rootLogger=INFO, mail\nlog4j.appender.mail=org.apache.log4j.net.SMTPAppender\n' +
    `log4j.appender.mail.SMTPPassword=${EXTERNALIZED.log4jSmtpPassword}\n`,
  'src/main/resources/log4j.xml':
    '<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">\n' +
    '  <appender name="alert" class="org.apache.log4j.net.SMTPAppender">\n' +
    `    <param name="SMTPPassword" value="${EXTERNALIZED.log4jXmlSmtpPassword}"/>\n` +
    '  </appender>\n</log4j:configuration>\n',
  'src/main/resources/application.yml': `spring:\n  datasource:\n    password: ${LEFT_IN_SOURCES.springYamlPassword}\n`,
  'src/main/webapp/META-INF/context.xml':
    '<Context>\n  <Resource name="jdbc/app" type="javax.sql.DataSource" ' +
    `url="jdbc:mysql://db.example.com:3306/app?user=a&amp;password=${EXTERNALIZED.contextXmlUrlPassword}"/>\n` +
    `  <Environment name="apiSecret" value="${EXTERNALIZED.tomcatEnvironmentSecret}" type="java.lang.String"/>\n` +
    '</Context>\n',
  'src/main/webapp/WEB-INF/web.xml':
    '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="3.0">\n  <context-param>\n' +
    `    <param-name>mailPassword</param-name>\n    <param-value>${LEFT_IN_SOURCES.webXmlContextParam}</param-value>\n` +
    '  </context-param>\n</web-app>\n',
  'src/main/java/app/Conf.java': `package app;\npublic class Conf {\n  static final String DB_PASSWORD = "${EXTERNALIZED.javaConstant}";\n}\n`,
};

interface Finding {
  file: string;
  line: number;
}

/** file:line of the line of the app that holds a secret. */
function plantedAt(secret: string): string {
  const [file, text] = Object.entries(APP).find(([, t]) => t.includes(secret))!;
  return `${file}:${text.slice(0, text.indexOf(secret)).split('\n').length}`;
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir }).toString();

function paasport(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** The planted secrets found in a text. */
const leaked = (text: string, secrets = ALL) => secrets.filter((s) => text.includes(s));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('planted secrets of every form never leave .paasport.env', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTree(APP);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'app');
  });
  afterAll(() => removeTree(dir));

  const formats = ['text', 'json', 'html', 'sarif', 'md', 'csv'];
  for (const lang of ['en', 'zh-CN'])
    it(`assess in every format (${lang}) finds the credentials and shows none of them`, () => {
      for (const format of formats) {
        const r = paasport(dir, 'assess', '.', '-q', '--format', format, '--lang', lang);
        expect(r.status, r.out).toBe(0);
        expect(leaked(r.out), `${format} ${lang}`).toEqual([]);
        if (format === 'json') {
          // each secret's line is a finding, so the masking above was put to work
          const report = JSON.parse(r.out) as { apps?: { findings: Finding[] }[]; findings?: Finding[] };
          const found = new Set(
            (report.apps ?? [report]).flatMap((a) => a.findings ?? []).map((f) => `${f.file}:${f.line}`),
          );
          expect(ALL.map(plantedAt).filter((at) => !found.has(at))).toEqual([]);
        }
      }
    });

  it('fix takes every externalizable secret out of the committed sources and paasport.yaml', () => {
    const r = paasport(dir, 'fix', '.');
    expect(r.status, r.out).toBe(0);
    expect(leaked(r.out)).toEqual([]);
    // the files fix leaves are named for a person
    expect(r.out).toContain('src/main/resources/application.yml');
    expect(r.out).toContain('src/main/webapp/WEB-INF/web.xml');

    const branch = 'paasport/stateless';
    const committed = git(dir, 'ls-tree', '-r', '--name-only', branch).trim().split('\n');
    expect(committed).toContain('paasport.yaml');
    expect(committed).not.toContain('.paasport.env');
    const leaks: string[] = [];
    for (const file of committed)
      for (const s of leaked(git(dir, 'show', `${branch}:${file}`), Object.values(EXTERNALIZED)))
        leaks.push(`${file}: ${s}`);
    expect(leaks).toEqual([]);
    // what fix does not rewrite is still there, as the test above says
    expect(git(dir, 'show', `${branch}:src/main/resources/application.yml`)).toContain(
      LEFT_IN_SOURCES.springYamlPassword,
    );
    expect(git(dir, 'show', `${branch}:src/main/webapp/WEB-INF/web.xml`)).toContain(LEFT_IN_SOURCES.webXmlContextParam);
    expect(leaked(readFileSync(path.join(dir, 'paasport.yaml'), 'utf8'))).toEqual([]);

    const envFile = path.join(dir, '.paasport.env');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(git(dir, 'check-ignore', '.paasport.env').trim()).toBe('.paasport.env');
    expect(git(dir, 'log', '--all', '--oneline', '--', '.paasport.env')).toBe('');
    expect(leaked(readFileSync(envFile, 'utf8'), Object.values(EXTERNALIZED))).toEqual(Object.values(EXTERNALIZED));
  });

  it('the reports of the fixed branch find and mask what is left in the sources', () => {
    for (const format of formats) {
      const r = paasport(dir, 'assess', '.', '-q', '--format', format);
      expect(r.out).toContain('application.yml');
      expect(r.out).toContain('web.xml');
      expect(leaked(r.out), format).toEqual([]);
    }
  });

  it('generate references the secrets and writes none of them', () => {
    const r = paasport(dir, 'generate', '.');
    expect(r.status, r.out).toBe(0);
    expect(leaked(r.out)).toEqual([]);
    const generated = [...filesUnder(path.join(dir, 'deploy')), path.join(dir, '.dockerignore')];
    expect(generated.length).toBeGreaterThan(3);
    const leaks = generated.flatMap((f) =>
      leaked(readFileSync(f, 'utf8')).map((s) => `${path.relative(dir, f)}: ${s}`),
    );
    expect(leaks).toEqual([]);
    // the secrets are referenced by name
    expect(readFileSync(path.join(dir, 'deploy', 'setenv.sh'), 'utf8')).toContain('MAIL_SMTPPASSWORD');
  });
});
