import zookeeper from 'node-zookeeper-client';
import { PaasportError } from '../../analyzers/errors.js';

/** The few ZooKeeper calls a coordinator needs, each a promise; failures are PaasportErrors saying what to check. */
export interface ZkSession {
  /** Creates a node; false when it exists already. Ephemeral nodes go away with this session. */
  create(path: string, data: string, mode: 'persistent' | 'ephemeral'): Promise<boolean>;
  exists(path: string): Promise<boolean>;
  /** The node's data as text, undefined when there is no such node. */
  data(path: string): Promise<string | undefined>;
  /** The node's children, [] when there is no such node. */
  children(path: string): Promise<string[]>;
  /** Resolves at the next change of the node's children (or after `ms`, whichever comes first). */
  childrenChange(path: string, ms: number): Promise<void>;
  mkdirp(path: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Called once if ZooKeeper ends the session (its ephemeral nodes are gone: others may take what they held). */
  onExpired(handler: () => void): void;
  close(): void;
}

type Client = zookeeper.Client;
const { NODE_EXISTS, NO_NODE } = zookeeper.Exception;

const code = (e: unknown) =>
  e && typeof e === 'object' && 'getCode' in e ? (e as zookeeper.Exception).getCode() : undefined;

function failure(servers: string, what: string, e: unknown): PaasportError {
  const why = e instanceof Error ? e.message : String(e);
  return new PaasportError(`ZooKeeper ${servers}: ${what} failed: ${why}: check the ensemble's health`, 'failed');
}

function connect(servers: string, sessionMs: number, connectMs: number): Promise<Client> {
  const client = zookeeper.createClient(servers, { sessionTimeout: sessionMs, retries: 1, spinDelay: 200 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.close();
      reject(
        new PaasportError(
          `ZooKeeper ${servers}: no answer within ${connectMs / 1000} s: check that it runs and that this machine ` +
            'reaches it (host names, port, firewall)',
          'failed',
        ),
      );
    }, connectMs);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

/** A session with a ZooKeeper ensemble (`host:port,host:port`); `sessionMs` is how long it outlives this process. */
export async function zkSession(servers: string, sessionMs = 10_000, connectMs = 10_000): Promise<ZkSession> {
  const client = await connect(servers, sessionMs, connectMs);
  const call = <T>(what: string, run: (done: (e: unknown, v?: T) => void) => void, onCode?: Record<number, T>) =>
    new Promise<T>((resolve, reject) =>
      run((e, v) => {
        const c = code(e);
        if (e && c !== undefined && onCode && c in onCode) resolve(onCode[c]);
        else if (e) reject(failure(servers, what, e));
        else resolve(v as T);
      }),
    );
  return {
    create: (path, data, mode) =>
      call<boolean>(
        `create ${path}`,
        (done) =>
          client.create(
            path,
            Buffer.from(data),
            mode === 'ephemeral' ? zookeeper.CreateMode.EPHEMERAL : zookeeper.CreateMode.PERSISTENT,
            (e) => done(e, true),
          ),
        { [NODE_EXISTS]: false },
      ),
    exists: (path) => call<boolean>(`exists ${path}`, (done) => client.exists(path, (e, stat) => done(e, !!stat))),
    data: (path) =>
      call<string | undefined>(`data of ${path}`, (done) => client.getData(path, (e, d) => done(e, d?.toString())), {
        [NO_NODE]: undefined,
      }),
    children: (path) =>
      call<string[]>(`children of ${path}`, (done) => client.getChildren(path, (e, names) => done(e, names)), {
        [NO_NODE]: [],
      }),
    childrenChange: (path, ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        const fire = () => {
          clearTimeout(timer);
          resolve();
        };
        client.getChildren(path, fire, (e) => e && fire());
      }),
    mkdirp: (path) => call<void>(`create ${path}`, (done) => client.mkdirp(path, (e) => done(e))),
    remove: (path) =>
      call<void>(`remove ${path}`, (done) => client.remove(path, (e) => done(e)), { [NO_NODE]: undefined }),
    onExpired: (handler) => client.once('expired', handler),
    close: () => client.close(),
  };
}
