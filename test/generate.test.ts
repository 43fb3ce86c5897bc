import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { loadSettings } from '../analyzers/settings/paasport-yaml.js';
import type { AppSettings } from '../analyzers/settings/types.js';
import { lintDockerfile } from '../generators/deploy/dockerfile-lint.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import { pointsAtLocalhost } from '../generators/deploy/local-defaults.js';
import type { MarathonVersion } from '../generators/deploy/marathon.js';
import { marathonValidators, validationErrors } from '../generators/deploy/marathon-schema.js';
import { runFix } from '../refactors/workflow.js';
import { commitAll } from './git-repo.js';
import { assessFiles, bundledRules, CLI, golden, removeTree, ROOT } from './helpers.js';

const APPS = [
  'servlet-shop',
  'spring-mvc-crm',
  'struts-forum',
  'stateless-api',
  'order-broker',
  'kanban-demo',
  'library-spring25',
];
const VERSIONS: MarathonVersion[] = ['1.1', '1.4', '1.5'];

const settings = (app: string) => ({
  image: { registry: 'registry.local:5000', tag: '1.0.0' },
  marathon: { vhost: `${app}.example.com`, servicePort: 10100 + APPS.indexOf(app) },
  timezone: 'Asia/Shanghai',
});

describe('generate: golden files for each fixture and each Marathon version', () => {
  for (const app of APPS) {
    it(app, async () => {
      const a = await assess(path.join(ROOT, 'fixtures', app), bundledRules(), { threads: 0 });
      for (const version of VERSIONS) {
        const g = generateArtifacts(
          a,
          { ...settings(app), marathon: { ...settings(app).marathon, version } },
          { outRel: 'deploy' },
        );
        const validators = marathonValidators(version);
        expect(validationErrors(validators.app, g.marathon)).toEqual([]);
        const byName = Object.fromEntries(g.files.map((f) => [f.name, f.text]));
        golden(`${app}/v${version}/marathon-app.json`, byName['marathon-app.json']);
        golden(`${app}/v${version}/DEPLOY.md`, byName['DEPLOY.md']);
        if (version === '1.5') {
          for (const f of g.files.filter(
            (x) => !['marathon-app.json', 'DEPLOY.md', 'Dockerfile.dockerignore'].includes(x.name),
          ))
            golden(`${app}/${f.name}`, f.text);
        }
        expect(lintDockerfile(byName.Dockerfile)).toEqual([]);
      }
    });
  }
});

describe('generated Marathon definitions', () => {
  it('1.5 moves network and port mappings; 1.1 and 1.4 keep them under docker', async () => {
    const a = await assess(path.join(ROOT, 'fixtures/stateless-api'), bundledRules(), { threads: 0 });
    const old = generateArtifacts(a, { marathon: { version: '1.4' } }, { outRel: 'deploy' }).marathon as any;
    const now = generateArtifacts(a, { marathon: { version: '1.5' } }, { outRel: 'deploy' }).marathon as any;
    expect(old.container.docker).toMatchObject({
      network: 'BRIDGE',
      portMappings: [{ containerPort: 8080, hostPort: 0, servicePort: 10000 }],
    });
    expect(old.networks).toBeUndefined();
    expect(now.container.docker.network).toBeUndefined();
    expect(now.networks).toEqual([{ mode: 'container/bridge' }]);
    expect(now.container.portMappings[0]).toMatchObject({ containerPort: 8080, hostPort: 0 });
  });

  it('a stateless app runs 2+ instances without stickiness; a stateful one runs 1, sticky', async () => {
    const stateless = generateArtifacts(
      await assess(path.join(ROOT, 'fixtures/stateless-api'), bundledRules(), { threads: 0 }),
      {},
      { outRel: 'deploy' },
    ).marathon as any;
    expect(stateless.instances).toBe(2);
    expect(stateless.labels.HAPROXY_0_STICKY).toBeUndefined();
    expect(stateless.constraints).toEqual([['hostname', 'UNIQUE']]);
    const stateful = generateArtifacts(
      await assess(path.join(ROOT, 'fixtures/servlet-shop'), bundledRules(), { threads: 0 }),
      { marathon: { instances: 4 } },
      { outRel: 'deploy' },
    ).marathon as any;
    expect(stateful.instances).toBe(1);
    expect(stateful.labels.HAPROXY_0_STICKY).toBe('true');
  });

  it('resource isolation without cpu-shares and memory, which Mesos sets itself', async () => {
    const a = await assess(path.join(ROOT, 'fixtures/stateless-api'), bundledRules(), { threads: 0 });
    const m = generateArtifacts(
      a,
      { marathon: { cpus: 0.5, mem: 768, isolation: { cpusetCpus: '0-1', blkioWeight: 300 } } },
      { outRel: 'deploy' },
    ).marathon as any;
    const params = Object.fromEntries(
      m.container.docker.parameters.map((p: { key: string; value: string }) => [p.key, p.value]),
    );
    expect(params).toEqual({
      'cpu-period': '100000',
      'cpu-quota': '50000',
      'memory-swap': '768m',
      'blkio-weight': '300',
      'cpuset-cpus': '0-1',
    });
  });
});

