import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import type { Assessment } from '../analyzers/assess.js';
import type { MarathonVersion } from './marathon.js';

export class ConfigError extends Error {}

/** paasport.yaml: the deployment settings a person gives, next to what `paasport fix` recorded. */
export interface DeployConfig {
  image?: { registry?: string; baseRegistry?: string; name?: string; tag?: string };
  baseImage?: string;
  contextPath?: string;
  timezone?: string;
  build?: { mode?: 'auto' | 'war' | 'exploded' | 'source'; war?: string; jarsDir?: string };
  marathon?: {
    version?: MarathonVersion;
    id?: string;
    cpus?: number;
    mem?: number;
    disk?: number;
    instances?: number;
    servicePort?: number;
    vhost?: string;
    haproxyGroup?: string;
    healthCheck?: { path?: string; gracePeriodSeconds?: number; intervalSeconds?: number; timeoutSeconds?: number; maxConsecutiveFailures?: number };
    isolation?: { cpusetCpus?: string; blkioWeight?: number };
    registryCredentials?: string;
  };
  logs?: { mode?: 'volume' | 'stdout'; dir?: string; hostPath?: string };
  volumesRoot?: string;
  env?: { name: string; secret?: boolean; default?: string; usedBy?: string[] }[];
  volumes?: { env: string; defaultPath?: string; usedBy?: string[] }[];
  javaSystemProperties?: Record<string, string>;
  sessionStore?: { type: 'redis' | 'memcached' | 'spring-session'; manager?: string; jars?: string[]; env?: string[] };
}

export const CONFIG_SCHEMA = {
  $id: 'https://paasport.dev/schemas/paasport-config.schema.json',
  title: 'paasport.yaml',
  description: 'Deployment settings of one application; `paasport fix` adds env, volumes, javaSystemProperties, logs and sessionStore.',
  type: 'object',
  additionalProperties: false,
  properties: {
    image: {
      type: 'object', additionalProperties: false,
      properties: {
        registry: { type: 'string', description: 'private registry host[:port] the image is pushed to' },
        baseRegistry: { type: 'string', description: 'registry (and path) that mirrors the official base images, e.g. registry.local:5000/library' },
        name: { type: 'string', pattern: '^[a-z0-9]+([._/-][a-z0-9]+)*$' },
        tag: { type: 'string', pattern: '^[\\w][\\w.-]{0,127}$', not: { const: 'latest' } },
      },
    },
    baseImage: { type: 'string', description: 'overrides the recommended base image, e.g. tomcat:9.0-jdk11-temurin' },
    contextPath: { type: 'string', pattern: '^/([\\w.-]+)?$', description: '/ deploys as ROOT' },
    timezone: { type: 'string', description: 'TZ of the container, e.g. Asia/Shanghai' },
    build: {
      type: 'object', additionalProperties: false,
      properties: {
        mode: { enum: ['auto', 'war', 'exploded', 'source'], description: 'copy a prebuilt WAR, an exploded webapp, or build from source in a first stage' },
        war: { type: 'string' },
        jarsDir: { type: 'string', description: 'a folder of the session manager jars, for offline builds; otherwise they are fetched by coordinates' },
      },
    },
    marathon: {
      type: 'object', additionalProperties: false,
      properties: {
        version: { enum: ['1.1', '1.4', '1.5'] },
        id: { type: 'string', pattern: '^(/[a-z0-9]([a-z0-9.-]*[a-z0-9])?)+$' },
        cpus: { type: 'number', exclusiveMinimum: 0 },
        mem: { type: 'number', minimum: 32 },
        disk: { type: 'number', minimum: 0 },
        instances: { type: 'integer', minimum: 0 },
        servicePort: { type: 'integer', minimum: 1, maximum: 65535 },
        vhost: { type: 'string' },
        haproxyGroup: { type: 'string' },
        healthCheck: {
          type: 'object', additionalProperties: false,
          properties: {
            path: { type: 'string', pattern: '^/' },
            gracePeriodSeconds: { type: 'integer', minimum: 0 },
            intervalSeconds: { type: 'integer', minimum: 1 },
            timeoutSeconds: { type: 'integer', minimum: 1 },
            maxConsecutiveFailures: { type: 'integer', minimum: 0 },
          },
        },
        isolation: { type: 'object', additionalProperties: false, properties: { cpusetCpus: { type: 'string' }, blkioWeight: { type: 'integer', minimum: 10, maximum: 1000 } } },
        registryCredentials: { type: 'string', description: 'URI of the docker.tar.gz with the registry credentials, fetched by the Mesos agent' },
      },
    },
    logs: { type: 'object', additionalProperties: false, properties: { mode: { enum: ['volume', 'stdout'] }, dir: { type: 'string' }, hostPath: { type: 'string' } } },
    volumesRoot: { type: 'string', description: 'host folder under which each app gets its data volumes' },
    env: {
      type: 'array',
      items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, secret: { type: 'boolean' }, default: { type: 'string' }, usedBy: { type: 'array', items: { type: 'string' } } } },
    },
    volumes: {
      type: 'array',
      items: { type: 'object', required: ['env'], additionalProperties: false, properties: { env: { type: 'string' }, defaultPath: { type: 'string' }, usedBy: { type: 'array', items: { type: 'string' } } } },
    },
    javaSystemProperties: { type: 'object', additionalProperties: { type: 'string' } },
    sessionStore: {
      type: 'object', required: ['type'], additionalProperties: false,
      properties: { type: { enum: ['redis', 'memcached', 'spring-session'] }, manager: { type: 'string' }, jars: { type: 'array', items: { type: 'string' } }, env: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;

export function loadDeployConfig(file: string | undefined): DeployConfig {
  if (!file || !existsSync(file)) return {};
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const validate = new Ajv({ allErrors: true }).compile<DeployConfig>(CONFIG_SCHEMA);
  if (!validate(data)) {
    const why = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ConfigError(`${file}: ${why}. See the schema in generators/schemas/paasport-config.schema.json.`);
  }
  return data;
}

export interface Resolved {
  appName: string;
  image: string; // registry/name:tag
  baseImage: string;
  contextPath: string;
  timezone: string;
  marathonVersion: MarathonVersion;
  marathonId: string;
  stateful: boolean; // sessions still live in one container's memory
}

/** Defaults for everything the config leaves out, from the assessment. */
export function resolveDefaults(c: DeployConfig, a: Assessment, version?: string): Resolved {
  const appName = (c.image?.name ?? a.app.name).toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const tag = c.image?.tag ?? version ?? '0.1.0';
  const image = `${c.image?.registry ? `${c.image.registry.replace(/\/$/, '')}/` : ''}${appName}:${tag}`;
  // sessions held in one container's memory: what the session-store fix would move out
  const stateful = a.findings.some((f) => f.fix === 'session-store' && f.category !== 'potential');
  const base = c.baseImage ?? a.baseImage.image;
  return {
    appName,
    image,
    baseImage: c.image?.baseRegistry ? `${c.image.baseRegistry.replace(/\/$/, '')}/${base.replace(/^.*\//, '')}` : base,
    contextPath: c.contextPath ?? '/',
    timezone: c.timezone ?? 'UTC',
    marathonVersion: c.marathon?.version ?? '1.5',
    marathonId: c.marathon?.id ?? `/${(a.app.team ?? 'apps').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}/${appName.replace(/[._]/g, '-')}`,
    stateful,
  };
}
