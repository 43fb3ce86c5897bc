import type { Assessment } from '../../analyzers/assess/assess.js';
import { inDeployedApp } from '../../analyzers/assess/verdict.js';
import type { AppSettings, MarathonVersion } from '../../analyzers/settings/types.js';

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

/** An image of Docker Hub from the mirror of base images paasport.yaml names (image.baseRegistry), if any. */
export function fromBaseRegistry(c: AppSettings, image: string): string {
  const mirror = c.image?.baseRegistry?.replace(/\/$/, '');
  return mirror ? `${mirror}/${image.replace(/^.*\//, '')}` : image;
}

/** Defaults for everything the settings leave out, from the assessment. */
export function resolveDefaults(c: AppSettings, a: Assessment, version?: string): Resolved {
  const appName = (c.image?.name ?? a.app.name).toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const tag = c.image?.tag ?? version ?? '0.1.0';
  const image = `${c.image?.registry ? `${c.image.registry.replace(/\/$/, '')}/` : ''}${appName}:${tag}`;
  // sessions held in one container's memory: what the session-store fix would move out
  const stateful = a.findings.some((f) => inDeployedApp(f) && f.fix === 'session-store' && f.category !== 'potential');
  const base = c.baseImage ?? a.baseImage.image;
  return {
    appName,
    image,
    baseImage: fromBaseRegistry(c, base),
    contextPath: c.contextPath ?? '/',
    timezone: c.timezone ?? 'UTC',
    marathonVersion: c.marathon?.version ?? '1.5',
    marathonId:
      c.marathon?.id ??
      `/${(a.app.team ?? 'apps').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}/${appName.replace(/[._]/g, '-')}`,
    stateful,
  };
}
