// Types of paasport batch: the apps of an inventory taken through assess, fix and generate, with their state on disk.
import type { Assessment } from '../../analyzers/assess/assess.js';
import type { InventoryApp } from '../../analyzers/assess/inventory.js';
import type { MarathonVersion, SessionStoreKind } from '../../analyzers/settings/types.js';

/** An app of the inventory with its place in it (the portfolio keeps the inventory's order). */
export interface BatchApp extends InventoryApp {
  order: number;
}

/** What every app of a run shares; all of it is part of each app's input hash. */
export interface BatchOptions {
  out: string; // absolute
  fix: boolean;
  fixBranch: string;
  logs: 'volume' | 'stdout';
  sessionStore?: SessionStoreKind;
  marathonVersion?: MarathonVersion;
  registry?: string;
  group: string; // the Marathon group of the lot
  rules: string[]; // folders of a user's rules
  threads?: number;
}

/** Where an app's files came from: a folder, or a clone at a commit. */
export interface AppSource {
  dir: string; // the folder assessed (a clone's work tree for git apps)
  label: string; // what reports show as the app's root: the folder, or `<url>#<commit>`
  identity: string; // the commit, or a hash of the folder's content
}

/** The state of one app after a run, written atomically: the portfolio is made from these alone. */
export interface AppState {
  name: string;
  order: number;
  inputHash: string;
  status: 'done' | 'failed';
  source: string; // the folder, or `<url>#<commit>`
  reason?: string; // why it failed, and what to do
  assessment?: Assessment;
  marathon?: Record<string, unknown>; // the app's definition, for the group of the lot
  marathonVersion?: MarathonVersion;
  fixBranch?: string; // the clone's branch the fixes were committed on
  fixCommits?: number;
  warnings: string[];
}

/** What became of an app in this run (skipped: done before with the same inputs). */
export type AppOutcome = 'done' | 'failed' | 'skipped';
