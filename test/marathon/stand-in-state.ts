import type { StandInVersion } from './stand-in-schemas.js';

type Definition = Record<string, unknown>;

interface AppRecord {
  versions: Map<string, Definition>; // version → definition as PUT
  current: string;
}

interface GroupRecord {
  versions: Map<string, Definition>;
  current: string;
}

export interface DeploymentRecord {
  id: string;
  version: string;
  apps: Map<string, { from?: string; to: string }>; // app id → versions its tasks go from and to
  startedAt: number;
  durationMs: number;
  unhealthy: boolean; // the new tasks fail their health checks: it never ends
}

/** The switches a test flips to make the stand-in fail as Marathon does. */
export interface StandInFaults {
  token?: string; // required: Authorization: token=<t>
  basic?: { user: string; password: string }; // required: basic authentication
  forbidden: Set<string>; // ids these credentials may not change: 403
  deploymentMs: number; // how long a deployment takes (a rolling upgrade goes task by task over that time)
  unhealthyImages: Set<string>; // tasks of these images fail their health checks
}

export interface RecordedRequest {
  master: string;
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

/** Everything the masters of one stand-in cluster share: Marathon keeps it in ZooKeeper. */
export class StandInState {
  readonly apps = new Map<string, AppRecord>();
  readonly groups = new Map<string, GroupRecord>();
  deployments: DeploymentRecord[] = [];
  leader: string | undefined; // host:port; undefined while no leader is elected (every master answers 503)
  readonly requests: RecordedRequest[] = [];
  readonly faults: StandInFaults = { forbidden: new Set(), deploymentMs: 0, unhealthyImages: new Set() };
  afterRequest?: (r: RecordedRequest, status: number) => void;
  private clock = Date.parse('2016-06-01T10:00:00.000Z');
  private counter = 0;

  constructor(readonly version: StandInVersion) {}

  /** Marathon's versions are the times of the changes: strictly increasing here. */
  nextVersion(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  nextId(): string {
    this.counter++;
    return `5ed4c0c5-9ff8-4a6f-a0cd-${String(this.counter).padStart(12, '0')}`;
  }

  /** Deployments whose time is up and whose tasks are healthy are over. */
  tick(now = Date.now()): void {
    this.deployments = this.deployments.filter((d) => d.unhealthy || now < d.startedAt + d.durationMs);
  }

  lockedBy(appIds: string[]): DeploymentRecord[] {
    this.tick();
    return this.deployments.filter((d) => appIds.some((a) => d.apps.has(a)));
  }

  /** Stores a new version of an app and starts moving its tasks there. */
  setApp(id: string, definition: Definition, version: string): { from?: string; to: string } {
    const rec = this.apps.get(id) ?? { versions: new Map(), current: '' };
    const from = rec.current || undefined;
    rec.versions.set(version, { ...definition, id });
    rec.current = version;
    this.apps.set(id, rec);
    return { from, to: version };
  }

  startDeployment(apps: Map<string, { from?: string; to: string }>, version: string): DeploymentRecord {
    const unhealthy = [...apps].some(([id, v]) =>
      this.faults.unhealthyImages.has(imageOf(this.apps.get(id)!.versions.get(v.to)!)),
    );
    const d = {
      id: this.nextId(),
      version,
      apps,
      startedAt: Date.now(),
      durationMs: this.faults.deploymentMs,
      unhealthy,
    };
    this.deployments.push(d);
    return d;
  }

  /** A deployment of someone else that holds the app for `ms` (Infinity: until it is forced). */
  lock(appId: string, ms: number): DeploymentRecord {
    const current = this.apps.get(appId)!.current;
    const d = this.startDeployment(new Map([[appId, { from: current, to: current }]]), current);
    d.durationMs = ms;
    return d;
  }

  appDefinition(id: string): Definition | undefined {
    const rec = this.apps.get(id);
    return rec?.versions.get(rec.current);
  }
}

export function imageOf(d: Definition): string {
  return String(((d.container as Definition | undefined)?.docker as Definition | undefined)?.image ?? '');
}
