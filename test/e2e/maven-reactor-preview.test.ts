// A Maven reactor end to end: generate, paasport build --push in the stand-in Maven stage made from Debian
// (MAVEN_BUILD_IMAGE, offline on /usr/share/maven-repo), paasport preview with 2 instances behind HAProxy.
// The reactor is made here from what Debian packages. fixtures/blog-reactor cannot build in that stage: its db-utils
// module (built by -am, as web's exec-maven-plugin depends on it) needs org.apache.derby:derbynet:10.14.2.0, which
// is Debian's libderby-java but not in the stage, and its web module leaves maven-war-plugin to Maven's default,
// 2.2 in Debian's Maven 3.8.7, which Debian does not package (it has 3.3.2 and 4.0.1). jetty-maven-plugin
// 9.4.53.v20231009 (not packaged by Debian) and exec-maven-plugin 3.1.0 (libexec-maven-plugin-java) are declared
// without executions, so `package` does not need them.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../helpers.js';
import { accessLogLines, eventually } from './access-log.js';
import { paasport } from './app-repo.js';
import { buildImage, dockerEngine, runToEnd } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import {
  definition,
  filesIn,
  INSTANCES,
  MAVEN_BUILD_IMAGE,
  setSettings,
  stopPreview,
  startPreview,
} from './preview-app.js';
import { REGISTRY } from './services.js';
import { RUNTIME_IMAGE } from './servlet-shop-app.js';

const VHOST = 'reactor.e2e.test';
const docker = dockerEngine();

const module = (artifact: string, packaging: string, dependencies: string) =>
  '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n' +
  '  <parent><groupId>org.example.shop</groupId><artifactId>shop</artifactId><version>2.1.0</version></parent>\n' +
  `  <artifactId>${artifact}</artifactId>\n  <packaging>${packaging}</packaging>\n` +
  `  <dependencies>${dependencies}</dependencies>\n</project>\n`;
const dependency = (group: string, artifact: string, version: string, scope = '') =>
  `<dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${version}</version>` +
  `${scope ? `<scope>${scope}</scope>` : ''}</dependency>`;

/**
 * A reactor of three modules: core (a jar), web (the WAR, which needs core) and tools, a command-line module whose
 * dependency is in no repository here: building more than web and what it needs fails.
 */
const REACTOR = {
  'pom.xml':
    '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n' +
    '  <groupId>org.example.shop</groupId><artifactId>shop</artifactId><version>2.1.0</version>\n' +
    '  <packaging>pom</packaging>\n' +
    '  <properties><maven.compiler.source>11</maven.compiler.source>' +
    '<maven.compiler.target>11</maven.compiler.target>' +
    '<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>\n' +
    '  <modules><module>core</module><module>web</module><module>tools</module></modules>\n' +
    // Debian packages maven-war-plugin 3.3.2, not 2.2, the default of its Maven 3.8.7
    '  <build><pluginManagement><plugins><plugin><groupId>org.apache.maven.plugins</groupId>' +
    '<artifactId>maven-war-plugin</artifactId><version>3.3.2</version></plugin></plugins></pluginManagement></build>\n' +
    '</project>\n',
  'core/pom.xml': module('shop-core', 'jar', ''),
  'core/src/main/java/org/example/shop/core/Greeting.java':
    'package org.example.shop.core;\n\npublic final class Greeting {\n' +
    '  public static String of(String who) {\n    return "hello " + who + " from shop-core";\n  }\n}\n',
  'web/pom.xml': module(
    'shop-web',
    'war',
    dependency('org.example.shop', 'shop-core', '${project.version}') +
      dependency('javax.servlet', 'javax.servlet-api', '4.0.1', 'provided'),
  ),
  'web/src/main/java/org/example/shop/web/HelloServlet.java':
    'package org.example.shop.web;\n\nimport java.io.IOException;\nimport javax.servlet.http.*;\n' +
    'import org.example.shop.core.Greeting;\n\npublic class HelloServlet extends HttpServlet {\n' +
    '  @Override\n  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {\n' +
    '    resp.setContentType("text/plain");\n    resp.getWriter().print(Greeting.of("reactor"));\n  }\n}\n',
  'web/src/main/webapp/WEB-INF/web.xml':
    '<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="4.0">\n' +
    '  <servlet><servlet-name>hello</servlet-name><servlet-class>org.example.shop.web.HelloServlet</servlet-class>' +
    '</servlet>\n  <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern>' +
    '</servlet-mapping>\n</web-app>\n',
  'tools/pom.xml': module(
    'shop-tools',
    'jar',
    dependency('org.example.shop', 'shop-core', '${project.version}') +
      dependency('org.example.nowhere', 'report-engine', '9.9'),
  ),
  'tools/src/main/java/org/example/shop/tools/Export.java':
    'package org.example.shop.tools;\n\npublic class Export {\n  public static void main(String[] args) {}\n}\n',
};

