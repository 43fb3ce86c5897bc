import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import type { Assessment } from '../../analyzers/assess/assess.js';
import { readPackageFile } from '../../analyzers/read/package-files.js';
import type { MarathonVersion } from './marathon.js';
import { PaasportError } from '../../analyzers/errors.js';

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
    healthCheck?: {
      path?: string;
      gracePeriodSeconds?: number;
      intervalSeconds?: number;
      timeoutSeconds?: number;
      maxConsecutiveFailures?: number;
    };
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

/** The schema of paasport.yaml, kept in generators/schemas/ for editors and documentation. */
const configSchema = (): object => JSON.parse(readPackageFile('generators/deploy/schemas/paasport-config.schema.json'));

export function loadDeployConfig(file: string | undefined): DeployConfig {
  if (!file || !existsSync(file)) return {};
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new PaasportError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const validate = new Ajv({ allErrors: true }).compile<DeployConfig>(configSchema());
  if (!validate(data)) {
    const why = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    throw new PaasportError(
      `${file}: ${why}. See the schema in generators/deploy/schemas/paasport-config.schema.json.`,
    );
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
    marathonId:
      c.marathon?.id ??
      `/${(a.app.team ?? 'apps').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}/${appName.replace(/[._]/g, '-')}`,
    stateful,
  };
}
