// The shipper configurations of `generate --log-shipper` against the log files real Tomcat tasks write, each app built
// and run by paasport preview with 2 instances, each task writing into its folder of the log volume: servlet-shop
// (no fix), whose download servlet throws on a missing sheet and Tomcat logs the stack trace; spring-mvc-crm after
// `fix --only externalize-config,logs`, built in the Maven stage made from Debian, which writes its own log4j file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTree } from '../helpers.js';
import {
  dissect,
  filebeatInputs,
  multilineEvents,
  parseLogstashConf,
  type FilebeatInput,
  type LogstashHash,
  type LogstashPlugin,
} from '../log-shipper-config.js';
import { eventually } from './access-log.js';
import { fixtureRepo, paasport } from './app-repo.js';
import { httpGet, waitForStatus } from './http-get.js';
import {
  definition,
  filesIn,
  INSTANCES,
  MAVEN_BUILD_IMAGE,
  setSettings,
  startPreview,
  stopPreview,
} from './preview-app.js';
import { BUILD_IMAGE, RUNTIME_IMAGE } from './servlet-shop-app.js';

// a line JULI's OneLineFormatter starts a record with: 29-Nov-2026 12:00:05.456
const JULI_RECORD = /^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3} [A-Z]+ /;

interface Previewed {
  parent: string;
  dir: string;
  logs: string; // the host folder of the log volume in this preview, one folder per task under it
  front: string;
  hostPath: string; // the log volume's host path in the app definition: where a shipper on the agent finds it
  filebeat: FilebeatInput;
  logstash: { path: string[]; codec: LogstashPlugin; mapping: string };
}

/** logstash.conf as the test needs it: the file input's paths and codec, the dissect mapping of the path. */
function logstashOf(file: string): Previewed['logstash'] {
  const conf = parseLogstashConf(readFileSync(file, 'utf8'));
  const input = conf.input.find((p) => p.plugin === 'file')!.settings;
  const mapping = conf.filter.find((p) => p.plugin === 'dissect')!.settings.mapping as LogstashHash;
  return {
    path: input.path as string[],
    codec: input.codec as LogstashPlugin,
    mapping: mapping['[log][file][path]'] as string,
  };
}

/**
 * fixtures/FIXTURE in a repository of its own, `prepare`d, generated with both shippers (logstash.conf in a folder of
 * its own), built and previewed with 2 instances; fills `app` as it goes, so that afterAll finds what to remove.
 */
function previewWithShippers(
  app: Previewed,
  fixture: string,
  vhost: string,
  buildImage: string,
  prepare: (dir: string) => void = () => {},
): void {
  ({ parent: app.parent, dir: app.dir } = fixtureRepo(fixture));
  prepare(app.dir);
  setSettings(app.dir, [[['build', 'image'], buildImage]]);
  const common = ['--base-image', RUNTIME_IMAGE, '--vhost', vhost];
  // catalina.out on the log volume needs the patched catalina.sh of the base image
  paasport('generate', app.dir, ...common, '--catalina-from-image', '--log-shipper', 'filebeat');
  paasport('generate', app.dir, ...common, '--log-shipper', 'logstash', '--out', path.join(app.parent, 'logstash'));
  app.hostPath = definition(app.dir).container.volumes!.find((v) => v.containerPath === '/logs')!.hostPath!;
  [app.filebeat] = filebeatInputs(readFileSync(path.join(app.dir, 'deploy/filebeat.yml'), 'utf8'));
  app.logstash = logstashOf(path.join(app.parent, 'logstash/logstash.conf'));
  paasport('build', app.dir);
  ({ logs: app.logs, front: app.front } = startPreview(app.dir, app.parent, vhost));
}

async function removePreview(app: Previewed): Promise<void> {
  if (!app.parent) return;
  try {
    if (app.dir) await stopPreview(app.dir);
  } finally {
    removeTree(app.parent);
  }
}

/** Each file of the log volume as the shipper on the agent sees it (the volume at its host path), and its real path. */
function shippedView(app: Previewed): { seen: string; real: string; host: string }[] {
  return INSTANCES.flatMap((host) =>
    filesIn(path.join(app.logs, host)).map((f) => ({
      seen: `${app.hostPath}/${host}/${f}`,
      real: path.join(app.logs, host, f),
      host,
    })),
  );
}

/** The files of every task's folder named like `name` that hold `text`. */
function logsWith(app: Previewed, name: RegExp, text: string): string[] {
  return shippedView(app)
    .filter((f) => name.test(path.basename(f.real)) && readFileSync(f.real, 'utf8').includes(text))
    .map((f) => f.real);
}

const eventsOf = (file: string, pattern: string) =>
  multilineEvents(readFileSync(file, 'utf8').trimEnd().split('\n'), pattern);