describe('the environment a deployment gets', () => {
  it('a default that names the local machine is not shipped', () => {
    for (const local of [
      'jdbc:mysql://localhost:3306/shop',
      'http://127.0.0.1:8080/api',
      'jdbc:oracle:thin:@localhost:1521:XE',
      'tcp://0.0.0.0:61616',
      'jdbc:sqlserver://localhost;databaseName=erp',
    ])
      expect(pointsAtLocalhost(local), local).toBe(true);
    for (const remote of ['jdbc:mysql://db.local/x', 'http://localhost.example.com/', 'mylocalhostname', '/var/data'])
      expect(pointsAtLocalhost(remote), remote).toBe(false);
  });

  it('Marathon gets no localhost default, DEPLOY.md says to set it, and lists a volume variable once', async () => {
    const a = await assess(path.join(ROOT, 'fixtures/stateless-api'), bundledRules(), { threads: 0 });
    const g = generateArtifacts(
      a,
      {
        env: [
          { name: 'DB_URL', default: 'jdbc:mysql://localhost:3306/shop' },
          { name: 'API_URL', default: 'http://10.0.0.5/api' },
          { name: 'UPLOAD_DIR', default: '/var/upload' },
        ],
        volumes: [{ env: 'UPLOAD_DIR', defaultPath: '/var/upload' }],
      },
      { outRel: 'deploy' },
    );
    const env = (g.marathon as any).env;
    expect(env.DB_URL).toBeUndefined();
    expect(env.API_URL).toBe('http://10.0.0.5/api');
    expect(env.UPLOAD_DIR).toBe('/data/upload-dir');
    const deploy = g.files.find((f) => f.name === 'DEPLOY.md')!.text;
    expect(deploy).toContain(
      "| `DB_URL` | no | app definition: set it (the sources' `jdbc:mysql://localhost:3306/shop` names the container itself) |",
    );
    expect(deploy.match(/^\| `UPLOAD_DIR` \|/gm)).toHaveLength(2); // once as a variable, once as a data volume
    expect(deploy).toContain('app definition (default `/data/upload-dir`)');
    expect(deploy).not.toContain('default `/var/upload`');
    expect(deploy).toContain('without shared storage every instance sees its own files');
  });
});

