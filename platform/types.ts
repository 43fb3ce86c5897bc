/** Where the Docker engine listens: DOCKER_HOST (unix:// or tcp://), else the default socket. */
export interface EngineAddress {
  socketPath?: string;
  host?: string;
  port?: number;
}

/** Files inside container images, read without running them (the Docker engine, or a stand-in in tests). */
export interface ImageFiles {
  readFile(image: string, file: string, onProgress?: (line: string) => void): Promise<string>;
}

/** What `paasport preview` started for one app, kept in <out>/.preview.json so `--down` removes exactly that. */
export interface PreviewState {
  appDir: string;
  appId: string;
  image: string;
  tasks: { id: string; name: string; hostPort: number }[];
  haproxy?: { kind: 'process'; pid: number } | { kind: 'container'; id: string };
  store?: { program: string; pid: number; port: number };
  urls: string[];
}

/** The label every container of a preview carries, valued with the app folder: `--down` finds them by it. */
export const PREVIEW_LABEL = 'paasport.preview';

/** What Marathon reports about one task of an app (`GET /v2/apps/{id}/tasks`). */
export interface MarathonTask {
  id: string;
  appId: string;
  host: string;
  ports: number[];
  version: string;
  state?: string; // TASK_RUNNING, TASK_STAGING, ... (1.4+)
  startedAt?: string;
  healthCheckResults?: { alive: boolean; consecutiveFailures?: number; lastFailureCause?: string; taskId?: string }[];
}

/** A deployment in progress (`GET /v2/deployments`). */
export interface MarathonDeployment {
  id: string;
  version: string;
  affectedApps: string[];
  currentStep: number;
  totalSteps: number;
  currentActions: { action: string; app: string; readinessCheckResults?: unknown[] }[];
}

/** What a PUT of an app or group answers: the deployment it started and the version it made. */
export interface MarathonChange {
  deploymentId: string;
  version: string;
}

/** The app or group a definition file describes, as Marathon names it. */
export interface MarathonTarget {
  kind: 'app' | 'group';
  id: string; // absolute: /team/shop
}

/** The parts of Marathon's v2 REST API paasport uses; `undefined` where Marathon answers 404. */
export interface MarathonApi {
  /** The app (`app` target) or group as Marathon runs it now, with every field Marathon added. */
  running(target: MarathonTarget): Promise<Record<string, unknown> | undefined>;
  /** PUT of a whole definition; `force` overrides a deployment that locks it. */
  put(target: MarathonTarget, definition: Record<string, unknown>, force: boolean): Promise<MarathonChange>;
  /** PUT of `{version}`: Marathon brings back that earlier version of the app or group. */
  putVersion(target: MarathonTarget, version: string, force: boolean): Promise<MarathonChange>;
  /** The versions Marathon keeps, newest first. */
  versions(target: MarathonTarget): Promise<string[]>;
  deployments(): Promise<MarathonDeployment[]>;
  tasks(appId: string): Promise<MarathonTask[]>;
  /** `host:port` of the leading master (`GET /v2/leader`). */
  leader(): Promise<string>;
}
