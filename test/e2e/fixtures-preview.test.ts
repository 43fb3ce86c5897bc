import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTree } from '../helpers.js';
import { accessLogLines, eventually } from './access-log.js';
import { fixtureRepo, paasport } from './app-repo.js';
import { CookieClient } from './cookie-client.js';
import { dockerEngine } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import type { MarathonApp } from './marathon-app.js';
import { BUILD_IMAGE, RUNTIME_IMAGE } from './servlet-shop-app.js';
import { copiedLibJars, writeStandInSessionJars } from './stand-in-jars.js';

const docker = dockerEngine();
const INSTANCES = ['preview-1', 'preview-2']; // HOST of the preview's tasks: the name of each host's log folder

/** build.image in the app's paasport.yaml (made if the app has none): the stand-in JDK of the build stage. */
function useStandInBuildImage(dir: string): void {
  const settings = path.join(dir, 'paasport.yaml');
  let text = '';
  try {
    text = readFileSync(settings, 'utf8');
  } catch {
    // an app `fix` has not seen has no paasport.yaml yet
  }
  const doc = parseDocument(text);
  doc.setIn(['build', 'image'], BUILD_IMAGE);
  writeFileSync(settings, doc.toString());
}

const definition = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, 'deploy/marathon-app.json'), 'utf8')) as MarathonApp;
const previewContainers = (dir: string) =>
  docker.listContainers({ all: true, filters: { label: [`paasport.preview=${dir}`] } });
/**
 * `paasport preview --down`, once more after a failure: dist/ may be rebuilt under the test at that moment, and the
 * app folder that names what to stop is removed afterwards.
 */
async function stopPreview(dir: string): Promise<void> {
  try {
    paasport('preview', dir, '--down');
  } catch {
    await new Promise((r) => setTimeout(r, 2000));
    paasport('preview', dir, '--down');
  }
}
/** HAProxy's address for the virtual host, as `paasport preview` prints it. */
const vhostAddress = (started: string) => /\(Host \S+ on (127\.0\.0\.1:\d+)\)/.exec(started)?.[1];

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
    const volumes = path.join(parent, 'volumes');
    mkdirSync(volumes);
    const logVolume = definition(dir).container.volumes?.find((v) => v.containerPath === '/logs');
    if (!logVolume?.hostPath) throw new Error('the definition has no host folder for /logs');
    logs = path.join(volumes, logVolume.hostPath);
    const started = paasport('preview', dir, '--instances', '2', '--volumes-root', volumes);
    const address = vhostAddress(started);
    if (!address) throw new Error(`preview printed no address for ${VHOST}:\n${started}`);
    front = `http://${address}`;
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

describe('struts-forum (GBK sources, Ant) after fix and generate, in paasport preview on Tomcat 9', () => {
  const VHOST = 'forum.e2e.test';
  let parent = '';
  let dir = '';

  beforeAll(() => {
    ({ parent, dir } = fixtureRepo('struts-forum'));
    paasport('fix', dir);
    useStandInBuildImage(dir);
    paasport('generate', dir, '--base-image', RUNTIME_IMAGE, '--vhost', VHOST);
  }, 300_000);

  afterAll(async () => {
    if (!dir) return;
    try {
      await stopPreview(dir);
    } finally {
      removeTree(parent);
    }
  });

  it("generate builds the war with the app's Ant build in the stand-in JDK and routes the virtual host", () => {
    const dockerfile = readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^FROM ${BUILD_IMAGE} AS build$`, 'm'));
    expect(dockerfile).toMatch(/^RUN ant war$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/build\/dist\/forum\.war webapps\/ROOT\.war$/m);
    expect(definition(dir).labels).toMatchObject({ HAPROXY_0_VHOST: VHOST });
  });

  // defect (/work/notes/e2e-findings.md, 2026-11-28 22:55): the generated build stage runs the app's `ant war`, whose
  // javac classpath is WebRoot/WEB-INF/lib; the fixture has no such folder (no Struts jars), so Ant stops with
  // "/build/WebRoot/WEB-INF/lib does not exist." and paasport build reports only the step's exit code
  it.skip('builds the image (fails: Ant stops at "WebRoot/WEB-INF/lib does not exist", the Struts jars are missing)', async () => {
    await writeStandInSessionJars(
      docker,
      RUNTIME_IMAGE,
      dir,
      copiedLibJars(readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8')),
    );
    expect(paasport('build', dir)).toContain(`Built ${definition(dir).container.docker.image}`);
  }, 600_000);

  it.skip('runs 2 instances: 200 for the virtual host, 503 for another, --down removes them (needs the image above)', async () => {
    const volumes = path.join(parent, 'volumes');
    mkdirSync(volumes);
    const started = paasport('preview', dir, '--instances', '2', '--volumes-root', volumes);
    const address = vhostAddress(started);
    expect(address, started).toBeDefined();
    await waitForStatus(`http://${address}/`, 200, VHOST);
    expect((await httpGet(`http://${address}/`, 'other.e2e.test')).status).toBe(503);
    expect(await previewContainers(dir)).toHaveLength(2);
    paasport('preview', dir, '--down');
    expect(await previewContainers(dir)).toHaveLength(0);
  }, 300_000);
});