describe('a Maven reactor (core, web, tools): the web module and core built, 2 instances in paasport preview', () => {
  let parent = '';
  let dir = '';
  let logs = '';
  let front = '';
  let built = '';

  beforeAll(() => {
    parent = makeTree(Object.fromEntries(Object.entries(REACTOR).map(([file, text]) => [`shop/${file}`, text])));
    chmodSync(parent, 0o755);
    dir = path.join(parent, 'shop');
    setSettings(dir, [[['build', 'image'], MAVEN_BUILD_IMAGE]]);
    paasport('generate', dir, '--base-image', RUNTIME_IMAGE, '--registry', REGISTRY, '--vhost', VHOST);
    built = paasport('build', dir, '--push');
    ({ logs, front } = startPreview(dir, parent, VHOST));
  }, 1_200_000);

  afterAll(async () => {
    if (!parent) return;
    try {
      if (front) await stopPreview(dir);
    } finally {
      removeTree(parent);
    }
  });

  it('generate builds web and the modules it needs and copies the WAR of web/target', () => {
    const dockerfile = readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY core/pom.xml core/\nCOPY tools/pom.xml tools/\nCOPY web/pom.xml web/\n');
    expect(dockerfile).toContain('RUN mvn -B -q package -DskipTests -pl web -am\n');
    expect(dockerfile).toContain('COPY --from=build /build/web/target/*.war webapps/ROOT.war\n');
  });

  it('pushes an image whose WAR holds the web classes and the core jar, and nothing of tools', async () => {
    const image = definition(dir).container.docker.image;
    expect(image).toBe(`${REGISTRY}/shop:2.1.0`);
    expect(built).toContain(`Pushed ${image}`);
    const r = await runToEnd(docker, image, ['jar', 'tf', '/usr/local/tomcat/webapps/ROOT.war']);
    expect(r.status, r.output).toBe(0);
    const entries = r.output.split('\n');
    expect(entries).toContain('WEB-INF/classes/org/example/shop/web/HelloServlet.class');
    expect(entries).toContain('WEB-INF/lib/shop-core-2.1.0.jar');
    expect(entries.filter((e) => e.includes('tools'))).toEqual([]);
  });

  it("answers 200 through HAProxy for its virtual host with core's greeting, 503 for another host", async () => {
    await waitForStatus(`${front}/hello`, 200, VHOST);
    const page = await httpGet(`${front}/hello`, VHOST);
    expect(page.body).toBe('hello reactor from shop-core');
    expect((await httpGet(`${front}/hello`, 'other.e2e.test')).status).toBe(503);
  }, 240_000);

  it('spreads requests over both instances (each host folder has them in its access log)', async () => {
    let n = 0;
    const reached = await eventually(async () => {
      for (let i = 0; i < 4; i++) expect((await httpGet(`${front}/hello?spread=${n++}`, VHOST)).status).toBe(200);
      return INSTANCES.every((h) => accessLogLines(path.join(logs, h), 'GET /hello?spread=').length > 0);
    }, 180_000);
    expect(reached, INSTANCES.map((h) => filesIn(path.join(logs, h)).join(' ')).join(' | ')).toBe(true);
  }, 240_000);

  it('rebuilds after a change of the sources with the layer of the dependencies from the cache', async () => {
    const servlet = path.join(dir, 'web/src/main/java/org/example/shop/web/HelloServlet.java');
    writeFileSync(servlet, readFileSync(servlet, 'utf8').replace('"reactor"', '"changed reactor"'));
    const tag = 'paasport-e2e/shop-rebuilt:1';
    try {
      const output = await buildImage(docker, dir, 'deploy/Dockerfile', tag);
      // the classic builder prints each step, then " ---> Using cache" when the step's layer is reused
      const step = (run: string) => new RegExp(`Step \\d+/\\d+ : RUN mvn -B -q ${run}[^\\n]*\\n( ---> Using cache)?`);
      expect(step('test-compile').exec(output)?.[1], output).toBe(' ---> Using cache');
      expect(step('package').exec(output)?.[0], output).toBeDefined();
      expect(step('package').exec(output)?.[1], output).toBeUndefined();
    } finally {
      await docker.getImage(tag).remove({ force: true });
    }
  }, 600_000);
});
