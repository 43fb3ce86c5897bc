import { absoluteId } from '../../platform/marathon/definition-file.js';
import { invalidBody, type SchemaCheck } from './stand-in-schemas.js';
import type { StandInState } from './stand-in-state.js';

type Definition = Record<string, unknown>;
export interface Answer {
  status: number;
  body: unknown;
}

const isVersionOnly = (b: Definition) =>
  typeof b.version === 'string' && Object.keys(b).every((k) => k === 'version' || k === 'id');

const locked = (ids: string[]): Answer => ({
  status: 409,
  body: {
    message:
      "App is locked by one or more deployments. Override with the option '?force=true'. " +
      `View details at '/v2/deployments/${ids[0]}'.`,
    deployments: ids.map((id) => ({ id })),
  },
});

/** 409 unless forced; a forced change cancels the deployments that hold the apps. */
function unlock(s: StandInState, appIds: string[], force: boolean): Answer | undefined {
  const holding = s.lockedBy(appIds);
  if (!holding.length) return undefined;
  if (!force) return locked(holding.map((d) => d.id));
  s.deployments = s.deployments.filter((d) => !holding.includes(d));
  return undefined;
}

/** PUT /v2/apps/{id}: a whole definition, or `{version}` to bring an earlier one back. */
export function putApp(s: StandInState, schemas: SchemaCheck, id: string, body: Definition, force: boolean): Answer {
  if (s.faults.forbidden.has(id)) return { status: 403, body: { message: 'Not Authorized to perform this action!' } };
  let definition = body;
  if (isVersionOnly(body)) {
    const old = s.apps.get(id)?.versions.get(String(body.version));
    if (!old) return { status: 404, body: { message: `Version ${String(body.version)} of app ${id} not found` } };
    definition = old;
  } else if (!schemas.app(body)) return invalidBody(schemas.app.errors ?? []);
  const refused = unlock(s, [id], force);
  if (refused) return refused;
  const created = !s.apps.has(id);
  const version = s.nextVersion();
  const move = s.setApp(id, definition, version);
  const d = s.startDeployment(new Map([[id, move]]), version);
  // Marathon 1.1 answers a PUT that creates the app with the app itself and its deployments
  if (created && s.version === '1.1')
    return { status: 201, body: { ...definition, id, version, deployments: [{ id: d.id }] } };
  return { status: created ? 201 : 200, body: { deploymentId: d.id, version } };
}

function groupApps(group: Definition, parent: string): Definition[] {
  const id = absoluteId(String(group.id ?? parent), parent);
  const apps = ((group.apps as Definition[] | undefined) ?? []).map((a) => ({
    ...a,
    id: absoluteId(String(a.id), id),
  }));
  return [...apps, ...((group.groups as Definition[] | undefined) ?? []).flatMap((g) => groupApps(g, id))];
}

/** PUT /v2/groups[/{id}]: the group's apps change together, in one deployment. */
export function putGroup(s: StandInState, schemas: SchemaCheck, id: string, body: Definition, force: boolean): Answer {
  let apps: Definition[];
  if (isVersionOnly(body)) {
    const old = s.groups.get(id)?.versions.get(String(body.version));
    if (!old) return { status: 404, body: { message: `Version ${String(body.version)} of group ${id} not found` } };
    apps = old.apps as Definition[];
  } else if (!schemas.group(body)) return invalidBody(schemas.group.errors ?? []);
  else apps = groupApps({ ...body, id }, '/');
  const ids = apps.map((a) => String(a.id));
  if ([id, ...ids].some((x) => s.faults.forbidden.has(x))) {
    return { status: 403, body: { message: 'Not Authorized to perform this action!' } };
  }
  const refused = unlock(s, ids, force);
  if (refused) return refused;
  const version = s.nextVersion();
  const moves = new Map(apps.map((a) => [String(a.id), s.setApp(String(a.id), a, version)]));
  const rec = s.groups.get(id) ?? { versions: new Map(), current: '' };
  rec.versions.set(version, { id, apps });
  rec.current = version;
  s.groups.set(id, rec);
  const d = s.startDeployment(moves, version);
  return { status: 200, body: { deploymentId: d.id, version } };
}
