import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProgram, isRunning } from '../../platform/docker/host-process.js';
import type { PreviewState } from '../../platform/types.js';
import { CLI, jarWithManifest, makeTree, removeTree } from '../helpers.js';
import { DOCKER_SOCK, dockerEngine } from './engine.js';
import { httpGet, waitForStatus } from './http-get.js';
import { REGISTRY } from './services.js';

const docker = dockerEngine();
const IMAGE = `${REGISTRY}/paasport-e2e/preview-app:1.0`;

/** The built CLI, run without blocking this process (the test's Maven repository answers meanwhile). */
function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DOCKER_HOST: `unix://${DOCKER_SOCK}` },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const DOCKERFILE = `FROM tomcat:9.0-jdk11-temurin
RUN groupadd --system --gid 10001 tomcat && useradd --system --uid 10001 --gid tomcat tomcat \\
 && mkdir -p webapps/ROOT /ctx && chown -R tomcat conf logs temp work webapps
COPY deploy/lib/session-store-1.0.jar lib/
COPY . /ctx/
COPY deploy/index.jsp webapps/ROOT/index.jsp
USER tomcat
EXPOSE 8080
CMD ["catalina.sh", "run"]
`;

const JSP = '<%= System.getenv("HOST") %> <%= System.getenv("GREETING") %> <%= System.getenv("API_KEY") %>\n';

function definition(dataDir: string) {
  return {
    id: '/e2e/preview-app',
    instances: 2,
    cpus: 0.5,
    mem: 512,
    container: {
      type: 'DOCKER',
      docker: {
        image: IMAGE,
        network: 'BRIDGE',
        portMappings: [{ containerPort: 8080, hostPort: 0, servicePort: 10100, protocol: 'tcp' }],
        parameters: [{ key: 'cpu-period', value: '100000' }],
      },
      volumes: [{ hostPath: dataDir, containerPath: '/data/files', mode: 'RW' }],
    },
    env: { GREETING: 'hello' },
    labels: { HAPROXY_GROUP: 'external', HAPROXY_0_VHOST: 'preview.example.com' },
    healthChecks: [
      {
        protocol: 'HTTP',
        path: '/',
        portIndex: 0,
        gracePeriodSeconds: 300,
        intervalSeconds: 2,
        timeoutSeconds: 2,
        maxConsecutiveFailures: 3,
      },
    ],
  };
}

/** An image holding only the host's haproxy and the libraries it links: a stand-in for an HAProxy image. */
async function hostHaproxyImage(): Promise<string> {
  const bin = findProgram('haproxy');
  if (!bin) throw new Error('haproxy is not installed: apt-get install -y haproxy');
  const libs = execFileSync('ldd', [bin], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /(\/\S+) \(0x/.exec(l)?.[1])
    .filter((f): f is string => !!f);
  const tar = pack();
  for (const f of [bin, ...libs]) {
    tar.entry({ name: f.slice(1), mode: 0o755 }, readFileSync(realpathSync(f)));
  }
  tar.finalize();
  const stream = await docker.importImage(tar as unknown as NodeJS.ReadableStream, {
    repo: 'paasport-e2e/host-haproxy',
    tag: '1',
  });
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(undefined))),
  );
  return 'paasport-e2e/host-haproxy:1';
}

