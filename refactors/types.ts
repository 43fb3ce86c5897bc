import type { Assessment } from '../analyzers/assess/assess.js';
import type { JavaParser } from '../analyzers/java/parser.js';
import type { ProjectIndex } from '../analyzers/java/type-index.js';
import type { Finding, ProjectFacts } from '../analyzers/types.js';
import type { Workspace } from './workspace.js';
import type {
  AppSettings,
  EnvSetting,
  SessionStoreKind,
  SessionStoreSetting,
  VolumeSetting,
} from '../analyzers/settings/types.js';

export type FixKind = 'session-serializable' | 'session-store' | 'externalize-config' | 'logs' | 'local-files';

export interface FixOptions {
  sessionStore?: SessionStoreKind;
  logs: 'volume' | 'stdout';
}

export type FixOptionName = keyof FixOptions;

/** An environment variable a fix found, with the value it took out of the sources. */
export interface FoundEnv {
  name: string;
  value?: string; // committed as the default unless secret; always in the git-ignored env file
  secret: boolean;
  usedBy: string[]; // files
}

/**
 * The part of paasport.yaml the fixes keep up to date (the same model `paasport generate` reads), plus the values
 * of secrets they took out of the sources, which go only to the git-ignored env file.
 */
export interface AppRecord {
  env: (EnvSetting & { usedBy: string[] })[];
  volumes: (VolumeSetting & { usedBy: string[] })[];
  javaSystemProperties: Record<string, string>; // -Dname=${ENV} that setenv.sh must pass
  sessionStore?: SessionStoreSetting;
  logs?: AppSettings['logs'];
  secretValues: Record<string, string>;
}

/** What a fix works with; it sees only the options it declares and the findings of the rules it names. */
export interface FixContext<O extends FixOptionName = never> {
  assessment: Assessment;
  project: ProjectFacts;
  index: ProjectIndex;
  java: JavaParser;
  ws: Workspace;
  options: Pick<FixOptions, O>;
  findings: Finding[]; // of the rules it resolves or reads, in the assessment's order
  record: AppRecord;
}

export interface FixOutcome {
  kind: FixKind;
  message: string; // commit message: what and why
  left: string[]; // what is left for a person
}

/** A codemod: the options it takes, the rules whose findings it removes, and the edits it makes. */
export interface Fix<O extends FixOptionName = never> {
  kind: FixKind;
  options: readonly O[];
  resolves: readonly string[]; // rule ids whose `fix:` names this fix; `assess` no longer reports them after it
  run(ctx: FixContext<O>): Promise<FixOutcome> | FixOutcome;
}
