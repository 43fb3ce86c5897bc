import type { AppSettings, LogShipper, MarathonVersion } from '../analyzers/settings/types.js';

/** The options of `paasport generate` that override paasport.yaml. */
export interface SettingsFlags {
  marathonVersion?: MarathonVersion;
  cpus?: number;
  mem?: number;
  instances?: number;
  servicePort?: number;
  vhost?: string;
  baseImage?: string;
  contextPath?: string;
  registry?: string;
  tag?: string;
  logShipper?: LogShipper;
}

/** Command-line flags win over paasport.yaml. */
export function withFlags(c: AppSettings, o: SettingsFlags): AppSettings {
  const m = { ...c.marathon };
  if (o.marathonVersion) m.version = o.marathonVersion;
  for (const k of ['cpus', 'mem', 'instances', 'servicePort'] as const) if (o[k] !== undefined) m[k] = o[k];
  if (o.vhost !== undefined) m.vhost = o.vhost;
  return {
    ...c,
    ...(o.baseImage ? { baseImage: o.baseImage } : {}),
    ...(o.contextPath ? { contextPath: o.contextPath } : {}),
    image: { ...c.image, ...(o.registry ? { registry: o.registry } : {}), ...(o.tag ? { tag: o.tag } : {}) },
    marathon: m,
    ...(o.logShipper ? { logs: { ...c.logs, shipper: o.logShipper } } : {}),
  };
}
