import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../analyzers/collect.js';
import { profileDetectors } from '../../analyzers/assess/detectors.js';
import { technologyProfile } from '../../analyzers/assess/profile.js';
import { makeTree, removeTree } from '../helpers.js';

async function profileOf(files: Record<string, string>) {
  const dir = makeTree(files);
  try {
    return technologyProfile(await collectFacts(dir, { threads: 0 }));
  } finally {
    removeTree(dir);
  }
}

const pom = (deps: string, extra = '') => `<project>
  <packaging>war</packaging>
  <properties><maven.compiler.source>1.7</maven.compiler.source></properties>
  <dependencies>${deps}</dependencies>${extra}
</project>`;
const dep = (g: string, a: string, v: string) =>
  `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;

describe('technology profile', () => {
  it('frameworks by dependency (with its version), by their own files, by imports; each with its evidence', async () => {
    const p = await profileOf({
      'pom.xml': pom(dep('org.hibernate', 'hibernate-core', '4.3.11.Final')),
      'src/main/resources/SqlMapConfig.xml': '<sqlMapConfig/>',
      'src/main/java/a/Job.java': 'package a;\nimport org.quartz.Job;\npublic class J implements Job {}\n',
    });
    expect(p.frameworks).toEqual([
      {
        name: 'Hibernate',
        version: '4.3.11.Final',
        evidence: { kind: 'dependency', ref: 'pom.xml: org.hibernate:hibernate-core:4.3.11.Final' },
      },
      { name: 'MyBatis', evidence: { kind: 'file', ref: 'src/main/resources/SqlMapConfig.xml' } }, // any case
      { name: 'Quartz', evidence: { kind: 'import', ref: 'org.quartz.Job (src/main/java/a/Job.java)' } },
    ]);
    expect(p.springBoot).toBe(false);
  });

  it('databases: a JDBC URL first, else a driver among the dependencies or the committed jars', async () => {
    const p = await profileOf({
      'WEB-INF/classes/db.properties': 'url=jdbc:oracle:thin:@10.0.0.5:1521:ORCL\n',
      'WEB-INF/lib/ojdbc6-11.2.0.4.jar': 'PK',
      'WEB-INF/lib/postgresql-9.4.1212.jar': 'PK',
      'WEB-INF/web.xml': '<web-app/>',
    });
    expect(p.databases).toEqual([
      { name: 'Oracle', evidence: { kind: 'jdbc-url', ref: 'WEB-INF/classes/db.properties:1' } },
      {
        name: 'PostgreSQL',
        version: '9.4.1212',
        evidence: { kind: 'file', ref: 'WEB-INF/lib/postgresql-9.4.1212.jar' },
      },
    ]);
  });

  it('Servlet API from web.xml, else its dependency, else imports, else javax assumed', async () => {
    const xml = await profileOf({
      'WEB-INF/web.xml': '<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1"/>',
    });
    expect(xml.servlet).toEqual({
      namespace: 'javax',
      version: '3.1',
      evidence: { kind: 'web.xml', ref: 'WEB-INF/web.xml (jcp)' },
    });
    const byDep = await profileOf({ 'pom.xml': pom(dep('jakarta.servlet', 'jakarta.servlet-api', '5.0.0')) });
    expect(byDep.servlet).toMatchObject({ namespace: 'jakarta', version: '5.0', evidence: { kind: 'dependency' } });
    const byImport = await profileOf({
      'A.java': 'package a;\nimport jakarta.servlet.http.HttpServlet;\nclass A extends HttpServlet {}\n',
    });
    expect(byImport.servlet).toEqual({
      namespace: 'jakarta',
      evidence: { kind: 'import', ref: 'jakarta.servlet.http.HttpServlet (A.java)' },
    });
    const nothing = await profileOf({ 'A.java': 'class A {}' });
    expect(nothing.servlet).toEqual({ namespace: 'javax', evidence: { kind: 'assumed', ref: 'javax' } });
  });

  it('Tomcat from a dependency, the Maven plugin, or a committed catalina jar', async () => {
    const byDep = await profileOf({ 'pom.xml': pom(dep('org.apache.tomcat', 'tomcat-catalina', '8.5.23')) });
    expect(byDep.tomcat).toEqual({
      version: '8.5.23',
      evidence: { kind: 'dependency', ref: 'pom.xml: org.apache.tomcat:tomcat-catalina:8.5.23' },
    });
    const plugin =
      '<build><plugins><plugin><groupId>org.apache.tomcat.maven</groupId>' +
      '<artifactId>tomcat7-maven-plugin</artifactId></plugin></plugins></build>';
    const byPlugin = await profileOf({ 'pom.xml': pom('', plugin) });
    expect(byPlugin.tomcat).toEqual({
      version: '7',
      evidence: { kind: 'build-plugin', ref: 'pom.xml: tomcat7-maven-plugin' },
    });
    const byJar = await profileOf({ 'lib/catalina-6.0.53.jar': 'PK', 'A.java': 'class A {}' });
    expect(byJar.tomcat).toEqual({ version: '6.0.53', evidence: { kind: 'file', ref: 'lib/catalina-6.0.53.jar' } });
  });

  it('build, packaging and Java version', async () => {
    const war = await profileOf({ 'pom.xml': pom('') });
    expect(war).toMatchObject({ buildTool: 'maven', packaging: 'war', javaVersion: '7', javaSource: '7' });
    const exploded = await profileOf({ 'WebRoot/WEB-INF/web.xml': '<web-app/>' });
    expect(exploded).toMatchObject({ buildTool: 'none', packaging: 'exploded-war' });
    const jarWithWebXml = await profileOf({
      'pom.xml': '<project><properties><java.version>17</java.version></properties></project>',
      'src/main/webapp/WEB-INF/web.xml': '<web-app/>',
    });
    expect(jarWithWebXml).toMatchObject({ packaging: 'war', javaVersion: '17' });
    const boot = await profileOf({
      'build.gradle':
        "apply plugin: 'war'\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web:2.7.0'\n}\n",
    });
    expect(boot).toMatchObject({ buildTool: 'gradle', packaging: 'war', springBoot: true });
    expect(await profileOf({ 'A.java': 'class A {}' })).toMatchObject({ packaging: 'unknown' });
  });
});

describe('detectors.json', () => {
  it('every framework and database has a name and at least one way to be recognised', () => {
    const d = profileDetectors();
    expect(d.frameworks.map((f) => f.name)).toEqual([
      'Spring Boot',
      'Spring',
      'Struts 2',
      'Struts 1',
      'JSF',
      'Hibernate',
      'MyBatis',
      'Shiro',
      'Quartz',
    ]);
    for (const f of d.frameworks) expect(f.artifact ?? f.pkg ?? f.file).toBeInstanceOf(RegExp);
    expect(d.databases.map((x) => x.name)).toContain('SQL Server');
    expect(d.databases.find((x) => x.name === 'SQL Server')!.scheme.test('jtds')).toBe(true);
    expect(d.tomcat.mavenPlugin.test('tomcat-maven-plugin')).toBe(true);
  });
});
