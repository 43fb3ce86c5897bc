import zookeeper from 'node-zookeeper-client';
import { PaasportError } from '../../analyzers/errors.js';
import { leadingMember, memberAddress } from './leader-members.js';
import type { ZkAddress } from './zk-url.js';

type Client = zookeeper.Client;

function connect(servers: string, timeoutMs: number): Promise<Client> {
  const client = zookeeper.createClient(servers, { sessionTimeout: timeoutMs, retries: 1, spinDelay: 200 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.close();
      reject(
        new PaasportError(`ZooKeeper ${servers}: no answer within ${timeoutMs / 1000} s: is it running?`, 'failed'),
      );
    }, timeoutMs);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

const NO_NODE = zookeeper.Exception.NO_NODE;

function children(client: Client, path: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    client.getChildren(path, (e, names) => {
      if (e && 'getCode' in e && e.getCode() === NO_NODE) resolve([]);
      else if (e) reject(e);
      else resolve(names);
    }),
  );
}

function data(client: Client, path: string): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) =>
    client.getData(path, (e, d) => {
      if (e && 'getCode' in e && e.getCode() === NO_NODE)
        resolve(undefined); // the member left meanwhile
      else if (e) reject(e);
      else resolve(d);
    }),
  );
}

/** The leader's `host:port` under one election folder, or undefined when nobody leads there. */
async function leaderUnder(client: Client, folder: string): Promise<string | undefined> {
  const members = await children(client, folder);
  const first = leadingMember(members);
  return first === undefined ? undefined : memberAddress(await data(client, `${folder}/${first}`));
}

/**
 * The `host:port` of Marathon's leading master as Marathon registers it in ZooKeeper: Curator's LeaderLatch under
 * `<path>/leader-curator`, else the older election under `<path>/leader`.
 */
export async function marathonLeader(zk: ZkAddress, timeoutMs = 10_000): Promise<string> {
  const client = await connect(zk.servers, timeoutMs);
  try {
    const leader =
      (await leaderUnder(client, `${zk.path}/leader-curator`)) ?? (await leaderUnder(client, `${zk.path}/leader`));
    if (!leader) {
      throw new PaasportError(
        `ZooKeeper ${zk.servers}: no Marathon leader under ${zk.path}/leader-curator or ${zk.path}/leader: ` +
          'check the path (Marathon --zk) or wait for the election',
        'failed',
      );
    }
    return leader;
  } finally {
    client.close();
  }
}
