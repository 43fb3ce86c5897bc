import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFiles, contextTar } from '../platform/docker/build-context.js';
import { formatImageRef, parseImageRef, withOverrides } from '../platform/docker/image-ref.js';
import { registryAuth } from '../platform/docker/registry-auth.js';
import { ensureJars, jarSource, readJarList } from '../platform/docker/session-jars.js';
import { CLI, jarWithManifest, makeTree, removeTree, ROOT } from './helpers.js';

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, DOCKER_HOST: 'unix:///tmp/paasport-no-engine.sock', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every entry of the tar the build sends, with its text. */
async function tarEntries(tar: NodeJS.ReadableStream): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const x = extract();
  x.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
    stream.on('end', () => {
      entries.set(header.name, header.type === 'symlink' ? `-> ${header.linkname}` : Buffer.concat(chunks).toString());
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    x.on('finish', () => resolve());
    x.on('error', reject);
    tar.pipe(x);
  });
  return entries;
}

const dirs: string[] = [];
const tree = (files: Record<string, string | Uint8Array>) => {
  const d = makeTree(files);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeTree));

describe('the build context', () => {
  it('honours <out>/Dockerfile.dockerignore over the root one and never sends .git or .paasport.env', async () => {
    const app = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/config': '[core]\n',
      '.paasport.env': 'DB_PASSWORD=s3cret\n',
      'sub/.paasport.env': 'X=1\n',
      '.dockerignore': '# not read: the Dockerfile has its own\nsrc\n',
      'deploy/Dockerfile': 'FROM scratch\n',
      'deploy/Dockerfile.dockerignore': '*.log\ntarget\n!target/shop.war\n**/tmp\n',
      'deploy/lib/redisson-all-3.27.2.jar': 'jar',
      'src/A.java': 'class A {}\n',
      'app.log': 'x',
      'target/shop.war': 'war',
      'target/classes/A.class': 'cafebabe',
      'web/tmp/cache': 'c',
      'web/index.jsp': '<html/>',
    });
    symlinkSync('index.jsp', path.join(app, 'web/home.jsp'));
    const files = await contextFiles(app, 'deploy/Dockerfile');
    const entries = await tarEntries(contextTar(app, files));
    expect([...entries.keys()].sort()).toEqual(
      [
        '.dockerignore',
        'deploy/Dockerfile',
        'deploy/Dockerfile.dockerignore',
        'deploy/lib/redisson-all-3.27.2.jar',
        'src/A.java',
        'target/shop.war',
        'web/home.jsp',
        'web/index.jsp',
      ].sort(),
    );
    expect(entries.get('src/A.java')).toBe('class A {}\n');
    expect(entries.get('web/home.jsp')).toBe('-> index.jsp');
  });

  it('uses the root .dockerignore when there is no Dockerfile.dockerignore, and always sends the Dockerfile', async () => {
    const app = tree({
      '.dockerignore': 'deploy\n.paasport.env\n',
      '.paasport.env': 'A=1\n',
      'deploy/Dockerfile': 'FROM scratch\n',
      'deploy/setenv.sh': '#!/bin/sh\n',
      'WebContent/index.jsp': 'x',
    });
    const files = await contextFiles(app, 'deploy/Dockerfile');
    expect(files.sort()).toEqual(['.dockerignore', 'WebContent/index.jsp', 'deploy/Dockerfile'].sort());
  });

  it('ignores nothing but .git and .paasport.env without any ignore file', async () => {
    const app = tree({ '.git/HEAD': 'x', '.paasport.env': 'A=1', 'deploy/Dockerfile': 'FROM scratch\n', 'a.log': 'x' });
    expect((await contextFiles(app, 'deploy/Dockerfile')).sort()).toEqual(['a.log', 'deploy/Dockerfile']);
  });
});

