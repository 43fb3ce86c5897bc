import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eclipseSettings } from '../../analyzers/build/eclipse.js';
import { collectFacts } from '../../analyzers/collect.js';
import { assessFiles, makeTree, removeTree, ROOT } from '../helpers.js';

async function buildOf(files: Record<string, string>) {
  const dir = makeTree(files);
  try {
    return (await collectFacts(dir, { threads: 0 })).build;
  } finally {
    removeTree(dir);
  }
}

const POM = `<project>
  <groupId>com.acme</groupId>
  <artifactId>shop</artifactId>
  <version>\${revision}</version>
  <packaging>war</packaging>
  <properties>
    <revision>2.1.0</revision>
    <spring.version>4.3.9.RELEASE</spring.version>
    <java.version>1.7</java.version>
    <project.build.sourceEncoding>GBK</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.springframework</groupId>
      <artifactId>spring-webmvc</artifactId>
      <version>\${spring.version}</version>
    </dependency>
    <dependency>
      <groupId>javax.servlet</groupId>
      <artifactId>servlet-api</artifactId>
      <version>2.5</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.1</version>
        <configuration><source>\${java.version}</source><target>1.8</target></configuration>
        <dependencies><dependency><artifactId>plexus-compiler-eclipse</artifactId></dependency></dependencies>
      </plugin>
      <plugin><groupId>org.apache.tomcat.maven</groupId><artifactId>tomcat7-maven-plugin</artifactId></plugin>
    </plugins>
  </build>
</project>
`;

describe('build facts', () => {
  it('Maven: packaging, version and dependencies with properties interpolated; the compiler plugin wins', async () => {
    const b = await buildOf({ 'pom.xml': POM });
    expect(b).toMatchObject({
      tool: 'maven',
      file: 'pom.xml',
      packaging: 'war',
      version: '2.1.0',
      javaSource: '1.7',
      javaTarget: '1.8',
      sourceEncoding: 'GBK',
    });
    expect(b.dependencies).toEqual([
      {
        group: 'org.springframework',
        artifact: 'spring-webmvc',
        version: '4.3.9.RELEASE',
        scope: undefined,
        file: 'pom.xml',
        line: 13,
      },
      { group: 'javax.servlet', artifact: 'servlet-api', version: '2.5', scope: 'provided', file: 'pom.xml', line: 18 },
    ]);
    expect(b.plugins).toEqual([
      { group: undefined, artifact: 'maven-compiler-plugin', version: '3.1' },
      { group: 'org.apache.tomcat.maven', artifact: 'tomcat7-maven-plugin', version: undefined },
    ]);
  });

  it('Maven: release wins over source and target; packaging defaults to jar', async () => {
    const b = await buildOf({
      'pom.xml': '<project><properties><maven.compiler.release>11</maven.compiler.release></properties></project>',
    });
    expect(b).toMatchObject({ tool: 'maven', packaging: 'jar', javaSource: '11', javaTarget: '11' });
  });

  it('Gradle: both dependency notations, the war plugin, compatibility levels and the encoding', async () => {
    const b = await buildOf({
      'build.gradle': `plugins {
  id 'war'
}
sourceCompatibility = JavaVersion.VERSION_1_8
targetCompatibility = '11'
compileJava.options.encoding = 'UTF-8'
dependencies {
  implementation 'org.springframework:spring-webmvc:5.3.0'
  providedCompile group: 'javax.servlet', name: 'javax.servlet-api', version: '3.1.0'
  testImplementation 'junit:junit:4.12'
}
`,
    });
    expect(b).toMatchObject({
      tool: 'gradle',
      file: 'build.gradle',
      packaging: 'war',
      javaSource: '1.8',
      javaTarget: '11',
      sourceEncoding: 'UTF-8',
    });
    expect(b.dependencies.map((d) => [d.group, d.artifact, d.version, d.line])).toEqual([
      ['org.springframework', 'spring-webmvc', '5.3.0', 8],
      ['javax.servlet', 'javax.servlet-api', '3.1.0', 9],
      ['junit', 'junit', '4.12', 10],
    ]);
    const jar = await buildOf({ 'build.gradle': "apply plugin: 'java'\n" });
    expect(jar).toMatchObject({ tool: 'gradle', packaging: 'jar', javaSource: undefined });
  });

  it('Ant: javac levels and encoding, the WAR it writes when build.xml names it plainly', async () => {
    const b = await buildOf({
      'build.xml': `<project name="forum" default="war">
  <target name="compile"><javac srcdir="src" source="1.5" encoding="GBK"/></target>
  <target name="war"><war destfile="dist/forum.war" webxml="WebRoot/WEB-INF/web.xml"/></target>
</project>`,
    });
    expect(b).toEqual({
      tool: 'ant',
      file: 'build.xml',
      packaging: 'war',
      javaSource: '1.5',
      javaTarget: '1.5',
      warFile: 'dist/forum.war',
      antTarget: 'war',
      sourceEncoding: 'GBK',
      dependencies: [],
      plugins: [],
    });
    const jar = await buildOf({
      'build.xml':
        '<project><target name="j"><jar destfile="${dist}/a.jar"/><war destfile="${dist}/a.war"/></target></project>',
    });
    expect(jar).toMatchObject({ tool: 'ant', packaging: 'war', warFile: undefined });
  });

  it('the shallowest build file wins, and Maven wins over Gradle and Ant', async () => {
    const b = await buildOf({
      'module/pom.xml': '<project><packaging>jar</packaging></project>',
      'pom.xml': '<project><packaging>war</packaging></project>',
      'build.gradle': "apply plugin: 'war'\n",
      'build.xml': '<project/>',
    });
    expect(b).toMatchObject({ tool: 'maven', file: 'pom.xml', packaging: 'war' });
    const g = await buildOf({ 'build.gradle': "apply plugin: 'war'\n", 'build.xml': '<project/>' });
    expect(g.tool).toBe('gradle');
    const notAProject = await buildOf({ 'pom.xml': '<settings/>' });
    expect(notAProject.tool).toBe('none');
  });

  it('committed jars count as dependencies, with the version in their name when there is one', async () => {
    const b = await buildOf({
      'WebRoot/WEB-INF/lib/commons-lang-2.6.jar': 'PK',
      'WebRoot/WEB-INF/lib/jstl.jar': 'PK',
      'WebRoot/WEB-INF/lib/mysql-connector-java-5.1.49-bin.jar': 'PK',
    });
    expect(b.tool).toBe('none');
    expect(b.dependencies).toEqual([
      { artifact: 'commons-lang', version: '2.6', file: 'WebRoot/WEB-INF/lib/commons-lang-2.6.jar', line: 0 },
      { artifact: 'jstl', version: undefined, file: 'WebRoot/WEB-INF/lib/jstl.jar', line: 0 },
      {
        artifact: 'mysql-connector-java',
        version: '5.1.49-bin',
        file: 'WebRoot/WEB-INF/lib/mysql-connector-java-5.1.49-bin.jar',
        line: 0,
      },
    ]);
  });

  it('an Eclipse project without a build file: Java level and encoding from .settings/', async () => {
    const files = {
      '.settings/org.eclipse.jdt.core.prefs':
        'org.eclipse.jdt.core.compiler.compliance=1.6\norg.eclipse.jdt.core.compiler.source=1.5\n',
      '.settings/org.eclipse.core.resources.prefs': 'encoding/<project>=GBK\n',
      'WebRoot/WEB-INF/web.xml': '<web-app/>',
    };
    const dir = makeTree(files);
    try {
      expect(eclipseSettings(dir)).toEqual({ javaSource: '1.5', javaTarget: '1.6', encoding: 'GBK' });
    } finally {
      removeTree(dir);
    }
    expect(await buildOf(files)).toMatchObject({
      tool: 'none',
      javaSource: '1.5',
      javaTarget: '1.6',
      sourceEncoding: 'GBK',
    });
    // a build file's own levels are kept
    const withPom = await buildOf({
      ...files,
      'pom.xml': '<project><properties><java.version>8</java.version></properties></project>',
    });
    expect(withPom).toMatchObject({ tool: 'maven', javaSource: '8', sourceEncoding: undefined });
    expect(eclipseSettings('/nonexistent')).toEqual({
      javaSource: undefined,
      javaTarget: undefined,
      encoding: undefined,
    });
  });
});

