import path from 'node:path';
import { loadSettings, SETTINGS_FILE, validateSettings } from '../../analyzers/settings/paasport-yaml.js';
import type { AppSettings } from '../../analyzers/settings/types.js';
import { withFlags } from '../settings-flags.js';
import type { BatchApp, BatchOptions } from './types.js';

/** The Marathon id of an app the inventory puts in a group: `/<group>/<name>`. */
export function groupedId(group: string, name: string): string {
  return `/${group.replace(/^\//, '')}/${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

/**
 * The app's paasport.yaml with the inventory's overrides and the run's options over it, checked again: an override
 * must not make settings the file could not. (An app's session store is the fix's: it records the store it set up.)
 */
export function batchSettings(app: BatchApp, dir: string, opts: BatchOptions): AppSettings {
  const file = path.join(dir, SETTINGS_FILE);
  const flags = {
    cpus: app.cpus,
    mem: app.mem,
    instances: app.instances,
    vhost: app.vhost,
    baseImage: app.baseImage,
    marathonVersion: opts.marathonVersion,
    registry: opts.registry,
  };
  const s = withFlags(loadSettings(file), flags);
  if (app.group) s.marathon = { ...s.marathon, id: groupedId(app.group, app.name) };
  return validateSettings(s, `${file} with the overrides of ${app.name} in the inventory`);
}
