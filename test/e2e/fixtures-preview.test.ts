// The fixtures that run end to end on the real engine (fix where the app needs it, generate, paasport build, preview
// with 2 instances behind HAProxy): servlet-shop (here without fix; with fix in servlet-shop*.test.ts) and, built in
// the Maven stage made from Debian's packages, stateless-api and spring-mvc-crm (maven-fixtures-preview.test.ts).
// struts-forum gets as far as its build, which fails as it would for a user (below). The others cannot be built
// here, where the only Maven repository is Debian's /usr/share/maven-repo:
// - kanban-demo: Spring Boot 2.7 (spring-boot-starter-parent), which Debian does not package;
// - shiro-admin: Spring 5.3.31 and jedis 2.9.0; Debian has Spring 4.3.30 and no jedis;
// - order-broker: a Gradle build (the gradle:8.5 image; Debian's Gradle is 4.4) of ActiveMQ 6.0.1 and H2 2.2 from
//   Maven Central (Debian's ActiveMQ is 5.17, javax where the app is Jakarta);
// - library-spring25 and erp-bundled-tomcat: their WEB-INF/lib jars are stand-ins of 30 to 49 bytes, no classes;
// - blog-reactor: its reactor builds web and what it needs (-pl web -am; maven-reactor-preview.test.ts runs a reactor
//   made of Debian's artifacts end to end), but the stage lacks org.apache.derby:derbynet:10.14.2.0 for db-utils
//   (Debian's libderby-java, not in the stage) and maven-war-plugin 2.2, Maven 3.8.7's default, which Debian does
//   not package (web/pom.xml names no version).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTree } from '../helpers.js';
import { accessLogLines, eventually } from './access-log.js';
import { fixtureRepo, paasport, runPaasport } from './app-repo.js';
import { CookieClient } from './cookie-client.js';
import { dockerEngine } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import { definition, INSTANCES, setSettings, startPreview, stopPreview } from './preview-app.js';
import { BUILD_IMAGE, RUNTIME_IMAGE } from './servlet-shop-app.js';
import { copiedLibJars, writeStandInSessionJars } from './stand-in-jars.js';

/** build.image in the app's paasport.yaml (made if the app has none): the stand-in JDK of the build stage. */
const useStandInBuildImage = (dir: string) => setSettings(dir, [[['build', 'image'], BUILD_IMAGE]]);

describe('servlet-shop as it is (no fix: carts and logins in Tomcat memory), sticky behind HAProxy in paasport preview', () => {
  const VHOST = 'sticky-shop.e2e.test';
  let parent = '';
  let dir = '';
  let logs = ''; // host folder of the log volume, one folder per task under it
  let front = '';

  beforeAll(() => {
    ({ parent, dir } = fixtureRepo('servlet-shop'));
    useStandInBuildImage(dir);
    paasport('generate', dir, '--base-image', RUNTIME_IMAGE, '--vhost', VHOST);
    paasport('build', dir);
    ({ logs, front } = startPreview(dir, parent, VHOST));
  }, 900_000);

  afterAll(async () => {
    if (!dir) return;
    try {
      await stopPreview(dir);
    } finally {
      removeTree(parent);
    }
  });

  it('generate marks the app sticky for marathon-lb, as its sessions stay in memory', () => {
    expect(definition(dir).labels).toMatchObject({ HAPROXY_0_STICKY: 'true', HAPROXY_0_VHOST: VHOST });
  });

  it('spreads clients without cookies over both instances (seen in the access log of each)', async () => {
    await waitForStatus(`${front}/index.jsp`, 200, VHOST);
    // both tasks take requests once Tomcat is up in each and HAProxy's health check has passed
    let n = 0;
    const reachedBoth = await eventually(async () => {
      for (let i = 0; i < 4; i++) {
        const r = await httpGet(`${front}/index.jsp?anonymous=${n++}`, VHOST);
        expect(r.body).toContain('Welcome guest');
      }
      return INSTANCES.every((h) => accessLogLines(path.join(logs, h), 'GET /index.jsp?anonymous=').length > 0);
    }, 180_000);
    expect(reachedBoth, INSTANCES.map((h) => accessLogLines(path.join(logs, h), 'anonymous=').length).join(' ')).toBe(
      true,
    );
  }, 240_000);

  it('keeps a client with cookies on one instance: its login stays and all its requests are in that access log', async () => {
    const browser = new CookieClient();
    const login = await browser.request(`${front}/login`, VHOST, 'POST', { login: 'alice' });
    expect(login.status, login.body).toBe(302);
    expect([...browser.cookies.keys()]).toEqual(expect.arrayContaining(['JSESSIONID', 'mesosphere_server_id']));
    const requests = 12;
    for (let i = 0; i < requests; i++) {
      const r = await browser.request(`${front}/index.jsp?sticky=${i}`, VHOST);
      expect(r.status).toBe(200);
      // the login lives in one Tomcat's memory: another instance would answer "Welcome guest"
      expect(r.body).toContain('Welcome ALICE');
    }
    const counts = () => INSTANCES.map((h) => accessLogLines(path.join(logs, h), 'GET /index.jsp?sticky=').length);
    // the access log valve writes buffered lines within seconds
    await eventually(() => counts().reduce((a, b) => a + b) === requests);
    expect(counts().sort((a, b) => a - b)).toEqual([0, requests]);
    const instance = INSTANCES[counts().indexOf(requests)];
    expect(accessLogLines(path.join(logs, instance), 'POST /login')).toHaveLength(1);
  });
});

describe('struts-forum (GBK sources, Ant) after fix and generate: its build fails as it would for a user', () => {
  const VHOST = 'forum.e2e.test';
  let parent = '';
  let dir = '';

  beforeAll(() => {
    ({ parent, dir } = fixtureRepo('struts-forum'));
    paasport('fix', dir);
    useStandInBuildImage(dir);
    paasport('generate', dir, '--base-image', RUNTIME_IMAGE, '--vhost', VHOST);
  }, 300_000);

  afterAll(() => {
    if (parent) removeTree(parent);
  });

  it("generate builds the war with the app's Ant build in the stand-in JDK and routes the virtual host", () => {
    const dockerfile = readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^FROM ${BUILD_IMAGE} AS build$`, 'm'));
    expect(dockerfile).toMatch(/^RUN ant war$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/build\/dist\/forum\.war webapps\/ROOT\.war$/m);
    expect(definition(dir).labels).toMatchObject({ HAPROXY_0_VHOST: VHOST });
  });

  // the Ant build compiles against WebRoot/WEB-INF/lib, which the app does not ship (no Struts jars in the
  // repository, and Debian does not package Struts 1): the user learns it from paasport build, in Ant's words
  it("paasport build fails (exit 3) and says why in Ant's words: WebRoot/WEB-INF/lib does not exist", async () => {
    // the session manager's jars that fix asks for, where the Dockerfile copies them from (stand-ins, see
    // stand-in-jars.ts), so that the build gets to the app's own step
    const dockerfile = readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8');
    await writeStandInSessionJars(dockerEngine(), RUNTIME_IMAGE, dir, copiedLibJars(dockerfile));
    const r = runPaasport('build', dir);
    expect(r.status, r.stdout).toBe(3);
    expect(r.stderr).toMatch(/build step \d+\/\d+ \(RUN ant war\) failed/);
    expect(r.stderr).toContain('/build/WebRoot/WEB-INF/lib does not exist');
    expect(r.stdout).not.toContain('Built ');
  }, 600_000);
});
