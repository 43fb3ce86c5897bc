import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { pack } from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalinaLogPatch } from '../../generators/deploy/catalina-patch.js';
import { readFileFromImage } from '../../platform/docker/docker-engine.js';
import { CLI, removeTree, ROOT } from '../helpers.js';

const SOCK = process.env.PAASPORT_DOCKER_SOCK ?? '/tmp/paasport-docker.sock';
const IMAGE = 'paasport-e2e/tomcat:10.1';
const docker = new Docker({ socketPath: SOCK });
const debianCatalina = () => readFileSync(path.join(ROOT, '.cache/tomcat/10/bin/catalina.sh'), 'utf8');

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'test/fetch-tomcat-scripts.sh')], { stdio: 'inherit' });
  // an image laid out like the official tomcat image, as far as catalina.sh goes
  const tar = pack();
  tar.entry({ name: 'usr/local/tomcat/bin/catalina.sh', mode: 0o755 }, debianCatalina());
  tar.finalize();
  const stream = await docker.importImage(tar as unknown as NodeJS.ReadableStream, {
    repo: 'paasport-e2e/tomcat',
    tag: '10.1',
  });
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(undefined))),
  );
}, 180_000);

describe('catalina.sh from the base image through the Docker engine', () => {
  it('reads the file without running the image and leaves no container behind', async () => {
    const before = (await docker.listContainers({ all: true })).length;
    const text = await readFileFromImage(IMAGE, '/usr/local/tomcat/bin/catalina.sh', { addr: { socketPath: SOCK } });
    expect(text).toBe(debianCatalina());
    expect((await docker.listContainers({ all: true })).length).toBe(before);
  });

  it("paasport generate --catalina-from-image writes the patch against the image's own script", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'paasport-e2e-'));
    try {
      const r = spawnSync(
        process.execPath,
        [CLI, 'generate', 'fixtures/stateless-api', '--out', out, '--base-image', IMAGE, '--catalina-from-image'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, DOCKER_HOST: `unix://${SOCK}` },
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const expected = catalinaLogPatch(debianCatalina());
      expect(readFileSync(path.join(out, 'catalina-log.patch'), 'utf8')).toBe(expected.patch);
      expect(readFileSync(path.join(out, 'catalina.sh'), 'utf8')).toBe(expected.patched);
      expect(readFileSync(path.join(out, 'Dockerfile'), 'utf8')).toContain(`FROM ${IMAGE}`);
    } finally {
      removeTree(out);
    }
  });

  it('an unreachable engine is a usage error that says what to do', () => {
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        'generate',
        'fixtures/stateless-api',
        '--out',
        path.join(os.tmpdir(), 'paasport-none'),
        '--catalina-from-image',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: 'unix:///tmp/no-such-docker.sock' },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no Docker engine at /tmp/no-such-docker.sock');
    expect(r.stderr).toContain('pass the file itself');
  });
});