describe('generate after fix', () => {
  it('secrets never go in a generated file: an env file the agents fetch, or store references on request', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-gen-'));
    const dir = path.join(parent, 'servlet-shop');
    try {
      cpSync(path.join(ROOT, 'fixtures/servlet-shop'), dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'WebContent/META-INF/context.xml'),
        '<Context>\n  <Resource name="jdbc/shop" url="jdbc:mysql://10.1.1.5:3306/shop" password="S3cret!"/>\n</Context>\n',
      );
      commitAll(dir);
      await runFix(dir, {
        rules: bundledRules(),
        branch: 'paasport/stateless',
        dryRun: false,
        allowDirty: false,
        logs: 'volume',
      });
      const a = await assess(dir, bundledRules(), { threads: 0 });
      const cfg = loadSettings(path.join(dir, 'paasport.yaml'));
      for (const version of VERSIONS) {
        const g = generateArtifacts(a, cfg, { outRel: 'deploy', marathonVersion: version });
        const all = g.files.map((f) => f.text).join('\n');
        expect(all).not.toContain('S3cret!');
        const m = g.marathon as any;
        expect(m.instances).toBe(2); // sessions are in Redis now
        // stock Marathon refuses secret references: by default the agents fetch an env file, which setenv.sh reads
        expect(m.env.JDBC_SHOP_PASSWORD).toBeUndefined();
        expect(m.secrets).toBeUndefined();
        expect(m.fetch.map((f: { uri: string }) => f.uri)).toContain('file:///etc/paasport/servlet-shop.secrets.env');
        expect(g.files.find((f) => f.name === 'setenv.sh')!.text).toContain('servlet-shop.secrets.env');
        // the Redisson client finds the store of --with-store through marathon-lb unless told otherwise
        expect(m.env).toMatchObject({ REDIS_HOST: 'marathon-lb.marathon.mesos', REDIS_PORT: '10001' });
        expect(m.env.ORDER_DIR).toBe('/data/order-dir');
        expect(m.container.volumes).toContainEqual({
          hostPath: '/data/paasport/servlet-shop/order-dir',
          containerPath: '/data/order-dir',
          mode: 'RW',
        });
        const docker = g.files.find((f) => f.name === 'Dockerfile')!.text;
        // the jars come from the build context, readable by Tomcat's user, never fetched while building
        expect(docker).toContain('COPY --chown=tomcat:tomcat deploy/lib/redisson-tomcat-9-3.27.2.jar lib/');
        expect(docker).not.toMatch(/https?:\/\//);
        expect(g.files.find((f) => f.name === 'tomcat-lib.txt')!.text).toBe(
          'org.redisson:redisson-all:3.27.2\norg.redisson:redisson-tomcat-9:3.27.2\n',
        );
        expect(docker).toContain('COPY deploy/redisson.yaml conf/redisson.yaml');
        const setenv = g.files.find((f) => f.name === 'setenv.sh')!.text;
        expect(setenv).toContain('paasport_opt "-Djdbc.shop.url=${JDBC_SHOP_URL}"');
        // the password goes into the properties file Tomcat loads, never on the command line
        expect(setenv).toContain('paasport_property "jdbc.shop.password" "${JDBC_SHOP_PASSWORD}"');
        expect(setenv).not.toMatch(/-Djdbc\.shop\.password/);
        expect(lintDockerfile(docker)).toEqual([]);
        if (version === '1.1') continue;
        const store = generateArtifacts(
          a,
          { ...cfg, marathon: { ...cfg.marathon, secrets: 'store' } },
          {
            outRel: 'deploy',
            marathonVersion: version,
          },
        );
        const s = store.marathon as any;
        expect(s.env.JDBC_SHOP_PASSWORD).toEqual({ secret: 'jdbc-shop-password' });
        expect(s.secrets['jdbc-shop-password']).toEqual({ source: 'apps/servlet-shop/jdbc-shop-password' });
        expect(s.fetch ?? []).toEqual([]);
        expect(store.files.find((f) => f.name === 'DEPLOY.md')!.text).toContain('--enable_features secrets');
      }
    } finally {
      removeTree(parent);
    }
  });
});

