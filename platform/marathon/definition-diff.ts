import { createTwoFilesPatch } from 'diff';
import { absoluteId } from './definition-file.js';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Array members of the same id are compared with each other (a group's apps), others by position. */
function projectArray(running: unknown[], local: unknown[], parentId: string): unknown[] {
  const byId = new Map(running.filter(isObject).map((r) => [absoluteId(String(r.id ?? ''), parentId), r]));
  return local.flatMap((l, i) => {
    if (isObject(l) && typeof l.id === 'string') {
      const match = byId.get(absoluteId(l.id, parentId));
      return match === undefined ? [] : [project(match, l, parentId)];
    }
    return i < running.length ? [project(running[i], l, parentId)] : [];
  });
}

/**
 * The running definition cut down to what the local one says: Marathon fills in every default and adds fields of its
 * own (version, tasks, counts), which would otherwise drown the differences that deploying makes.
 */
function project(running: unknown, local: unknown, parentId: string): unknown {
  if (isObject(running) && isObject(local)) {
    const id = typeof local.id === 'string' ? absoluteId(local.id, parentId) : parentId;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(local)) {
      if (key in running) out[key] = key === 'id' ? id : project(running[key], local[key], id);
    }
    return out;
  }
  if (Array.isArray(running) && Array.isArray(local)) return projectArray(running, local, parentId);
  return running;
}

/** Ids written relative to their group, made absolute as Marathon shows them. */
function absoluteIds(local: unknown, parentId: string): unknown {
  if (Array.isArray(local)) return local.map((l) => absoluteIds(l, parentId));
  if (!isObject(local)) return local;
  const id = typeof local.id === 'string' ? absoluteId(local.id, parentId) : parentId;
  const inGroup = (key: string) => key === 'apps' || key === 'groups';
  return Object.fromEntries(
    Object.entries(local).map(([k, v]) => [k, k === 'id' ? id : inGroup(k) ? absoluteIds(v, id) : v]),
  );
}

/** A unified diff from what Marathon runs (undefined: nothing yet) to the definition about to be deployed. */
export function definitionDiff(
  running: Record<string, unknown> | undefined,
  local: Record<string, unknown>,
  file: string,
): string {
  const wanted = absoluteIds(local, '/');
  const before = running === undefined ? '' : JSON.stringify(project(running, wanted, '/'), null, 2) + '\n';
  const after = JSON.stringify(wanted, null, 2) + '\n';
  const label = running === undefined ? '/dev/null' : `marathon (version ${String(running.version ?? '?')})`;
  return createTwoFilesPatch(label, file, before, after, '', '', { context: 3 });
}