/** The checks both apps share: every file of each task's folder shipped, the host from the folder, one pattern. */
function itShipsEveryFileOfEachTask(app: Previewed, expected: RegExp[]): void {
  it("filebeat.yml's paths take in every file of each task's folder, and nothing outside the folders", () => {
    const files = shippedView(app);
    const shipped = picomatch(app.filebeat.paths);
    expect(files.filter((f) => !shipped(f.seen)).map((f) => f.seen)).toEqual([]);
    for (const host of INSTANCES) {
      const names = files.filter((f) => f.host === host).map((f) => path.basename(f.seen));
      for (const kind of expected)
        expect(
          names.some((n) => kind.test(n)),
          `${host}: ${names.join(' ')}`,
        ).toBe(true);
    }
    expect(shipped(`${app.hostPath}/catalina.out`)).toBe(false);
    expect(readdirSync(app.logs).sort()).toEqual([...INSTANCES].sort());
  });

  it("both shippers name each file's host after its folder, the task's HOST", () => {
    for (const f of shippedView(app)) {
      expect(dissect(app.filebeat.hostTokenizer, f.seen), f.seen).toEqual({ host: f.host });
      expect(dissect(app.logstash.mapping, f.seen), f.seen).toEqual({ log_folder: f.host });
    }
    expect(app.filebeat.hostPrefix).toBe('fields');
  });

  it('logstash.conf reads the same files and joins the same lines', () => {
    expect(app.logstash.path).toEqual(app.filebeat.paths);
    expect(app.logstash.codec.plugin).toBe('multiline');
    expect(app.logstash.codec.settings).toMatchObject({ pattern: app.filebeat.multiline.pattern, what: 'previous' });
  });
}

const TOMCAT_FILES = [
  /^catalina\.out$/,
  /^catalina\.\d{4}-\d{2}-\d{2}\.log$/,
  /^localhost\.\d{4}-\d{2}-\d{2}\.log$/,
  /^localhost_access_log/,
];

describe('generate --log-shipper on the log files of servlet-shop in paasport preview', () => {
  const VHOST = 'logs-shop.e2e.test';
  const app = { parent: '', dir: '' } as Previewed;

  beforeAll(async () => {
    previewWithShippers(app, 'servlet-shop', VHOST, BUILD_IMAGE);
    await waitForStatus(`${app.front}/index.jsp`, 200, VHOST);
  }, 900_000);

  afterAll(() => removePreview(app));

  it("a request the download servlet fails on is logged with its stack trace in a task's localhost log", async () => {
    const r = await httpGet(`${app.front}/download?sku=no-such-sheet`, VHOST);
    expect(r.status).toBe(500);
    expect(await eventually(() => logsWith(app, /^localhost\./, 'DownloadServlet.doGet').length > 0)).toBe(true);
  });

  itShipsEveryFileOfEachTask(app, TOMCAT_FILES);

  it("filebeat.yml's multiline pattern makes the servlet's exception one event with its log record", () => {
    const [file] = logsWith(app, /^localhost\./, 'DownloadServlet.doGet');
    const events = eventsOf(file, app.filebeat.multiline.pattern);
    const failure = events.find((e) => e.includes('Servlet.service() for servlet [download]'));
    expect(failure, events.join('\n----\n')).toBeDefined();
    expect(failure).toMatch(JULI_RECORD);
    expect(failure).toMatch(/\n\s*java\.io\.FileNotFoundException: .*no-such-sheet\.pdf/);
    expect(failure).toMatch(/\n\s+at com\.acme\.shop\.web\.DownloadServlet\.doGet\(DownloadServlet\.java:\d+\)/);
    // every event of the JULI file starts with a record's line: no frame of the trace is left on its own
    for (const e of events) expect(e, e).toMatch(JULI_RECORD);
  });
});

describe("generate --log-shipper on spring-mvc-crm's own log4j file in paasport preview", () => {
  const VHOST = 'logs-crm.e2e.test';
  const app = { parent: '', dir: '' } as Previewed;
  // log4j's ConversionPattern of the app: %d %p [%c] - %m%n
  const LOG4J_RECORD = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} [A-Z]+ \[/;

  beforeAll(async () => {
    previewWithShippers(app, 'spring-mvc-crm', VHOST, MAVEN_BUILD_IMAGE, (dir) =>
      paasport('fix', dir, '--only', 'externalize-config,logs'),
    );
    await waitForStatus(`${app.front}/customers/edit`, 200, VHOST);
  }, 1_200_000);

  afterAll(() => removePreview(app));

  itShipsEveryFileOfEachTask(app, [...TOMCAT_FILES, /^crm\.log$/]);

  it('the multiline pattern keeps each log4j record of crm.log an event of its own', () => {
    for (const host of INSTANCES) {
      const events = eventsOf(path.join(app.logs, host, 'crm.log'), app.filebeat.multiline.pattern);
      expect(events.some((e) => e.includes('Root WebApplicationContext: initialization completed'))).toBe(true);
      for (const e of events) expect(e, e).toMatch(LOG4J_RECORD);
    }
  });
});
