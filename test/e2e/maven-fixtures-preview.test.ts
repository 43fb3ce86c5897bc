import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTree } from '../helpers.js';
import { accessLogLines, eventually } from './access-log.js';
import { fixtureRepo, paasport } from './app-repo.js';
import { bridgeGateway, dockerEngine, runToEnd } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import { startPostgres, type Postgres } from './postgres.js';
import {
  definition,
  filesIn,
  INSTANCES,
  MAVEN_BUILD_IMAGE,
  previewContainers,
  setSettings,
  stopPreview,
  unreadableByOthers,
  startPreview,
} from './preview-app.js';
import { REGISTRY } from './services.js';
import { RUNTIME_IMAGE } from './servlet-shop-app.js';

// The Maven fixtures end to end: fix (where the app needs it), generate, paasport build --push, paasport preview
// with 2 instances behind HAProxy. Maven Central is not reachable here: the build stage is the stand-in Maven image
// test/e2e/base-images.sh makes from Debian (MAVEN_BUILD_IMAGE), chosen as a user chooses the build image of their
// registry: build.image in paasport.yaml.
const OTHER_HOST = 'other.e2e.test';
const docker = dockerEngine();

/** An app of the fixtures, generated, built, pushed and previewed; `parent` is removed afterwards. */
interface Deployed {
  parent: string;
  dir: string;
  built: string; // what paasport build --push printed
  logs: string; // host folder of the log volume: one folder per task under it
  front: string; // HAProxy for the virtual host
}

/**
 * fixtures/FIXTURE in a repository of its own, `prepare`d (fix, settings), generated for the stand-in runtime and
 * Maven images, the private registry and `vhost`, built and pushed, then previewed with 2 instances. Fills `app` as
 * it goes, so that afterAll finds what to stop and remove even when a step fails.
 */
function deploy(app: Deployed, fixture: string, vhost: string, prepare: (dir: string) => void): void {
  ({ parent: app.parent, dir: app.dir } = fixtureRepo(fixture));
  prepare(app.dir);
  setSettings(app.dir, [[['build', 'image'], MAVEN_BUILD_IMAGE]]);
  paasport(
    'generate',
    app.dir,
    '--base-image',
    RUNTIME_IMAGE,
    '--registry',
    REGISTRY,
    '--vhost',
    vhost,
    '--catalina-from-image',
  );
  app.built = paasport('build', app.dir, '--push');
  ({ logs: app.logs, front: app.front } = startPreview(app.dir, app.parent, vhost));
}

/** Each task's log folder, checked to hold catalina.out and the access log, all readable by another user. */
function hostLogFolders(app: Deployed): string[] {
  return INSTANCES.map((host) => {
    const folder = path.join(app.logs, host);
    const files = filesIn(folder);
    expect(files, host).toContain('catalina.out');
    expect(
      files.some((f) => f.startsWith('localhost_access_log')),
      files.join(' '),
    ).toBe(true);
    expect(unreadableByOthers(folder)).toEqual([]);
    return folder;
  });
}

async function undeploy(app: Deployed): Promise<void> {
  if (!app.parent) return;
  try {
    if (app.dir) await stopPreview(app.dir);
  } finally {
    removeTree(app.parent);
  }
}

/** The WAR the image deploys, as `jar tf` lists it inside the image. */
async function warEntries(image: string): Promise<string[]> {
  const r = await runToEnd(docker, image, ['jar', 'tf', '/usr/local/tomcat/webapps/ROOT.war']);
  if (r.status !== 0) throw new Error(`jar tf in ${image} failed: ${r.output}`);
  return r.output.split('\n');
}

/** Requests `url` until each task's access log holds a line with `marker`; then whether they all do. */
async function reachesBothInstances(app: Deployed, url: (n: number) => string, marker: string, vhost: string) {
  let n = 0;
  return eventually(async () => {
    for (let i = 0; i < 4; i++) expect((await httpGet(url(n++), vhost)).status).toBe(200);
    return INSTANCES.every((h) => accessLogLines(path.join(app.logs, h), marker).length > 0);
  }, 180_000);
}

