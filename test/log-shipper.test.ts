import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import type { AppSettings, LogShipper } from '../analyzers/settings/types.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import type { MarathonVersion } from '../generators/deploy/marathon.js';
import { marathonValidators, validationErrors } from '../generators/deploy/marathon-schema.js';
import { assessFiles, bundledRules, CLI, golden, removeTree, ROOT } from './helpers.js';
import {
  dissect,
  filebeatInputs,
  multilineEvents,
  parseLogstashConf,
  undocumentedFilebeatKeys,
  type LogstashHash,
  type LogstashPlugin,
} from './log-shipper-config.js';

const SHOP = path.join(ROOT, 'fixtures/servlet-shop');

async function generated(shipper: LogShipper, settings: AppSettings = {}, app = SHOP) {
  const a = await assess(app, bundledRules(), { threads: 0 });
  const g = generateArtifacts(a, { ...settings, logs: { ...settings.logs, shipper } }, { outRel: 'deploy' });
  return Object.fromEntries(g.files.map((f) => [f.name, f.text]));
}

const fileInput = (conf: string) => parseLogstashConf(conf).input.find((p) => p.plugin === 'file')!.settings;

// JULI's OneLineFormatter as Tomcat writes localhost.<date>.log (the exception indented), a servlet's exception and its
// cause; then log4j's PatternLayout (nothing indented but the frames)
const TOMCAT_LOG = `29-Nov-2026 12:00:01.123 INFO [main] org.apache.catalina.core.ApplicationContext.log ContextListener: attributeAdded('shopName')
29-Nov-2026 12:00:05.456 SEVERE [http-nio-8080-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [download] in context with path [] threw exception
\tjava.io.FileNotFoundException: /usr/local/tomcat/webapps/ROOT/sheets/none.pdf (No such file or directory)
\t\tat java.base/java.io.FileInputStream.open0(Native Method)
\t\tat com.acme.shop.web.DownloadServlet.doGet(DownloadServlet.java:21)
\t\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:655)
\tCaused by: java.lang.IllegalStateException: sheet store closed
\t\tat com.acme.shop.web.Sheets.open(Sheets.java:9)
\t\t... 23 more
2026-11-29 12:00:05,789 ERROR [com.example.crm.web.CustomerController] - save failed
java.sql.SQLException: Connection refused
\tat org.mariadb.jdbc.Driver.connect(Driver.java:88)
Caused by: java.net.ConnectException: Connection refused
\t... 12 more
29-Nov-2026 12:00:06.000 INFO [main] org.apache.catalina.startup.Catalina.start job started at 12:00
org.acme.ExceptionHandler registered
`;

describe('log shipper configuration: golden files', () => {
  for (const shipper of ['filebeat', 'logstash'] as const) {
    it(`servlet-shop with logs.shipper ${shipper}`, async () => {
      const files = await generated(shipper, { image: { registry: 'registry.local:5000', tag: '1.0.0' } });
      const name = shipper === 'filebeat' ? 'filebeat.yml' : 'logstash.conf';
      golden(`servlet-shop/${name}`, files[name]);
      expect(files[shipper === 'filebeat' ? 'logstash.conf' : 'filebeat.yml']).toBeUndefined();
    });
  }

  it('writes no shipper configuration unless settings or the flag name one', async () => {
    const a = await assess(SHOP, bundledRules(), { threads: 0 });
    const names = generateArtifacts(a, {}, { outRel: 'deploy' }).files.map((f) => f.name);
    expect(names.filter((n) => /filebeat|logstash/.test(n))).toEqual([]);
  });
});