describe("the session manager's jars", () => {
  const jar = jarWithManifest('Manifest-Version: 1.0\nImplementation-Title: redisson\n');
  const coords = [
    { group: 'org.redisson', artifact: 'redisson-all', version: '3.27.2' },
    { group: 'org.redisson', artifact: 'redisson-tomcat-9', version: '3.27.2' },
  ];
  let server: http.Server;
  let base: string;
  const requests: { url: string; auth?: string }[] = [];

  beforeAll(async () => {
    const repo = tree({
      'org/redisson/redisson-all/3.27.2/redisson-all-3.27.2.jar': jar,
      'org/redisson/redisson-tomcat-9/3.27.2/redisson-tomcat-9-3.27.2.jar': jar,
      'org/redisson/login-page/1.0/login-page-1.0.jar': '<html>log in</html>',
    });
    server = http.createServer((req, res) => {
      requests.push({ url: req.url!, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      const file = path.join(repo, req.url!.replace(/^\/maven-public\//, ''));
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/maven-public`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reads tomcat-lib.txt, and finds no jars to fetch when generate wrote no list', () => {
    const out = tree({
      'tomcat-lib.txt': '# jars\norg.redisson:redisson-all:3.27.2\n\norg.redisson:redisson-tomcat-9:3.27.2\n',
    });
    expect(readJarList(out)).toEqual(coords);
    expect(readJarList(tree({}))).toEqual([]);
    expect(() => readJarList(tree({ 'tomcat-lib.txt': 'redisson-all.jar\n' }))).toThrow(
      /line 1: .* group:artifact:version/,
    );
  });

  it('fails without a source, naming the missing files and --jars-from, and downloads nothing', async () => {
    const lib = path.join(tree({}), 'lib');
    requests.length = 0;
    const e = await ensureJars(coords, lib, undefined).catch((x: Error) => x);
    expect((e as Error).message).toContain(path.join(lib, 'redisson-all-3.27.2.jar'));
    expect((e as Error).message).toContain(path.join(lib, 'redisson-tomcat-9-3.27.2.jar'));
    expect((e as Error).message).toContain('--jars-from');
    expect(requests).toEqual([]);
  });

  it('copies missing jars from a flat folder and from a Maven-layout folder, keeping those already there', async () => {
    const lib = path.join(tree({ 'lib/redisson-all-3.27.2.jar': 'already here' }), 'lib');
    const flat = tree({ 'redisson-tomcat-9-3.27.2.jar': jar });
    await ensureJars(coords, lib, jarSource(flat));
    expect(readFileSync(path.join(lib, 'redisson-all-3.27.2.jar'), 'utf8')).toBe('already here');
    expect(readFileSync(path.join(lib, 'redisson-tomcat-9-3.27.2.jar'))).toEqual(jar);
    const m2 = tree({ 'org/redisson/redisson-tomcat-9/3.27.2/redisson-tomcat-9-3.27.2.jar': jar });
    const lib2 = path.join(tree({ 'lib/redisson-all-3.27.2.jar': 'x' }), 'lib');
    await ensureJars(coords, lib2, jarSource(m2));
    expect(readFileSync(path.join(lib2, 'redisson-tomcat-9-3.27.2.jar'))).toEqual(jar);
  });

  it('downloads missing jars from a Maven repository URL, with its user and password as basic auth', async () => {
    const lib = path.join(tree({}), 'lib');
    requests.length = 0;
    const withUser = base.replace('http://', 'http://deployer:p%40ss@');
    await ensureJars(coords, lib, jarSource(withUser));
    expect(readFileSync(path.join(lib, 'redisson-all-3.27.2.jar'))).toEqual(jar);
    expect(requests.map((r) => r.url)).toEqual([
      '/maven-public/org/redisson/redisson-all/3.27.2/redisson-all-3.27.2.jar',
      '/maven-public/org/redisson/redisson-tomcat-9/3.27.2/redisson-tomcat-9-3.27.2.jar',
    ]);
    expect(requests[0].auth).toBe(`Basic ${Buffer.from('deployer:p@ss').toString('base64')}`);
  });

  it('fails naming each jar the repository does not have, or answers with something that is no jar', async () => {
    const lib = path.join(tree({}), 'lib');
    const wanted = [
      { group: 'org.redisson', artifact: 'redisson-nope', version: '1.0' },
      { group: 'org.redisson', artifact: 'login-page', version: '1.0' },
    ];
    const e = (await ensureJars(wanted, lib, jarSource(base)).catch((x: Error) => x)) as Error;
    expect(e.message).toMatch(/redisson-nope-1\.0\.jar \(http:.*redisson-nope-1\.0\.jar: HTTP 404\)/);
    expect(e.message).toMatch(/login-page-1\.0\.jar \(.*: the answer is not a jar\)/);
    expect(existsSync(path.join(lib, 'login-page-1.0.jar'))).toBe(false);
  });
});

describe('image names and registry credentials', () => {
  it('reads and rewrites image references as the Docker CLI does', () => {
    expect(parseImageRef('registry.local:5000/team/shop:1.2')).toEqual({
      registry: 'registry.local:5000',
      name: 'team/shop',
      tag: '1.2',
    });
    expect(parseImageRef('team/shop')).toEqual({ name: 'team/shop', tag: 'latest' });
    expect(parseImageRef('localhost/shop:1')).toEqual({ registry: 'localhost', name: 'shop', tag: '1' });
    const ref = withOverrides(parseImageRef('shop:0.1.0'), { registry: 'https://reg.local:5000/', tag: '2.0' });
    expect(formatImageRef(ref)).toBe('reg.local:5000/shop:2.0');
  });

  it('takes credentials from the environment first, then from the auths of the Docker config', () => {
    const auth = Buffer.from('ci:from-config').toString('base64');
    const config = tree({
      'config.json': JSON.stringify({
        auths: { 'https://reg.local:5000/v2/': { auth }, 'other.local': { auth: 'eDp5' } },
      }),
    });
    expect(registryAuth('reg.local:5000', { DOCKER_CONFIG: config })).toEqual({
      username: 'ci',
      password: 'from-config',
      serveraddress: 'reg.local:5000',
    });
    const env = { DOCKER_CONFIG: config, PAASPORT_REGISTRY_USER: 'u', PAASPORT_REGISTRY_PASSWORD: 'p' };
    expect(registryAuth('reg.local:5000', env)).toMatchObject({ username: 'u', password: 'p' });
    expect(registryAuth('unknown.local', { DOCKER_CONFIG: config })).toBeUndefined();
    expect(() => registryAuth('reg.local:5000', { PAASPORT_REGISTRY_USER: 'u' })).toThrow(/both/);
  });
});

describe('paasport build on the command line', () => {
  const app = () => {
    const d = tree({
      'deploy/Dockerfile': 'FROM scratch\nCOPY deploy/lib/redisson-all-3.27.2.jar /\n',
      'deploy/marathon-app.json': JSON.stringify({ container: { docker: { image: 'shop:0.1.0' } } }),
    });
    return d;
  };

  it('says no engine answers, naming the address, and exits 3', () => {
    const r = run(['build', app()]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('no Docker engine at /tmp/paasport-no-engine.sock');
    const r2 = run(['build', app(), '--docker-host', 'tcp://127.0.0.1:9']);
    expect(r2.code).toBe(3);
    expect(r2.err).toContain('no Docker engine at 127.0.0.1:9');
  });

  it('fails before building when a listed jar is missing, naming the file and --jars-from (exit 2)', () => {
    const d = app();
    writeFileSync(path.join(d, 'deploy/tomcat-lib.txt'), 'org.redisson:redisson-all:3.27.2\n');
    const r = run(['build', d]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('deploy/lib/redisson-all-3.27.2.jar');
    expect(r.err).toContain('--jars-from');
    expect(r.err).not.toContain('no Docker engine');
  });

  it('copies the jars from --jars-from before it reaches the engine', () => {
    const d = app();
    writeFileSync(path.join(d, 'deploy/tomcat-lib.txt'), 'org.redisson:redisson-all:3.27.2\n');
    const from = tree({ 'redisson-all-3.27.2.jar': jarWithManifest('Manifest-Version: 1.0\n') });
    const r = run(['build', d, '--jars-from', from]);
    expect(r.err).toContain('copied redisson-all-3.27.2.jar');
    expect(existsSync(path.join(d, 'deploy/lib/redisson-all-3.27.2.jar'))).toBe(true);
    expect(r.code).toBe(3); // then: no engine
  });

  it('refuses wrong usage with exit 2: nothing generated, --push without a registry, a bad --build-arg, --out outside', () => {
    const empty = tree({ 'src/A.java': 'class A {}' });
    const r = run(['build', empty]);
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('run paasport generate first')]);
    const push = run(['build', app(), '--push']);
    expect([push.code, push.err]).toEqual([2, expect.stringContaining('--registry')]);
    expect(run(['build', app(), '--build-arg', 'NOVALUE']).code).toBe(2);
    expect(run(['build', app(), '--out', '../elsewhere']).code).toBe(2);
    mkdirSync(path.join(empty, 'deploy'));
    expect(run(['build', path.join(empty, 'missing')]).code).toBe(2);
  });
});
