import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../write-output.js';
import type { AppState } from './types.js';

/** The folder of a run's own records inside its output folder. */
export const STATE_DIR = '.paasport-batch';
/** The run's manifest: each app's input hash and status, keyed by app name. */
export const MANIFEST = 'batch-manifest.json';

export interface Manifest {
  paasport: string;
  inventory: string; // a hash of the inventory file: shards of one inventory merge
  shard?: string; // i/n
  group: string; // the root of the Marathon group
  lang: 'en' | 'zh-CN';
  rules: string[]; // the user's rule folders
  apps: Record<string, { inputHash: string; status: AppState['status'] }>;
}

const stateFile = (out: string, name: string) => path.join(out, STATE_DIR, 'apps', `${name}.json`);

/** An app's state, whole or not at all (a kill during the write leaves the one before). */
export async function writeAppState(out: string, state: AppState): Promise<void> {
  const file = stateFile(out, state.name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(state) + '\n');
}

export function readAppState(out: string, name: string): AppState | undefined {
  const file = stateFile(out, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AppState;
  } catch {
    return undefined; // not ours, or from a paasport that wrote another shape: the app runs again
  }
}

export async function removeAppState(out: string, name: string): Promise<void> {
  await rm(stateFile(out, name), { force: true });
}

/** Every app state of an output folder, in inventory order. */
export function readAllStates(out: string): AppState[] {
  const dir = path.join(out, STATE_DIR, 'apps');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readAppState(out, f.slice(0, -'.json'.length)))
    .filter((s): s is AppState => !!s)
    .sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1));
}

export function readManifest(out: string): Manifest | undefined {
  const file = path.join(out, STATE_DIR, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

export async function writeManifest(out: string, m: Manifest): Promise<void> {
  await mkdir(path.join(out, STATE_DIR), { recursive: true });
  await writeFileAtomic(path.join(out, STATE_DIR, MANIFEST), JSON.stringify(m, null, 2) + '\n');
}
