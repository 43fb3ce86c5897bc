import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { marathonApp, marathonGroup, type MarathonSettings } from '../../generators/deploy/marathon.js';
import type { StandInVersion } from './stand-in-schemas.js';

/** The app definition paasport generate writes for a shop of `instances` tasks, for one Marathon version. */
export function shopApp(
  version: StandInVersion,
  image: string,
  instances = 3,
  id = '/shop',
  servicePort = 10080,
): Record<string, unknown> {
  const settings: MarathonSettings = {
    id,
    image,
    cpus: 0.5,
    mem: 768,
    disk: 0,
    instances,
    servicePort,
    sticky: false,
    haproxyGroup: 'external',
    vhost: 'shop.example.com',
    healthCheck: {
      path: '/shop/',
      gracePeriodSeconds: 120,
      intervalSeconds: 10,
      timeoutSeconds: 5,
      maxConsecutiveFailures: 3,
    },
    env: { JAVA_OPTS: '-Xmx512m' },
    secrets: [],
    volumes: [{ hostPath: '/var/log/apps', containerPath: '/usr/local/tomcat/logs', mode: 'RW' }],
    parameters: [{ key: 'memory-swap', value: '768m' }],
    fetch: [],
    version,
  };
  return marathonApp(settings);
}

/** Two apps under /team, their ids relative to the group as generate writes them. */
export function teamGroup(version: StandInVersion, image: string): Record<string, unknown> {
  return marathonGroup('/team', [
    shopApp(version, image, 2, 'shop', 10081),
    shopApp(version, image, 2, 'orders', 10082),
  ]);
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
  return file;
}
