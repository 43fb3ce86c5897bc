import { chmodSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../helpers.js';
import { dockerEngine, runToEnd } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import { MAVEN_BUILD_IMAGE } from './preview-app.js';

// the stand-ins test/e2e/base-images.sh builds for the official images
const IMAGES = [
  { tomcat: 'tomcat:9.0-jdk11-temurin', jdk: 'eclipse-temurin:11-jdk', java: '11', version: /Apache Tomcat\/9\.0\./ },
  { tomcat: 'tomcat:10.1-jdk17-temurin', jdk: 'eclipse-temurin:17-jdk', java: '17', version: /Apache Tomcat\/10\.1\./ },
];
const docker = dockerEngine();
const trees: string[] = [];

afterAll(() => trees.forEach(removeTree));

describe.each(IMAGES)('stand-in base image $tomcat', ({ tomcat, jdk, java, version }) => {
  it('is laid out like the official image: CATALINA_HOME, catalina.sh on PATH, empty webapps/, no app user', async () => {
    const script = [
      'echo "home=$CATALINA_HOME java=$JAVA_HOME"',
      'echo "catalina=$(command -v catalina.sh)"',
      'echo "webapps=$(ls -A /usr/local/tomcat/webapps | wc -l)"',
      'for d in bin conf lib logs temp work; do [ -d /usr/local/tomcat/$d ] && [ ! -L /usr/local/tomcat/$d ] && echo "dir $d"; done',
      'find /usr/local/tomcat/conf -type l | sed "s/^/link /"',
      'id tomcat 2>/dev/null || echo "no tomcat user"',
      'catalina.sh version | grep "Server version"',
      'java -version 2>&1 | head -1',
    ].join('; ');
    const r = await runToEnd(docker, tomcat, ['sh', '-c', script]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('home=/usr/local/tomcat java=/opt/java/openjdk');
    expect(r.output).toContain('catalina=/usr/local/tomcat/bin/catalina.sh');
    expect(r.output).toContain('webapps=0');
    for (const d of ['bin', 'conf', 'lib', 'logs', 'temp', 'work']) expect(r.output).toContain(`dir ${d}`);
    expect(r.output).not.toContain('link ');
    expect(r.output).toContain('no tomcat user');
    expect(r.output).toMatch(version);
    expect(r.output).toContain(`version "${java}.`);
  });

  it(`${jdk} compiles with javac and has bash and find`, async () => {
    const r = await runToEnd(docker, jdk, ['bash', '-c', 'javac -version && command -v find']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain(`javac ${java}.`);
  });

  it('compiles and serves a JSP (the JSP compiler is in lib/)', async () => {
    const webapps = makeTree({ 'ROOT/index.jsp': '<%@ page contentType="text/plain" %>answer=<%= 6 * 7 %>\n' });
    trees.push(webapps);
    chmodSync(webapps, 0o755);
    const container = await docker.createContainer({
      Image: tomcat,
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: {
        Binds: [`${webapps}:/usr/local/tomcat/webapps`],
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      },
    });
    try {
      await container.start();
      const port = (await container.inspect()).NetworkSettings.Ports['8080/tcp'][0].HostPort;
      await waitForStatus(`http://127.0.0.1:${port}/`, 200, undefined, 90_000);
      expect((await httpGet(`http://127.0.0.1:${port}/`)).body.trim()).toBe('answer=42');
    } finally {
      await container.remove({ force: true });
    }
  });
});

describe(`stand-in Maven build stage ${MAVEN_BUILD_IMAGE}`, () => {
  it("packages a WAR offline, as the generated build stage runs Maven, with Debian's plugins and jars", async () => {
    const app = makeTree({
      'pom.xml': [
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>',
        '<groupId>e2e</groupId><artifactId>hello</artifactId><version>1.0</version><packaging>war</packaging>',
        '<properties><maven.compiler.source>11</maven.compiler.source>',
        '<maven.compiler.target>11</maven.compiler.target></properties>',
        '<dependencies><dependency><groupId>javax.servlet</groupId><artifactId>javax.servlet-api</artifactId>',
        '<version>4.0.1</version><scope>provided</scope></dependency></dependencies>',
        '<build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-war-plugin</artifactId>',
        '<version>3.3.2</version></plugin></plugins></build></project>',
        '',
      ].join('\n'),
      'src/main/java/e2e/Hello.java':
        'package e2e;\npublic class Hello extends javax.servlet.http.HttpServlet {\n' +
        '  private static final long serialVersionUID = 1L;\n}\n',
      'src/main/webapp/WEB-INF/web.xml': '<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="4.0"/>\n',
    });
    trees.push(app);
    const script =
      'cd /app && mvn -B -q dependency:resolve && mvn -B -q package -DskipTests && jar tf target/hello-1.0.war';
    const r = await runToEnd(docker, MAVEN_BUILD_IMAGE, ['sh', '-c', script], [`${app}:/app`]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('WEB-INF/classes/e2e/Hello.class');
    expect(r.output).toContain('WEB-INF/web.xml');
  }, 120_000);
});
