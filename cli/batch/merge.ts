import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../../analyzers/errors.js';
import type { Rule } from '../../analyzers/types.js';
import { writePortfolio } from './portfolio.js';
import { readAllStates, readManifest, writeAppState, writeManifest, type Manifest } from './state-store.js';
import type { AppState } from './types.js';

/** The manifests of the shard folders, checked: one inventory, one paasport, every shard there once. */
export function shardManifests(dirs: string[]): Manifest[] {
  const manifests = dirs.map((d) => {
    const m = readManifest(d);
    if (!m) throw new PaasportError(`${d} is not the output folder of paasport batch (no manifest in it)`);
    return m;
  });
  const differ = (k: keyof Manifest) => new Set(manifests.map((m) => JSON.stringify(m[k]))).size > 1;
  if (differ('inventory'))
    throw new PaasportError('the folders are runs of different inventories: merge shards of one');
  if (differ('paasport') || differ('group') || differ('lang') || differ('rules'))
    throw new PaasportError('the shards ran with different paasport versions or options: run them again alike');
  const shards = manifests.map((m) => m.shard ?? '1/1');
  const count = Number(shards[0].split('/')[1]);
  const missing = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter((s) => !shards.includes(s));
  if (missing.length || shards.length !== count || shards.some((s) => Number(s.split('/')[1]) !== count))
    throw new PaasportError(
      `merge needs each shard of the inventory once: got ${shards.join(', ')}` +
        (missing.length ? `; missing ${missing.join(', ')}` : ''),
    );
  return manifests;
}

/**
 * Shard results combined into `out`: each app's artifacts and state copied over, then the portfolio made from all
 * of them, as one run over the whole inventory makes it.
 */
export async function mergeShards(dirs: string[], out: string, rules: Rule[], version: string): Promise<AppState[]> {
  const manifests = shardManifests(dirs);
  const seen = new Map<string, string>();
  const states: AppState[] = [];
  for (const dir of dirs) {
    for (const s of readAllStates(dir)) {
      if (seen.has(s.name)) throw new PaasportError(`${s.name} is in both ${seen.get(s.name)} and ${dir}`);
      seen.set(s.name, dir);
      states.push(s);
    }
  }
  states.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1));
  for (const s of states) {
    const from = path.join(seen.get(s.name)!, 'apps', s.name);
    const to = path.join(out, 'apps', s.name);
    if (path.resolve(from) === path.resolve(to)) continue;
    rmSync(to, { recursive: true, force: true });
    if (s.status === 'done' && existsSync(from)) cpSync(from, to, { recursive: true });
    await writeAppState(out, s);
  }
  const apps: Manifest['apps'] = {};
  for (const s of states) apps[s.name] = { inputHash: s.inputHash, status: s.status };
  const { shard: _shard, ...first } = manifests[0];
  await writeManifest(out, { ...first, apps });
  await writePortfolio(states, out, { rules, lang: first.lang, version, group: first.group });
  return states;
}