/** Kills one task's container, then expects HAProxy to keep answering 200 with the other. */
async function killOneAndExpectAnswers(app: Deployed, url: string, vhost: string): Promise<void> {
  const tasks = await previewContainers(docker, app.dir);
  expect(tasks).toHaveLength(2);
  await docker.getContainer(tasks[0].Id).kill();
  for (let i = 0; i < 10; i++) {
    const r = await httpGet(url, vhost);
    expect(r.status, r.body).toBe(200);
  }
  const running = await docker.listContainers({ filters: { label: [`paasport.preview=${app.dir}`] } });
  expect(running.map((c) => c.Id)).toEqual([tasks[1].Id]);
}

describe('stateless-api (no fix) from its Maven build, 2 instances in paasport preview, its catalog in PostgreSQL', () => {
  const VHOST = 'catalog.e2e.test';
  const PRODUCTS = ['espresso cup', 'milk jug', 'tea pot'];
  const app = { parent: '', dir: '', built: '', logs: '', front: '' };
  let db: Postgres | undefined;
  let jdbcUrl = '';

  beforeAll(async () => {
    // the catalog database on the host, where the tasks reach it: the engine's bridge
    const gateway = await bridgeGateway(docker);
    db = await startPostgres(
      ['127.0.0.1', gateway],
      `CREATE TABLE product (name text PRIMARY KEY); INSERT INTO product VALUES ${PRODUCTS.map((p) => `('${p}')`).join(', ')};`,
    );
    jdbcUrl = `jdbc:postgresql://${gateway}:${db.port}/catalog?user=catalog`;
    // the app reads CATALOG_JDBC_URL from its environment (Settings.jdbcUrl); its value goes in paasport.yaml
    deploy(app, 'stateless-api', VHOST, (dir) =>
      setSettings(dir, [[['env'], [{ name: 'CATALOG_JDBC_URL', default: jdbcUrl }]]]),
    );
  }, 1_200_000);

  afterAll(async () => {
    try {
      await undeploy(app);
    } finally {
      await db?.stop();
    }
  });

  it("builds the WAR with Debian's Maven plugins and PostgreSQL driver and pushes the image to the private registry", async () => {
    const image = definition(app.dir).container.docker.image;
    expect(image).toBe(`${REGISTRY}/stateless-api:1.4.0`);
    expect(app.built).toContain(`Pushed ${image}`);
    const tags = await httpGet(`http://${REGISTRY}/v2/stateless-api/tags/list`);
    expect(JSON.parse(tags.body).tags).toContain('1.4.0');
    const war = await warEntries(image);
    expect(war).toContain('WEB-INF/lib/postgresql-42.5.5.jar');
    expect(war).toContain('WEB-INF/classes/com/example/catalog/ProductServlet.class');
  });

  it('answers 200 through HAProxy for its virtual host and 503 for another host', async () => {
    await waitForStatus(`${app.front}/products/`, 200, VHOST);
    expect((await httpGet(`${app.front}/products/`, OTHER_HOST)).status).toBe(503);
  }, 240_000);

  it('lists the products of the database that CATALOG_JDBC_URL in its environment names', async () => {
    expect(definition(app.dir).env).toMatchObject({ CATALOG_JDBC_URL: jdbcUrl });
    const listed = await httpGet(`${app.front}/products/`, VHOST);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(listed.body)).toEqual(PRODUCTS);
    db!.sql("INSERT INTO product VALUES ('sugar bowl')");
    const csv = await httpGet(`${app.front}/products/?format=csv`, VHOST);
    expect(csv.body).toBe([...PRODUCTS, 'sugar bowl'].sort().join('\n') + '\n');
  });

  it('spreads requests over both instances (each host folder has them in its access log)', async () => {
    const reached = await reachesBothInstances(
      app,
      (n) => `${app.front}/products/?spread=${n}`,
      'GET /products/?spread=',
      VHOST,
    );
    expect(reached, INSTANCES.map((h) => filesIn(path.join(app.logs, h)).join(' ')).join(' | ')).toBe(true);
  }, 240_000);

  it("writes catalina.out, holding the app's own log lines, and the access log into one folder per host, readable by another user", () => {
    for (const folder of hostLogFolders(app)) {
      // the app logs to the console (java.util.logging), which catalina.out keeps
      expect(readFileSync(path.join(folder, 'catalina.out'), 'utf8')).toMatch(/listing \d+ products as json/);
    }
  });

  it('keeps answering through HAProxy when one container is killed', async () => {
    await killOneAndExpectAnswers(app, `${app.front}/products/`, VHOST);
  }, 120_000);
});

