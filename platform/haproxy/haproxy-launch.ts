import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';
import { containerOutput } from '../docker/docker-engine.js';
import { checkHaproxyConfig, findHaproxy, startHaproxyDaemon } from './haproxy-process.js';

export type RunningHaproxy = { kind: 'process'; pid: number } | { kind: 'container'; id: string };

const IN_CONTAINER = '/usr/local/etc/haproxy/haproxy.cfg';

/**
 * HAProxy with this configuration: a container of `image` on the host network (so the same addresses work) when one
 * is given, else the host's haproxy, checked with `haproxy -c`, then run as a daemon.
 */
export async function launchHaproxy(
  config: string,
  dir: string,
  o: { image?: string; docker: Docker; name: string; labels: Record<string, string> },
): Promise<RunningHaproxy> {
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  if (o.image) return { kind: 'container', id: await haproxyContainer(file, o.image, o) };
  const bin = findHaproxy();
  if (!bin) {
    throw new PaasportError(
      'no haproxy binary found: install it (Debian: apt-get install -y haproxy) or pass --haproxy-image IMAGE',
    );
  }
  const check = checkHaproxyConfig(bin, file);
  if (!check.valid) throw new PaasportError(`haproxy -c refuses ${file}: ${check.output}`, 'failed');
  return { kind: 'process', pid: startHaproxyDaemon(bin, file, path.join(dir, 'haproxy.pid')) };
}

/** The configuration checked by the image's own haproxy (`-c`), then HAProxy started from it. */
async function haproxyContainer(
  file: string,
  image: string,
  o: { docker: Docker; name: string; labels: Record<string, string> },
): Promise<string> {
  const hostConfig = { NetworkMode: 'host', Binds: [`${file}:${IN_CONTAINER}:ro`] };
  try {
    const check = await o.docker.createContainer({
      Image: image,
      Cmd: ['haproxy', '-c', '-f', IN_CONTAINER],
      HostConfig: hostConfig,
    });
    await check.start();
    const { StatusCode } = (await check.wait()) as { StatusCode: number };
    const output = containerOutput((await check.logs({ stdout: true, stderr: true })) as Buffer);
    await check.remove({ force: true });
    if (StatusCode !== 0) throw new Error(`haproxy -c refuses ${file}: ${output.trim()}`);
    const c = await o.docker.createContainer({
      name: o.name,
      Image: image,
      Cmd: ['haproxy', '-db', '-f', IN_CONTAINER],
      Labels: o.labels,
      HostConfig: hostConfig,
    });
    await c.start();
    return c.id;
  } catch (e) {
    throw new PaasportError(`HAProxy in a container of ${image}: ${(e as Error).message}`, 'failed');
  }
}
