import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { putApp, putGroup, type Answer } from './stand-in-changes.js';
import { standInSchemas, type SchemaCheck, type StandInVersion } from './stand-in-schemas.js';
import { StandInState, type RecordedRequest } from './stand-in-state.js';
import { tasksOf } from './stand-in-tasks.js';
import { appView, deploymentView, groupView } from './stand-in-views.js';

/**
 * A Marathon master of the stand-in: the v2 endpoints paasport uses (apps, groups, deployments, versions, tasks,
 * leader) over the state every master of the cluster shares, each body checked against the official schema of the
 * version it plays. Any master answers (real ones pass requests to the leader); all answer 503 while no leader is
 * elected; a master taken down refuses connections.
 */
export interface StandInMaster {
  url: string;
  hostPort: string;
  down(): Promise<void>;
}

const notFound = (what: string): Answer => ({ status: 404, body: { message: `${what} does not exist` } });

function authorized(s: StandInState, header: string | undefined): boolean {
  const { token, basic } = s.faults;
  if (token) return header === `token=${token}`;
  if (basic) return header === `Basic ${Buffer.from(`${basic.user}:${basic.password}`).toString('base64')}`;
  return true;
}

function get(s: StandInState, path: string, query: URLSearchParams): Answer {
  let m: RegExpExecArray | null;
  if (path === '/v2/leader') return s.leader ? { status: 200, body: { leader: s.leader } } : notFound('leader');
  if (path === '/v2/deployments') {
    s.tick();
    return { status: 200, body: s.deployments.map((d) => deploymentView(s, d)) };
  }
  if ((m = /^\/v2\/apps(\/.+)\/versions$/.exec(path))) {
    const rec = s.apps.get(m[1]);
    return rec ? { status: 200, body: { versions: [...rec.versions.keys()].reverse() } } : notFound(`App '${m[1]}'`);
  }
  if ((m = /^\/v2\/apps(\/.+)\/tasks$/.exec(path))) {
    return s.apps.has(m[1]) ? { status: 200, body: { tasks: tasksOf(s, m[1]) } } : notFound(`App '${m[1]}'`);
  }
  if ((m = /^\/v2\/apps(\/.+)$/.exec(path))) {
    const embed = query.getAll('embed').includes('app.tasks');
    return s.apps.has(m[1]) ? { status: 200, body: { app: appView(s, m[1], embed) } } : notFound(`App '${m[1]}'`);
  }
  if ((m = /^\/v2\/groups(\/.+)\/versions$/.exec(path))) {
    const rec = s.groups.get(m[1]);
    return rec ? { status: 200, body: [...rec.versions.keys()].reverse() } : notFound(`Group '${m[1]}'`);
  }
  if ((m = /^\/v2\/groups(\/.+)$/.exec(path))) {
    return s.groups.has(m[1]) ? { status: 200, body: groupView(s, m[1]) } : notFound(`Group '${m[1]}'`);
  }
  return notFound(path);
}

function put(s: StandInState, schemas: SchemaCheck, path: string, force: boolean, body: unknown): Answer {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { status: 400, body: { message: 'Invalid JSON', details: [{ path: '/', errors: ['expected an object'] }] } };
  }
  const b = body as Record<string, unknown>;
  let m: RegExpExecArray | null;
  if ((m = /^\/v2\/apps(\/.+)$/.exec(path))) return putApp(s, schemas, m[1], b, force);
  if ((m = /^\/v2\/groups(\/.*)?$/.exec(path))) return putGroup(s, schemas, m[1] || String(b.id ?? '/'), b, force);
  return notFound(path);
}

function answer(s: StandInState, schemas: SchemaCheck, r: RecordedRequest, raw: string): Answer {
  if (!authorized(s, r.authorization)) return { status: 401, body: { message: 'Invalid username or password.' } };
  if (!s.leader && r.path !== '/v2/leader') {
    return { status: 503, body: { message: 'Could not determine the current leader' } };
  }
  const url = new URL(r.path, 'http://stand-in');
  if (r.method === 'GET') return get(s, url.pathname, url.searchParams);
  if (r.method !== 'PUT') return { status: 405, body: { message: `${r.method} is not used by paasport` } };
  try {
    r.body = raw ? JSON.parse(raw) : undefined;
  } catch (e) {
    return { status: 400, body: { message: 'Invalid JSON', details: [{ path: '/', errors: [(e as Error).message] }] } };
  }
  return put(s, schemas, url.pathname, url.searchParams.get('force') === 'true', r.body);
}

async function startMaster(s: StandInState, schemas: SchemaCheck): Promise<StandInMaster> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: RecordedRequest = {
        master: hostPort,
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authorization: req.headers.authorization,
      };
      s.requests.push(r);
      const a = answer(s, schemas, r, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(a.body));
      s.afterRequest?.(r, a.status);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const down = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://${hostPort}`, hostPort, down };
}

export interface StandInCluster {
  state: StandInState;
  masters: StandInMaster[];
  /** every master's URL, comma-separated, as --marathon takes them */
  urls: string;
  stop(): Promise<void>;
}

/** A cluster of `count` masters playing Marathon `version`; the first one leads. */
export async function startStandIn(version: StandInVersion, count = 1): Promise<StandInCluster> {
  const state = new StandInState(version);
  const schemas = standInSchemas(version);
  const masters: StandInMaster[] = [];
  for (let i = 0; i < count; i++) masters.push(await startMaster(state, schemas));
  state.leader = masters[0].hostPort;
  const stopped = new Set<StandInMaster>();
  const wrapped = masters.map((m) => ({
    ...m,
    down: async () => {
      if (stopped.has(m)) return;
      stopped.add(m);
      await m.down();
    },
  }));
  return {
    state,
    masters: wrapped,
    urls: wrapped.map((m) => m.url).join(','),
    stop: async () => void (await Promise.all(wrapped.map((m) => m.down()))),
  };
}
