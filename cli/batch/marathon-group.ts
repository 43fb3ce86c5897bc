import { PaasportError } from '../../analyzers/errors.js';
import type { MarathonVersion } from '../../analyzers/settings/types.js';
import { marathonValidators, validationErrors } from '../../generators/deploy/marathon-schema.js';

interface Group {
  id: string;
  apps: Record<string, unknown>[];
  groups: Group[];
}

const parentOf = (id: string) => id.slice(0, id.lastIndexOf('/')) || '/';

/** The group of `id` under `root`, made with every group between them. */
function groupAt(root: Group, id: string): Group {
  if (id === root.id) return root;
  const parent = groupAt(root, parentOf(id));
  let g = parent.groups.find((x) => x.id === id);
  if (!g) parent.groups.push((g = { id, apps: [], groups: [] }));
  return g;
}

const strip = (g: Group): Record<string, unknown> => ({
  id: g.id,
  ...(g.apps.length ? { apps: g.apps } : {}),
  ...(g.groups.length ? { groups: g.groups.map(strip) } : {}),
});

/**
 * One Marathon group for every app of the portfolio, each app in the group its id names (`/retail/shop` in
 * `/retail`), under `rootId`; checked against Marathon's schema. `PUT /v2/groups` deploys the lot.
 */
export function groupOfApps(rootId: string, apps: Record<string, unknown>[], version: MarathonVersion): string {
  const root: Group = { id: rootId === '/' ? '/' : rootId.replace(/\/$/, ''), apps: [], groups: [] };
  const prefix = root.id === '/' ? '/' : `${root.id}/`;
  const outside = apps.map((a) => String(a.id)).filter((id) => !id.startsWith(prefix));
  if (outside.length)
    throw new PaasportError(
      `the Marathon ids ${outside.join(', ')} are not inside the group ${root.id}: pass --group / (or a group above them)`,
    );
  for (const a of apps) groupAt(root, parentOf(String(a.id))).apps.push(a);
  const group = strip(root);
  const errors = validationErrors(marathonValidators(version).group, group);
  if (errors.length)
    throw new PaasportError(
      `the Marathon group does not follow Marathon's schema: ${errors.join('; ')}. Check --group.`,
    );
  return JSON.stringify(group, null, 2) + '\n';
}