describe('generate options', () => {
  it('a private mirror of the base images, a context path, session jars from a local folder, a store app for tests', async () => {
    const a = await assess(path.join(ROOT, 'fixtures/servlet-shop'), bundledRules(), { threads: 0 });
    const g = generateArtifacts(
      a,
      {
        image: { registry: 'registry.local:5000', baseRegistry: 'registry.local:5000/library', tag: '2.0.0' },
        contextPath: '/shop',
        build: { jarsDir: 'deploy/jars' },
        sessionStore: { type: 'redis', jars: ['org.redisson:redisson-all:3.27.2'] },
        marathon: { version: '1.1', servicePort: 10200 },
      },
      { outRel: 'deploy', withStore: true },
    );
    const docker = g.files.find((f) => f.name === 'Dockerfile')!.text;
    expect(docker).toContain('FROM registry.local:5000/library/tomcat:9.0-jdk8-temurin');
    // the build stage comes from the same mirror: a build machine without Docker Hub stops at the first FROM
    expect(docker).toContain('FROM registry.local:5000/library/eclipse-temurin:8-jdk AS build');
    expect(docker).not.toMatch(/^FROM (?!registry\.local:5000\/)/m);
    expect(docker).toContain('COPY --chown=tomcat:tomcat deploy/jars/*.jar lib/');
    expect(docker).not.toContain('ADD https://');
    expect(docker).toContain('COPY --from=registry.local:5000/library/tomcat:9.0-jdk8-temurin /usr/local/tomcat/lib');
    expect(docker).toContain('COPY --from=build /build/WebContent webapps/shop/');
    expect((g.marathon as any).labels.HAPROXY_0_PATH).toBe('/shop');
    expect((g.marathon as any).healthChecks[0].path).toBe('/shop/paasport-health.jsp');
    expect(docker).toContain('COPY deploy/paasport-health.jsp webapps/shop/paasport-health.jsp');
    const store = JSON.parse(g.files.find((f) => f.name === 'redis-app.json')!.text);
    expect(store).toMatchObject({
      id: '/apps/servlet-shop-redis',
      instances: 1,
      container: { docker: { image: 'registry.local:5000/library/redis:7.2-alpine', network: 'BRIDGE' } },
    });
    expect(validationErrors(marathonValidators('1.1').app, store)).toEqual([]);
    expect(lintDockerfile(docker)).toEqual([]);
  });

  it('health: a session-less page the image adds to an exploded webapp; TCP for a WAR or a servlet on /*', async () => {
    const shop = await assess(path.join(ROOT, 'fixtures/servlet-shop'), bundledRules(), { threads: 0 });
    const check = (a: typeof shop, cfg: AppSettings) => {
      const g = generateArtifacts(a, cfg, { outRel: 'deploy' });
      return { hc: (g.marathon as any).healthChecks[0], files: g.files.map((f) => f.name), g };
    };
    const exploded = check(shop, {});
    expect(exploded.hc).toMatchObject({ protocol: 'HTTP', path: '/paasport-health.jsp' });
    const page = exploded.g.files.find((f) => f.name === 'paasport-health.jsp')!.text;
    expect(page).toContain('session="false"');
    const war = check(shop, { build: { war: 'target/shop.war' } });
    expect(war.hc).toMatchObject({ protocol: 'TCP', portIndex: 0 });
    expect(war.hc.path).toBeUndefined();
    expect(war.files).not.toContain('paasport-health.jsp');
    expect(check(shop, { build: { war: 'x.war' }, marathon: { healthCheck: { path: '/ping' } } }).hc).toMatchObject({
      protocol: 'HTTP',
      path: '/ping',
    });
    const front = await assessFiles({
      'WebContent/WEB-INF/web.xml':
        '<web-app version="2.5"><servlet><servlet-name>front</servlet-name><servlet-class>a.Front</servlet-class>' +
        '</servlet><servlet-mapping><servlet-name>front</servlet-name><url-pattern>/*</url-pattern>' +
        '</servlet-mapping></web-app>\n',
      'WebContent/index.html': 'hi\n',
    });
    expect(check(front, {}).hc.protocol).toBe('TCP');
    for (const version of VERSIONS) {
      const tcp = generateArtifacts(shop, { build: { war: 'x.war' } }, { outRel: 'deploy', marathonVersion: version });
      expect(validationErrors(marathonValidators(version).app, tcp.marathon)).toEqual([]);
    }
  });

  it('a Maven build stage uses the app settings.xml, or a mirror given as a build argument', async () => {
    const pom =
      '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>shop</artifactId>' +
      '<version>1.0</version><packaging>war</packaging></project>\n';
    const a = await assessFiles({ 'pom.xml': pom, 'src/main/webapp/WEB-INF/web.xml': '<web-app version="3.0"/>\n' });
    const docker = (cfg: AppSettings) =>
      generateArtifacts(a, cfg, { outRel: 'deploy' }).files.find((f) => f.name === 'Dockerfile')!.text;
    const mirror = docker({});
    expect(mirror).toContain('ARG MAVEN_MIRROR=');
    expect(mirror).toContain('<mirrorOf>*</mirrorOf><url>%s</url>');
    expect(lintDockerfile(mirror)).toEqual([]);
    const own = docker({ build: { mavenSettings: 'ci/settings.xml' } });
    expect(own).toContain('COPY ci/settings.xml /root/.m2/settings.xml');
    expect(own).not.toContain('MAVEN_MIRROR');
    expect(own.indexOf('COPY ci/settings.xml')).toBeLessThan(own.indexOf('RUN mvn'));
    // the dependency layer resolves what the build uses; go-offline would also want the site and deploy plugins
    expect(own).toMatch(/^COPY pom\.xml \.\nRUN mvn -B -q dependency:resolve\nCOPY src \.\/src$/m);
    expect(own).not.toContain('go-offline');
    expect(docker({ build: { image: 'nexus.local/build/maven:3.9-jdk11' } })).toContain(
      'FROM nexus.local/build/maven:3.9-jdk11 AS build',
    );
  });

  it("paasport fix keeps a person's own settings and comments in paasport.yaml", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-cfg-'));
    const dir = path.join(parent, 'shop');
    try {
      cpSync(path.join(ROOT, 'fixtures/servlet-shop'), dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'paasport.yaml'),
        '# our settings\nmarathon:\n  vhost: shop.example.com # the public name\n  mem: 2048\n',
      );
      commitAll(dir);
      await runFix(dir, {
        rules: bundledRules(),
        branch: 'paasport/stateless',
        dryRun: false,
        allowDirty: false,
        logs: 'volume',
      });
      const text = readFileSync(path.join(dir, 'paasport.yaml'), 'utf8');
      expect(text).toContain('# our settings');
      expect(text).toContain('vhost: shop.example.com # the public name');
      const cfg = loadSettings(path.join(dir, 'paasport.yaml'));
      expect(cfg.marathon).toEqual({ vhost: 'shop.example.com', mem: 2048 });
      expect(cfg.sessionStore?.type).toBe('redis');
    } finally {
      removeTree(parent);
    }
  });
});

