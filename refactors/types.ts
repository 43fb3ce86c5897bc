import type { Assessment } from '../analyzers/assess/assess.js';
import type { JavaParser } from '../analyzers/java/parser.js';
import type { ProjectIndex } from '../analyzers/java/type-index.js';
import type { ProjectFacts } from '../analyzers/types.js';
import type { Workspace } from './workspace.js';

export type FixKind = 'session-serializable' | 'session-store' | 'externalize-config' | 'logs' | 'local-files';
export const FIX_ORDER: FixKind[] = [
  'session-serializable',
  'session-store',
  'externalize-config',
  'logs',
  'local-files',
];

export type SessionStore = 'redis' | 'memcached' | 'spring-session';

export interface FixOptions {
  sessionStore?: SessionStore;
  logs: 'volume' | 'stdout';
}

/** An environment variable the fixed app reads; secrets never get a default in code. */
export interface EnvVar {
  name: string;
  value?: string; // the value found in the sources: goes to the git-ignored env file only
  secret: boolean;
  usedBy: string[]; // files
}

export interface Volume {
  env: string; // the variable that holds the directory
  defaultPath: string;
  usedBy: string[];
}

/** What the fixes record for the generators: paasport.yaml in the repository. */
export interface AppRecord {
  sessionStore?: { type: SessionStore; manager?: string; jars: string[]; env: string[] };
  env: EnvVar[];
  volumes: Volume[];
  logs?: { mode: 'volume' | 'stdout'; dir: string };
  javaSystemProperties: Record<string, string>; // -Dname=${ENV} that setenv.sh must pass
}

export interface FixContext {
  assessment: Assessment;
  project: ProjectFacts;
  index: ProjectIndex;
  java: JavaParser;
  ws: Workspace;
  options: FixOptions;
  record: AppRecord;
}

export interface FixOutcome {
  kind: FixKind;
  message: string; // commit message: what and why
  left: string[]; // what is left for a person
}

export interface Fix {
  kind: FixKind;
  run(ctx: FixContext): Promise<FixOutcome> | FixOutcome;
}
