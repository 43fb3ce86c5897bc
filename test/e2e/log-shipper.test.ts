// The shipper configurations of `generate --log-shipper` against the log files real Tomcat tasks write: servlet-shop
// (no fix) built and run by paasport preview with 2 instances, each writing into its folder of the log volume, and a
// request that makes its download servlet throw, which Tomcat logs with the stack trace.
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
import { definition, filesIn, INSTANCES, setSettings, startPreview, stopPreview } from './preview-app.js';
import { BUILD_IMAGE, RUNTIME_IMAGE } from './servlet-shop-app.js';

const VHOST = 'logs-shop.e2e.test';
// a line JULI's OneLineFormatter starts a record with: 29-Nov-2026 12:00:05.456
const JULI_RECORD = /^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3} [A-Z]+ /;

let parent = '';
let dir = '';
let logs = ''; // the host folder of the log volume in this preview, one folder per task under it
let front = '';
let hostPath = ''; // the log volume's host path in the app definition: where a shipper on the agent finds the folders
let filebeat: FilebeatInput;
let logstash: { path: string[]; codec: LogstashPlugin; mapping: string };

/** Each file of the log volume as the shipper on the agent sees it (the volume at its host path), and its real path. */
function shippedView(): { seen: string; real: string; host: string }[] {
  return INSTANCES.flatMap((host) =>
    filesIn(path.join(logs, host)).map((f) => ({
      seen: `${hostPath}/${host}/${f}`,
      real: path.join(logs, host, f),
      host,
    })),
  );
}

/** The JULI files (localhost.<date>.log) of all tasks that hold `text`. */
function localhostLogsWith(text: string): string[] {
  return shippedView()
    .filter((f) => /\/localhost\.\d{4}-\d{2}-\d{2}\.log$/.test(f.real))
    .filter((f) => readFileSync(f.real, 'utf8').includes(text))
    .map((f) => f.real);
}

beforeAll(async () => {
  ({ parent, dir } = fixtureRepo('servlet-shop'));
  setSettings(dir, [[['build', 'image'], BUILD_IMAGE]]);
  const common = ['--base-image', RUNTIME_IMAGE, '--vhost', VHOST];
  // catalina.out on the log volume needs the patched catalina.sh of the base image
  paasport('generate', dir, ...common, '--catalina-from-image', '--log-shipper', 'filebeat');
  paasport('generate', dir, ...common, '--log-shipper', 'logstash', '--out', path.join(parent, 'logstash'));
  hostPath = definition(dir).container.volumes!.find((v) => v.containerPath === '/logs')!.hostPath!;
  [filebeat] = filebeatInputs(readFileSync(path.join(dir, 'deploy/filebeat.yml'), 'utf8'));
  const conf = parseLogstashConf(readFileSync(path.join(parent, 'logstash/logstash.conf'), 'utf8'));
  const file = conf.input.find((p) => p.plugin === 'file')!.settings;
  const mapping = (conf.filter.find((p) => p.plugin === 'dissect')!.settings.mapping as LogstashHash)[
    '[log][file][path]'
  ] as string;
  logstash = { path: file.path as string[], codec: file.codec as LogstashPlugin, mapping };
  paasport('build', dir);
  ({ logs, front } = startPreview(dir, parent, VHOST));
  await waitForStatus(`${front}/index.jsp`, 200, VHOST);
}, 900_000);

afterAll(async () => {
  if (!dir) return;
  try {
    await stopPreview(dir);
  } finally {
    removeTree(parent);
  }
});

describe('generate --log-shipper: the shipper configurations on the log files of servlet-shop in paasport preview', () => {
  it("a request the download servlet fails on is logged with its stack trace in a task's localhost log", async () => {
    const r = await httpGet(`${front}/download?sku=no-such-sheet`, VHOST);
    expect(r.status).toBe(500);
    expect(await eventually(() => localhostLogsWith('DownloadServlet.doGet').length > 0)).toBe(true);
  });

  it("filebeat.yml's paths take in every file of each task's folder: catalina.out, the JULI logs, the access log", () => {
    const files = shippedView();
    const shipped = picomatch(filebeat.paths);
    expect(files.filter((f) => !shipped(f.seen)).map((f) => f.seen)).toEqual([]);
    for (const host of INSTANCES) {
      const names = files.filter((f) => f.host === host).map((f) => path.basename(f.seen));
      expect(names).toContain('catalina.out');
      for (const kind of [
        /^catalina\.\d{4}-\d{2}-\d{2}\.log$/,
        /^localhost\.\d{4}-\d{2}-\d{2}\.log$/,
        /^localhost_access_log/,
      ])
        expect(
          names.some((n) => kind.test(n)),
          `${host}: ${names.join(' ')}`,
        ).toBe(true);
    }
  });

  it("the paths take nothing outside the hosts' folders", () => {
    const shipped = picomatch(filebeat.paths);
    expect(shipped(`${hostPath}/catalina.out`)).toBe(false);
    expect(readdirSync(logs).sort()).toEqual([...INSTANCES].sort());
  });

  it("both shippers name each file's host after its folder, the task's HOST", () => {
    for (const f of shippedView()) {
      expect(dissect(filebeat.hostTokenizer, f.seen), f.seen).toEqual({ host: f.host });
      expect(dissect(logstash.mapping, f.seen), f.seen).toEqual({ log_folder: f.host });
    }
    expect(filebeat.hostPrefix).toBe('fields');
  });

  it("filebeat.yml's multiline pattern makes the servlet's exception one event with its log record", () => {
    const [file] = localhostLogsWith('DownloadServlet.doGet');
    const events = multilineEvents(readFileSync(file, 'utf8').trimEnd().split('\n'), filebeat.multiline.pattern);
    const failure = events.find((e) => e.includes('Servlet.service() for servlet [download]'));
    expect(failure, events.join('\n----\n')).toBeDefined();
    expect(failure).toMatch(JULI_RECORD);
    expect(failure).toMatch(/\n\s*java\.io\.FileNotFoundException: .*no-such-sheet\.pdf/);
    expect(failure).toMatch(/\n\s+at com\.acme\.shop\.web\.DownloadServlet\.doGet\(DownloadServlet\.java:\d+\)/);
    // every event of the JULI files starts with a record's line: no frame of the trace is left on its own
    for (const e of events) expect(e, e).toMatch(JULI_RECORD);
  });

  it('logstash.conf reads the same files and joins the same lines', () => {
    expect(logstash.path).toEqual(filebeat.paths);
    expect(logstash.codec.plugin).toBe('multiline');
    expect(logstash.codec.settings).toMatchObject({ pattern: filebeat.multiline.pattern, what: 'previous' });
  });
});