describe('spring-mvc-crm after fix --only externalize-config,logs: Spring 4.3 from Debian, sticky sessions, paasport preview', () => {
  const VHOST = 'crm.e2e.test';
  const PAGE = '/customers/edit';
  const app = { parent: '', dir: '', built: '', logs: '', front: '' };

  beforeAll(() => {
    // Spring Session is not packaged by Debian: the sessions stay in Tomcat's memory, which generate makes sticky
    deploy(app, 'spring-mvc-crm', VHOST, (dir) => paasport('fix', dir, '--only', 'externalize-config,logs'));
  }, 1_200_000);

  afterAll(() => undeploy(app));

  it("builds the WAR with Debian's Spring 4.3, MariaDB and JavaMail jars and pushes the image", async () => {
    const image = definition(app.dir).container.docker.image;
    expect(app.built).toContain(`Pushed ${image}`);
    const war = await warEntries(image);
    for (const jar of ['spring-webmvc-4.3.30.RELEASE.jar', 'mariadb-java-client-2.7.6.jar', 'javax.mail-1.6.5.jar']) {
      expect(war).toContain(`WEB-INF/lib/${jar}`);
    }
  });

  it('generate marks it sticky for marathon-lb, as its sessions stay in memory', () => {
    expect(definition(app.dir).labels).toMatchObject({ HAPROXY_0_STICKY: 'true', HAPROXY_0_VHOST: VHOST });
  });

  it('answers 200 through HAProxy for its virtual host (a Spring MVC form) and 503 for another host', async () => {
    await waitForStatus(`${app.front}${PAGE}`, 200, VHOST);
    const page = await httpGet(`${app.front}${PAGE}`, VHOST);
    expect(page.body).toMatch(/<form id="customerForm"[^>]*action="save"/);
    expect((await httpGet(`${app.front}${PAGE}`, OTHER_HOST)).status).toBe(503);
  }, 240_000);

  it('spreads clients without cookies over both instances (each host folder has them in its access log)', async () => {
    const reached = await reachesBothInstances(
      app,
      (n) => `${app.front}${PAGE}?spread=${n}`,
      `GET ${PAGE}?spread=`,
      VHOST,
    );
    expect(reached, INSTANCES.map((h) => filesIn(path.join(app.logs, h)).join(' ')).join(' | ')).toBe(true);
  }, 240_000);

  it("writes catalina.out, the access log and the app's log4j file into one folder per host, readable by another user", () => {
    for (const folder of hostLogFolders(app)) expect(filesIn(folder), folder).toContain('crm.log');
  });

  it("writes its log4j file where the task's environment says (LOG_DIR and HOST), no longer /home/crm/logs", async () => {
    const properties = readFileSync(path.join(app.dir, 'src/main/resources/log4j.properties'), 'utf8');
    expect(properties).toContain('log4j.appender.file.File=${LOG_DIR}/${HOST}/crm.log');
    for (const host of INSTANCES) {
      // Spring's own start-up lines, through commons-logging and log4j: Debian's jars at work in the WAR
      const log = readFileSync(path.join(app.logs, host, 'crm.log'), 'utf8');
      expect(log).toContain('Loaded JDBC driver: org.mariadb.jdbc.Driver');
      expect(log).toContain('Root WebApplicationContext: initialization completed');
    }
    const hosts = await Promise.all(
      (await previewContainers(docker, app.dir)).map(async (c) => {
        const env = ((await docker.getContainer(c.Id).inspect()).Config.Env ?? []) as string[];
        return env.find((e) => e.startsWith('HOST='))?.slice('HOST='.length);
      }),
    );
    expect(hosts.sort()).toEqual(INSTANCES);
  });

  it('keeps answering through HAProxy when one container is killed', async () => {
    await killOneAndExpectAnswers(app, `${app.front}${PAGE}`, VHOST);
  }, 120_000);
});
