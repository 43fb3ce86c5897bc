import zookeeper from 'node-zookeeper-client';

/**
 * A Marathon master taking part in the leader election as Marathon does: an ephemeral sequential member holding its
 * `host:port` under `<path>/leader-curator` (Curator's LeaderLatch, named `_c_<uuid>-latch-`), or under `<path>/leader`
 * (`member_`) for the older election. Its session is the master's: closing it removes the member (the master died).
 */
export interface ElectionMember {
  node: string;
  leave(): Promise<void>;
}

export async function joinElection(
  connect: string,
  path: string,
  hostPort: string,
  style: 'curator' | 'legacy',
): Promise<ElectionMember> {
  const client = zookeeper.createClient(connect, { sessionTimeout: 4000 });
  await new Promise<void>((resolve) => {
    client.once('connected', () => resolve());
    client.connect();
  });
  const folder = `${path}/${style === 'curator' ? 'leader-curator' : 'leader'}`;
  await new Promise<void>((resolve, reject) => client.mkdirp(folder, (e) => (e ? reject(e) : resolve())));
  const prefix = style === 'curator' ? `_c_${crypto.randomUUID()}-latch-` : 'member_';
  const node = await new Promise<string>((resolve, reject) =>
    client.create(`${folder}/${prefix}`, Buffer.from(hostPort), zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL, (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    node,
    leave: async () => {
      // removed at once rather than when the session times out, as when a master steps down
      await new Promise<void>((resolve) => client.remove(node, () => resolve()));
      client.close();
    },
  };
}
