import { readFileSync } from 'node:fs';
import { PaasportError } from '../../analyzers/errors.js';
import type { MarathonTarget } from '../types.js';

export interface DefinitionFile {
  target: MarathonTarget;
  definition: Record<string, unknown>;
}

/** `/team/shop` from `shop` under `/team`, `../x`, `./x`: Marathon's rules for ids relative to their group. */
export function absoluteId(id: string, parent = '/'): string {
  const parts = (id.startsWith('/') ? id : `${parent.replace(/\/$/, '')}/${id}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return `/${out.join('/')}`;
}

/** A group's apps, nested groups included, by their absolute ids. */
export function groupAppIds(group: Record<string, unknown>, parent = '/'): string[] {
  const id = absoluteId(String(group.id ?? '/'), parent);
  const apps = ((group.apps as { id?: string }[] | undefined) ?? []).map((a) => absoluteId(String(a.id ?? ''), id));
  const nested = ((group.groups as Record<string, unknown>[] | undefined) ?? []).flatMap((g) => groupAppIds(g, id));
  return [...apps, ...nested];
}

/** A Marathon app or group definition (marathon-app.json, marathon-group.json): a group is one with apps or groups. */
export function readDefinitionFile(file: string): DefinitionFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PaasportError(
      `${file}: cannot read it (${(e as NodeJS.ErrnoException).code}): give a Marathon JSON file`,
    );
  }
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (e) {
    throw new PaasportError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new PaasportError(`${file}: expected a Marathon app or group definition (a JSON object)`);
  }
  const d = definition as Record<string, unknown>;
  if (typeof d.id !== 'string' || !d.id) throw new PaasportError(`${file}: the definition has no "id"`);
  const kind = 'apps' in d || 'groups' in d ? 'group' : 'app';
  return { target: { kind, id: absoluteId(d.id) }, definition: d };
}
