import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';
import { checkHaproxyConfig, findHaproxy, startHaproxyDaemon } from './haproxy-process.js';

export type RunningHaproxy = { kind: 'process'; pid: number } | { kind: 'container'; id: string };

const IN_CONTAINER = '/usr/local/etc/haproxy/haproxy.cfg';

/**
 * HAProxy with this configuration: the host's haproxy (checked with `haproxy -c`, then run as a daemon) when one is
 * installed, else a container of `image` on the host network, so the same addresses work.
 */
export async function launchHaproxy(
  config: string,
  dir: string,
  o: { image?: string; docker: Docker; name: string; labels: Record<string, string> },
): Promise<RunningHaproxy> {
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const bin = findHaproxy();
  if (bin && !o.image) {
    const check = checkHaproxyConfig(bin, file);
    if (!check.valid) throw new PaasportError(`haproxy -c refuses ${file}: ${check.output}`, 'failed');
    return { kind: 'process', pid: startHaproxyDaemon(bin, file, path.join(dir, 'haproxy.pid')) };
  }
  if (!o.image) {
    throw new PaasportError(
      'no haproxy binary found: install it (Debian: apt-get install -y haproxy) or pass --haproxy-image IMAGE',
    );
  }
  try {
    const c = await o.docker.createContainer({
      name: o.name,
      Image: o.image,
      Cmd: ['haproxy', '-db', '-f', IN_CONTAINER],
      Labels: o.labels,
      HostConfig: { NetworkMode: 'host', Binds: [`${file}:${IN_CONTAINER}:ro`] },
    });
    await c.start();
    return { kind: 'container', id: c.id };
  } catch (e) {
    throw new PaasportError(`the HAProxy container of ${o.image} did not start: ${(e as Error).message}`, 'failed');
  }
}