describe('Dockerfile lint (the hadolint rules the generator must pass)', () => {
  it('finds each rule in a Dockerfile that breaks it', () => {
    const bad = [
      'FROM tomcat',
      'FROM tomcat:latest AS two',
      'MAINTAINER someone',
      'WORKDIR app',
      'ADD conf/server.xml /usr/local/tomcat/conf/',
      'RUN curl -s http://x | sh',
      'USER root',
      'CMD catalina.sh run',
      '',
    ].join('\n');
    expect(
      lintDockerfile(bad)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['DL3000', 'DL3002', 'DL3006', 'DL3007', 'DL3020', 'DL3025', 'DL4000', 'DL4006']);
    const good =
      'FROM tomcat:9.0-jdk11-temurin\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo a | cat\nADD https://example.org/a.jar /opt/\nWORKDIR /opt\nUSER tomcat\nCMD ["catalina.sh", "run"]\n';
    expect(lintDockerfile(good)).toEqual([]);
  });
});

describe('paasport generate (CLI)', () => {
  it('writes every artifact of several apps and a Marathon group; bad settings exit 2', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'paasport-out-'));
    try {
      const r = spawnSync(
        process.execPath,
        [
          CLI,
          'generate',
          'fixtures/stateless-api',
          'fixtures/kanban-demo',
          '--out',
          out,
          '--group',
          '/retail',
          '--marathon-version',
          '1.4',
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(path.join(out, 'stateless-api')).sort()).toEqual([
        '.paasport-generated.json',
        'DEPLOY.md',
        'Dockerfile',
        'Dockerfile.dockerignore',
        'logging.properties',
        'marathon-app.json',
        'setenv.sh',
      ]);
      expect(readdirSync(path.join(out, 'kanban-demo')).sort()).toEqual([
        '.paasport-generated.json',
        'DEPLOY.md',
        'Dockerfile',
        'Dockerfile.dockerignore',
        'marathon-app.json',
      ]);
      const group = JSON.parse(readFileSync(path.join(out, 'marathon-group.json'), 'utf8'));
      expect(group.id).toBe('/retail');
      expect(group.apps.map((x: { id: string }) => x.id)).toEqual(['/apps/stateless-api', '/apps/kanban-demo']);
      expect(validationErrors(marathonValidators('1.4').group, group)).toEqual([]);

      const cfg = path.join(out, 'bad.yaml');
      writeFileSync(cfg, 'marathon:\n  version: "2.0"\n  cpus: -1\n');
      const bad = spawnSync(
        process.execPath,
        [CLI, 'generate', 'fixtures/stateless-api', '--out', path.join(out, 'x'), '--config', cfg],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('/marathon/version must be equal to one of the allowed values');
    } finally {
      removeTree(out);
    }
  });

  it('a hand-written or edited file of the output folder is never replaced without --force', () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-own-'));
    const dir = path.join(parent, 'api');
    try {
      cpSync(path.join(ROOT, 'fixtures/stateless-api'), dir, { recursive: true });
      const gen = (...flags: string[]) =>
        spawnSync(process.execPath, [CLI, 'generate', dir, ...flags], { cwd: parent, encoding: 'utf8' });
      const ours = 'FROM our-own/tomcat:9\nCOPY WebContent webapps/ROOT/\n';
      mkdirSync(path.join(dir, 'deploy'));
      writeFileSync(path.join(dir, 'deploy/Dockerfile'), ours);
      const refused = gen();
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('generate would replace files it did not write');
      expect(refused.stderr).toContain(path.join('api', 'deploy', 'Dockerfile'));
      expect(readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8')).toBe(ours);
      expect(existsSync(path.join(dir, 'deploy/DEPLOY.md'))).toBe(false); // nothing half-written

      expect(gen('--force').status).toBe(0);
      expect(readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8')).toContain('Generated by paasport');
      expect(gen().status).toBe(0); // its own files, unchanged, are written again
      const runbook = path.join(dir, 'deploy/DEPLOY.md');
      writeFileSync(runbook, readFileSync(runbook, 'utf8') + '\nOur notes on the rollout.\n');
      const edited = gen();
      expect(edited.status).toBe(2);
      expect(edited.stderr).toContain(path.join('api', 'deploy', 'DEPLOY.md'));
      expect(readFileSync(runbook, 'utf8')).toContain('Our notes on the rollout.');

      // --dry-run: the diff against what is there, the files it would refuse named, nothing written
      const definition = readFileSync(path.join(dir, 'deploy/marathon-app.json'), 'utf8');
      const dry = gen('--dry-run', '--vhost', 'api.example.com');
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('+++ b/api/deploy/marathon-app.json');
      expect(dry.stdout).toContain('+    "HAPROXY_0_VHOST": "api.example.com"');
      expect(dry.stdout).toMatch(/generate would stop: .*api\/deploy\/DEPLOY\.md/);
      expect(dry.stdout).toMatch(/\d+ of \d+ files would change; nothing was written/);
      expect(readFileSync(path.join(dir, 'deploy/marathon-app.json'), 'utf8')).toBe(definition);
    } finally {
      removeTree(parent);
    }
  });

  it('--out: a hand-written setenv.sh and marathon-app.json are kept and named; --dry-run shows the diff; --force', () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-out-'));
    const dir = path.join(parent, 'api');
    const out = path.join(parent, 'ops');
    try {
      cpSync(path.join(ROOT, 'fixtures/stateless-api'), dir, { recursive: true });
      mkdirSync(out);
      const ours = { 'setenv.sh': 'CATALINA_OPTS="-Xmx2g"\n', 'marathon-app.json': '{ "id": "/ops/api" }\n' };
      for (const [f, text] of Object.entries(ours)) writeFileSync(path.join(out, f), text);
      const gen = (...flags: string[]) =>
        spawnSync(process.execPath, [CLI, 'generate', dir, '--out', out, ...flags], { cwd: parent, encoding: 'utf8' });
      const kept = () => Object.keys(ours).map((f) => readFileSync(path.join(out, f), 'utf8'));

      const refused = gen();
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`${path.join('ops', 'marathon-app.json')}, ${path.join('ops', 'setenv.sh')}`);
      expect(kept()).toEqual(Object.values(ours));
      expect(existsSync(path.join(out, 'Dockerfile'))).toBe(false);

      const dry = gen('--dry-run');
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('-CATALINA_OPTS="-Xmx2g"');
      expect(dry.stdout).toContain('-{ "id": "/ops/api" }');
      expect(dry.stdout).toMatch(/generate would stop: .*ops\/marathon-app\.json, .*ops\/setenv\.sh/);
      expect(kept()).toEqual(Object.values(ours));

      expect(gen('--force').status).toBe(0);
      expect(readFileSync(path.join(out, 'setenv.sh'), 'utf8')).toContain('paasport');
    } finally {
      removeTree(parent);
    }
  });

  it('the .dockerignore the classic builder reads is at the root of the app; one of its own is left, with a word', () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'paasport-ignore-'));
    const dir = path.join(parent, 'api');
    try {
      cpSync(path.join(ROOT, 'fixtures/stateless-api'), dir, { recursive: true });
      const gen = () => spawnSync(process.execPath, [CLI, 'generate', dir], { cwd: ROOT, encoding: 'utf8' });
      const first = gen();
      expect(first.status, first.stderr).toBe(0);
      const ignore = readFileSync(path.join(dir, '.dockerignore'), 'utf8').split('\n');
      expect(ignore).toEqual(expect.arrayContaining(['.git', '.paasport.env']));
      expect(readFileSync(path.join(dir, 'deploy/Dockerfile.dockerignore'), 'utf8')).toBe(ignore.join('\n'));
      expect(gen().status).toBe(0); // its own file is written again
      writeFileSync(path.join(dir, '.dockerignore'), 'target\n');
      const own = gen();
      expect(own.status).toBe(0);
      expect(readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toBe('target\n');
      expect(own.stderr).toContain('is your own: add .git and .paasport.env to it');
    } finally {
      removeTree(parent);
    }
  });
});