describe('filebeat.yml', () => {
  it("is YAML with only keys of Filebeat's documented schema", async () => {
    const text = (await generated('filebeat'))['filebeat.yml'];
    expect(undocumentedFilebeatKeys(text)).toEqual([]);
    const [input] = filebeatInputs(text);
    expect(input.multiline).toMatchObject({ type: 'pattern', negate: false, match: 'after' });
    expect(input.fields).toEqual({ app: 'servlet-shop' });
  });

  it("reads every host's folder under the log volume's host path, and takes the host from the folder's name", async () => {
    const text = (await generated('filebeat', { logs: { hostPath: '/srv/paas/logs/' } }))['filebeat.yml'];
    const [input] = filebeatInputs(text);
    expect(input.paths).toEqual([
      '/srv/paas/logs/*/*.log',
      '/srv/paas/logs/*/catalina.out',
      '/srv/paas/logs/*/localhost_access_log*.txt',
    ]);
    const matches = picomatch(input.paths);
    expect(matches('/srv/paas/logs/agent-7/catalina.2026-11-29.log')).toBe(true);
    expect(matches('/srv/paas/logs/agent-7/localhost_access_log.2026-11-29.txt')).toBe(true);
    expect(matches('/srv/paas/logs/agent-7/sub/x.log')).toBe(false);
    expect(input.hostPrefix).toBe('fields');
    expect(dissect(input.hostTokenizer, '/srv/paas/logs/agent-7/catalina.out')).toEqual({ host: 'agent-7' });
  });

  it('sends to Logstash at the address of an environment variable, never a written one', async () => {
    const text = (await generated('filebeat'))['filebeat.yml'];
    const hosts = text.match(/^ {2}hosts: \[(.*)\]$/m)?.[1];
    expect(hosts).toMatch(/^'\$\{LOGSTASH_HOSTS:\?[^}]*\}'$/);
    expect(text).not.toMatch(/\d+\.\d+\.\d+\.\d+|localhost:\d+/);
  });

  it('joins a Java stack trace, its exception line and its causes, to the log line above it', async () => {
    const [input] = filebeatInputs((await generated('filebeat'))['filebeat.yml']);
    const events = multilineEvents(TOMCAT_LOG.trimEnd().split('\n'), input.multiline.pattern);
    expect(events).toHaveLength(5);
    expect(events[1].split('\n')).toHaveLength(8);
    expect(events[1]).toMatch(
      /^29-Nov-2026 12:00:05.456 SEVERE .*\n\tjava\.io\.FileNotFoundException[^]*\t\.\.\. 23 more$/,
    );
    expect(events[2].split('\n')).toHaveLength(5);
    expect(events[2]).toMatch(/^2026-11-29 12:00:05,789 ERROR .*\njava\.sql\.SQLException[^]*\t\.\.\. 12 more$/);
    expect(events[3]).toBe(
      '29-Nov-2026 12:00:06.000 INFO [main] org.apache.catalina.startup.Catalina.start job started at 12:00',
    );
    expect(events[4]).toBe('org.acme.ExceptionHandler registered');
  });
});

describe('logstash.conf', () => {
  it('has input, filter and output sections of balanced plugins', async () => {
    const conf = parseLogstashConf((await generated('logstash'))['logstash.conf']);
    expect(conf.input.map((p) => p.plugin)).toEqual(['file']);
    expect(conf.filter.map((p) => p.plugin)).toEqual(['dissect', 'mutate']);
    expect(conf.output.map((p) => p.plugin)).toEqual(['elasticsearch']);
  });

  it('reads the same files as filebeat.yml and joins stack traces with the same pattern', async () => {
    const settings = { logs: { hostPath: '/srv/paas/logs' } };
    const [beat] = filebeatInputs((await generated('filebeat', settings))['filebeat.yml']);
    const file = fileInput((await generated('logstash', settings))['logstash.conf']);
    expect(file.path).toEqual(beat.paths);
    const codec = file.codec as LogstashPlugin;
    expect(codec.plugin).toBe('multiline');
    expect(codec.settings).toMatchObject({ pattern: beat.multiline.pattern, negate: 'false', what: 'previous' });
  });

  it("takes the host from the folder's name and adds the app, under fields as Filebeat does", async () => {
    const conf = parseLogstashConf((await generated('logstash'))['logstash.conf']);
    const mapping = (conf.filter[0].settings.mapping as LogstashHash)['[log][file][path]'] as string;
    expect(dissect(mapping, '/data/logs/agent-2/localhost.2026-11-29.log')).toEqual({ log_folder: 'agent-2' });
    expect(conf.filter[1].settings).toEqual({
      rename: { log_folder: '[fields][host]' },
      add_field: { '[fields][app]': 'servlet-shop' },
    });
  });

  it('sends to Elasticsearch at the address of an environment variable', async () => {
    const conf = parseLogstashConf((await generated('logstash'))['logstash.conf']);
    expect(conf.output[0].settings.hosts).toEqual(['${ELASTICSEARCH_HOSTS}']);
  });

  it('the structure parser refuses what Logstash would not load', () => {
    expect(() => parseLogstashConf('input { file { path => "/x" }')).toThrow(/unexpected end/);
    expect(() => parseLogstashConf('inputs { }')).toThrow(/unknown section/);
    expect(() => parseLogstashConf('filter { mutate { add_field => } }')).toThrow(/a value expected/);
    expect(() => parseLogstashConf('output { stdout { } } }')).toThrow(/unknown section }/);
  });
});