/** AUTH and PING sent from inside a task to the Redis its environment names, with the password it was given. */
async function redisFromTask(id: string): Promise<string> {
  const exec = await docker.getContainer(id).exec({
    Cmd: [
      'bash',
      '-c',
      'exec 3<>/dev/tcp/$REDIS_HOST/$REDIS_PORT; printf "AUTH $REDIS_PASSWORD\\r\\nPING\\r\\n" >&3; timeout 2 head -c 12 <&3',
    ],
    AttachStdout: true,
  });
  return new Promise<string>((resolve, reject) => {
    void exec.start({}).then((s) => {
      let text = '';
      s.on('data', (d: Buffer) => (text += d.toString('latin1')));
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
  });
}

let app: string;
let dataDir: string;
let repo: http.Server;
let repoUrl: string;

beforeAll(async () => {
  dataDir = path.join(makeTree({}), 'files');
  app = makeTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.paasport.env': 'API_KEY=k-123\nREDIS_PASSWORD=pw-e2e\n',
    'paasport.yaml':
      'env:\n  - name: API_KEY\n    secret: true\nsessionStore:\n  type: redis\n  env: [REDIS_HOST, REDIS_PORT, REDIS_PASSWORD]\n',
    'deploy/Dockerfile': DOCKERFILE,
    'deploy/Dockerfile.dockerignore': '*.log\n',
    'deploy/index.jsp': JSP,
    'deploy/tomcat-lib.txt': 'com.example:session-store:1.0\n',
    'deploy/marathon-app.json': JSON.stringify(definition(dataDir)),
    'app.log': 'not sent',
  });
  const jar = jarWithManifest('Manifest-Version: 1.0\n');
  repo = http.createServer((req, res) => {
    if (req.url === '/maven/com/example/session-store/1.0/session-store-1.0.jar') res.writeHead(200).end(jar);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => repo.listen(0, '127.0.0.1', resolve));
  repoUrl = `http://127.0.0.1:${(repo.address() as AddressInfo).port}/maven`;
});

afterAll(async () => {
  await cli('preview', app, '--down');
  await new Promise((r) => repo.close(r));
  removeTree(app);
});

describe('paasport build and preview on a real Docker engine', () => {
  it('builds with the jars from a Maven repository, without .git, .paasport.env or ignored files, and pushes', async () => {
    const r = await cli('build', app, '--jars-from', repoUrl, '--push');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^Step 1\/\d+ : FROM tomcat:9.0-jdk11-temurin$/m);
    expect(r.out).toContain(`Pushed ${IMAGE}`);
    expect(existsSync(path.join(app, 'deploy/lib/session-store-1.0.jar'))).toBe(true);
    const c = await docker.createContainer({ Image: IMAGE, Entrypoint: ['ls', '-A', '/ctx', '/usr/local/tomcat/lib'] });
    await c.start();
    await c.wait();
    const listing = ((await c.logs({ stdout: true })) as Buffer).toString('latin1');
    await c.remove();
    expect(listing).toContain('session-store-1.0.jar');
    expect(listing).toContain('paasport.yaml');
    expect(listing).not.toMatch(/\.git\b|\.paasport\.env|app\.log/);
    const tags = await httpGet(`http://${REGISTRY}/v2/paasport-e2e/preview-app/tags/list`);
    expect(JSON.parse(tags.body).tags).toContain('1.0');
  });

  it('names the failing build step, with what it printed last (the compiler or Ant says why there)', async () => {
    const broken = makeTree({
      'deploy/Dockerfile': 'FROM tomcat:9.0-jdk11-temurin\nRUN echo "BUILD FAILED: lib does not exist" && exit 7\n',
    });
    const r = await cli('build', broken);
    removeTree(broken);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/build step 2\/2 \(RUN echo .*\) failed: .*returned a non-zero code: 7/);
    expect(r.err).toMatch(/its last output:\nBUILD FAILED: lib does not exist/);
  });

  it('runs two tasks behind HAProxy with a Redis, routing by virtual host; --down removes it all', async () => {
    const r = await cli('preview', app);
    expect(r.code, r.err).toBe(0);
    const state = JSON.parse(readFileSync(path.join(app, 'deploy/.preview.json'), 'utf8')) as PreviewState;
    expect(state.tasks).toHaveLength(2);
    const vhostUrl = /http:\/\/preview\.example\.com:(\d+)\//.exec(r.out);
    expect(vhostUrl).not.toBeNull();
    const front = `http://127.0.0.1:${vhostUrl![1]}/`;
    await waitForStatus(front, 200, 'preview.example.com');
    // both tasks answer once Tomcat is up in each and HAProxy has seen its health check pass
    const both = new Set(['preview-1 hello k-123', 'preview-2 hello k-123']);
    let bodies = new Set<string>();
    for (let round = 0; round < 60 && bodies.size < 2; round++) {
      bodies = new Set<string>();
      for (let i = 0; i < 8; i++) bodies.add((await httpGet(front, 'preview.example.com')).body.trim());
      if (bodies.size < 2) await new Promise((res) => setTimeout(res, 2000));
    }
    expect(bodies).toEqual(both);
    expect((await httpGet(front, 'elsewhere.example.com')).status).toBe(503);
    expect(statSync(dataDir).uid).toBe(10001);
    // a task reaches the Redis started for it, with the password of .paasport.env
    const out = await redisFromTask(state.tasks[0].id);
    expect(out).toContain('+OK');
    expect(out).toContain('+PONG');

    const down = await cli('preview', app, '--down');
    expect(down.code, down.err).toBe(0);
    expect(await docker.listContainers({ all: true, filters: { label: [`paasport.preview=${app}`] } })).toEqual([]);
    expect(isRunning(state.store!.pid, 'redis-server')).toBe(false);
    expect(state.haproxy?.kind === 'process' && isRunning(state.haproxy.pid, 'haproxy')).toBe(false);
    expect(existsSync(path.join(app, 'deploy/.preview.json'))).toBe(false);
  });

  it('--haproxy-image runs HAProxy in a container; a Redis password the app has none for is made up', async () => {
    const image = await hostHaproxyImage();
    writeFileSync(path.join(app, '.paasport.env'), 'API_KEY=k-123\n');
    const r = await cli('preview', app, '--instances', '1', '--haproxy-image', image);
    expect(r.code, r.err).toBe(0);
    const state = JSON.parse(readFileSync(path.join(app, 'deploy/.preview.json'), 'utf8')) as PreviewState;
    expect(state.haproxy?.kind).toBe('container');
    const appUrl = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(r.out)![1];
    await waitForStatus(appUrl, 200);
    expect((await httpGet(appUrl)).body.trim()).toBe('preview-1 hello k-123');
    expect(await redisFromTask(state.tasks[0].id)).toMatch(/\+OK\r\n\+PONG/);
    expect((await cli('preview', app, '--down')).code).toBe(0);
    expect(await docker.listContainers({ all: true, filters: { label: [`paasport.preview=${app}`] } })).toEqual([]);
  });
});
