import { PaasportError } from '../../analyzers/errors.js';
import type { MarathonApi, MarathonChange, MarathonDeployment, MarathonTarget, MarathonTask } from '../types.js';
import { messageOf, type MarathonAnswer, type MarathonRequest } from './marathon-http.js';

/** A PUT refused because deployments in progress lock the app or group (409). */
export class MarathonLockedError extends PaasportError {
  constructor(
    message: string,
    readonly deploymentIds: string[],
  ) {
    super(message, 'failed');
  }
}

const resource = (t: MarathonTarget) =>
  t.kind === 'app' ? `/v2/apps${t.id}` : `/v2/groups${t.id === '/' ? '' : t.id}`;

/** What to tell the user for an answer that is not a success. */
function failure(a: MarathonAnswer, what: string): PaasportError {
  const said = messageOf(a.body);
  const from = `Marathon (${a.master}) answered ${a.status}${said ? `: ${said}` : ''}`;
  switch (a.status) {
    case 401:
      return new PaasportError(
        `${what}: ${from}: give credentials (MARATHON_TOKEN, or MARATHON_USER and MARATHON_PASSWORD, ` +
          'or --credentials-file)',
        'failed',
      );
    case 403:
      return new PaasportError(`${what}: ${from}: these credentials may not do this; ask for access`, 'failed');
    case 400:
    case 422:
      return new PaasportError(`${what}: ${from}: correct the definition and deploy again`, 'failed');
    case 409: {
      const ids = ((a.body as { deployments?: { id: string }[] })?.deployments ?? []).map((d) => d.id);
      return new MarathonLockedError(`${what}: ${from}: wait for it, or pass --force to override it`, ids);
    }
    default:
      return new PaasportError(`${what}: ${from}`, 'failed');
  }
}

function expectOk(a: MarathonAnswer, what: string): unknown {
  if (a.status >= 200 && a.status < 300) return a.body;
  throw failure(a, what);
}

function change(body: unknown): MarathonChange {
  const b = body as { deploymentId?: string; version?: string; deployments?: { id: string }[] };
  return { deploymentId: b.deploymentId ?? b.deployments?.[0]?.id ?? '', version: b.version ?? '' };
}

/** Marathon's v2 API over a request function with failover (marathon-http.ts). */
export function marathonClient(request: MarathonRequest): MarathonApi {
  const get = async (path: string, what: string) => {
    const a = await request('GET', path);
    return a.status === 404 ? undefined : expectOk(a, what);
  };
  const put = async (t: MarathonTarget, body: unknown, force: boolean, what: string) =>
    change(expectOk(await request('PUT', `${resource(t)}${force ? '?force=true' : ''}`, body), what));
  return {
    async running(t) {
      const body = await get(
        t.kind === 'app' ? `${resource(t)}?embed=app.tasks` : resource(t),
        `read ${t.kind} ${t.id}`,
      );
      if (body === undefined) return undefined;
      return (t.kind === 'app' ? (body as { app: Record<string, unknown> }).app : body) as Record<string, unknown>;
    },
    put: (t, definition, force) => put(t, definition, force, `deploy ${t.kind} ${t.id}`),
    putVersion: (t, version, force) => put(t, { version }, force, `roll ${t.kind} ${t.id} back to ${version}`),
    async versions(t) {
      const body = await get(`${resource(t)}/versions`, `versions of ${t.id}`);
      if (body === undefined) return [];
      return Array.isArray(body) ? (body as string[]) : ((body as { versions?: string[] }).versions ?? []);
    },
    async deployments() {
      return (await get('/v2/deployments', 'deployments')) as MarathonDeployment[];
    },
    async tasks(appId) {
      const body = await get(`/v2/apps${appId}/tasks`, `tasks of ${appId}`);
      return ((body as { tasks?: MarathonTask[] } | undefined)?.tasks ?? []) as MarathonTask[];
    },
    async leader() {
      return ((await get('/v2/leader', 'leader')) as { leader?: string } | undefined)?.leader ?? '';
    },
  };
}
