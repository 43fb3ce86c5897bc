import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { marathonApp, marathonGroup, type MarathonSettings } from '../../generators/deploy/marathon.js';
import type { StandInVersion } from './stand-in-schemas.js';

/** The app definition paasport generate writes for a shop of `instances` tasks, for one Marathon version. */
export function shopApp(version: StandInVersion, image: string, instances = 3): Record<string, unknown> {
  const settings: MarathonSettings = {
    id: '/shop',
    image,
    cpus: 0.5,
    mem: 768,
    disk: 0,
    instances,
    servicePort: 10080,
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
  const app = (name: string, port: number) => ({
    ...shopApp(version, image, 2),
    id: name,
    labels: { HAPROXY_GROUP: 'external' },
    container: withServicePort(shopApp(version, image, 2).container, port),
  });
  return marathonGroup('/team', [app('shop', 10081), app('orders', 10082)]);
}

function withServicePort(container: unknown, port: number): unknown {
  const text = JSON.stringify(container).replace(/"servicePort":\d+/, `"servicePort":${port}`);
  return JSON.parse(text);
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
  return file;
}