describe("the application's own log files", () => {
  it('get a path of their own when the Tomcat patterns miss them', async () => {
    const a = await assessFiles({
      'WEB-INF/web.xml': '<web-app/>',
      'WEB-INF/classes/log4j.properties': [
        'log4j.rootLogger=INFO, audit, main',
        'log4j.appender.audit=org.apache.log4j.DailyRollingFileAppender',
        'log4j.appender.audit.File=${LOG_DIR}/${HOST}/audit.txt',
        'log4j.appender.main=org.apache.log4j.FileAppender',
        'log4j.appender.main.File=${LOG_DIR}/${HOST}/main.log',
        '',
      ].join('\n'),
    });
    const g = generateArtifacts(a, { logs: { shipper: 'filebeat' } }, { outRel: 'deploy' });
    const [input] = filebeatInputs(g.files.find((f) => f.name === 'filebeat.yml')!.text);
    expect(input.paths.filter((p) => p.includes('audit') || p.includes('main'))).toEqual(['/data/logs/*/audit.txt']);
  });
});

describe('generating again', () => {
  it('gives the same paths once the app folder holds the generated logging.properties (JULI handlers)', async () => {
    const first = generateArtifacts(await assessFiles({ 'WEB-INF/web.xml': '<web-app/>' }), {}, { outRel: 'deploy' });
    const juli = first.files.find((f) => f.name === 'logging.properties')!.text;
    const again = await assessFiles({ 'WEB-INF/web.xml': '<web-app/>', 'deploy/logging.properties': juli });
    expect(again.config.fileAppenders.length).toBeGreaterThan(0);
    const g = generateArtifacts(again, { logs: { shipper: 'filebeat' } }, { outRel: 'deploy' });
    const [input] = filebeatInputs(g.files.find((f) => f.name === 'filebeat.yml')!.text);
    expect(input.paths).toEqual([
      '/data/logs/*/*.log',
      '/data/logs/*/catalina.out',
      '/data/logs/*/localhost_access_log*.txt',
    ]);
  });
});

describe('DEPLOY.md runs the shipper on each agent', () => {
  for (const version of ['1.1', '1.4', '1.5'] as MarathonVersion[]) {
    it(`a Marathon ${version} app, one task per host, checked against the official schema`, async () => {
      const md = (await generated('logstash', { marathon: { version } }))['DEPLOY.md'];
      expect(md).toContain('### Shipping the logs to ELK');
      const app = JSON.parse(/```json\n([^`]*)```/.exec(md.slice(md.indexOf('### Shipping')))![1]);
      expect(validationErrors(marathonValidators(version).app, app)).toEqual([]);
      expect(app.constraints).toEqual([['hostname', 'UNIQUE']]);
      expect(app.container.volumes[0]).toEqual({ containerPath: '/data/logs', hostPath: '/data/logs', mode: 'RO' });
      expect(md).toContain('install -d -o 1000 -g 1000 /var/lib/paasport/servlet-shop-logstash');
    });
  }
});

describe('paasport generate --log-shipper', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  const copyOfShop = () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-shipper-'));
    cpSync(SHOP, path.join(parent, 'shop'), { recursive: true });
    return { parent, dir: path.join(parent, 'shop') };
  };

  it('exits 2 and names the valid shippers for an unknown one', () => {
    const r = run('generate', SHOP, '--log-shipper', 'fluentd', '--dry-run');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('fluentd');
    expect(r.stderr).toMatch(/filebeat, logstash/);
  });

  it('exits 2 for an unknown shipper in paasport.yaml', () => {
    const { parent, dir } = copyOfShop();
    try {
      writeFileSync(path.join(dir, 'paasport.yaml'), 'logs:\n  shipper: fluentd\n');
      const r = run('generate', dir);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('/logs/shipper must be equal to one of the allowed values');
      expect(existsSync(path.join(dir, 'deploy'))).toBe(false);
    } finally {
      removeTree(parent);
    }
  });

  it('writes the shipper file beside the other artifacts, recorded as generated; the flag wins over paasport.yaml', () => {
    const { parent, dir } = copyOfShop();
    try {
      writeFileSync(path.join(dir, 'paasport.yaml'), 'logs:\n  shipper: logstash\n');
      const r = run('generate', dir, '--log-shipper', 'filebeat');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('deploy/filebeat.yml');
      expect(existsSync(path.join(dir, 'deploy/logstash.conf'))).toBe(false);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'deploy/.paasport-generated.json'), 'utf8'));
      expect(Object.keys(manifest.files)).toContain('filebeat.yml');
      expect(readFileSync(path.join(dir, 'deploy/DEPLOY.md'), 'utf8')).toContain('deploy/filebeat.yml');
    } finally {
      removeTree(parent);
    }
  });
});
