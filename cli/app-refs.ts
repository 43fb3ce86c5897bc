import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppRef } from '../analyzers/assess/assess.js';
import { PaasportError } from '../analyzers/errors.js';

/** The applications named on the command line: folders, every sub-folder of --each, the apps of --inventory. */
export async function appsFrom(paths: string[], opts: { each?: string; inventory?: string }): Promise<AppRef[]> {
  const apps: AppRef[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new PaasportError(`${p}: no such folder. Pass the folder of the application.`);
    if (!statSync(p).isDirectory()) throw new PaasportError(`${p} is a file: pass the folder of the application.`);
    apps.push({ name: path.basename(path.resolve(p)), path: p });
  }
  if (opts.each || opts.inventory) {
    // the inventory reader (YAML and its schema) is loaded only for --each and --inventory
    const { appsIn, loadInventory } = await import('../analyzers/assess/inventory.js');
    if (opts.each) apps.push(...appsIn(opts.each));
    if (opts.inventory) apps.push(...loadInventory(opts.inventory));
  }
  if (!apps.length)
    throw new PaasportError('nothing to do: pass an application folder, --each FOLDER or --inventory FILE.');
  const names = new Map<string, number>();
  return apps.map((a) => {
    const n = (names.get(a.name) ?? 0) + 1;
    names.set(a.name, n);
    return n > 1 ? { ...a, name: `${a.name}-${n}` } : a;
  });
}