describe('build facts through the whole assessment and on the fixture apps', () => {
  const facts = (app: string) => collectFacts(path.join(ROOT, 'fixtures', app), { threads: 0 });

  it('an Eclipse project without a build file: Java level and encoding from .settings/', async () => {
    const shop = await facts('servlet-shop');
    expect(shop.build).toMatchObject({ tool: 'none', javaSource: '1.6', javaTarget: '1.6', sourceEncoding: 'UTF-8' });
    const gbk = await assessFiles({
      '.settings/org.eclipse.core.resources.prefs': 'eclipse.preferences.version=1\nencoding/<project>=GBK\n',
      'WebRoot/WEB-INF/web.xml': '<web-app/>',
    });
    expect(gbk.build.sourceEncoding).toBe('GBK');
  });

  it('build facts: Maven properties interpolated, Gradle dependencies, committed jars', async () => {
    const crm = await facts('spring-mvc-crm');
    expect(crm.build.dependencies.map((d) => `${d.group}:${d.artifact}:${d.version}`)).toContain(
      'javax.servlet:javax.servlet-api:4.0.1',
    );
    const g = await assessFiles({
      'build.gradle':
        "apply plugin: 'war'\nsourceCompatibility = 1.8\ndependencies {\n  compile 'org.springframework:spring-webmvc:4.3.9.RELEASE'\n  providedCompile group: 'javax.servlet', name: 'servlet-api', version: '2.5'\n}\n",
      'WebContent/WEB-INF/lib/struts-1.3.10.jar': 'PK',
    });
    expect(g.build).toMatchObject({ tool: 'gradle', packaging: 'war', javaSource: '1.8', javaTarget: '1.8' });
    expect(g.build.dependencies.map((d) => [d.group, d.artifact, d.version, d.line])).toEqual([
      ['org.springframework', 'spring-webmvc', '4.3.9.RELEASE', 4],
      ['javax.servlet', 'servlet-api', '2.5', 5],
      [undefined, 'struts', '1.3.10', 0],
    ]);
  });
});
