import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadingMember, memberAddress } from '../platform/zookeeper/leader-members.js';
import { marathonLeader } from '../platform/zookeeper/marathon-leader.js';
import { parseZkUrl } from '../platform/zookeeper/zk-url.js';
import { makeTree, removeTree } from './helpers.js';
import { shopApp, writeJson } from './marathon/definitions.js';
import { startStandIn } from './marathon/marathon-stand-in.js';
import { imageOf } from './marathon/stand-in-state.js';
import { runCli } from './marathon/run-cli.js';
import { joinElection, type ElectionMember } from './support/marathon-znodes.js';
import { startZooKeeper, type ZooKeeperServer } from './support/zookeeper-server.js';

describe('the leading member of an election', () => {
  it('is the lowest sequence number, whatever the prefix; its data must be host:port', () => {
    expect(
      leadingMember([
        '_c_9b3e-latch-0000000012',
        '_c_1a2f-latch-0000000010',
        'not-a-member',
        '_c_77aa-latch-0000000011',
      ]),
    ).toBe('_c_1a2f-latch-0000000010');
    expect(leadingMember(['member_0000000003', 'member_0000000002'])).toBe('member_0000000002');
    expect(leadingMember([])).toBeUndefined();
    expect(memberAddress(Buffer.from('master-2.local:8080\n'))).toBe('master-2.local:8080');
    expect(memberAddress(Buffer.from('not an address'))).toBeUndefined();
  });

  it('zk:// addresses: several servers, default port and path', () => {
    expect(parseZkUrl('zk://zk1:2181,zk2,zk3:2182/marathon')).toEqual({
      servers: 'zk1:2181,zk2:2181,zk3:2182',
      path: '/marathon',
    });
    expect(parseZkUrl('zk://user:pw@zk1/')).toEqual({ servers: 'zk1:2181', path: '/marathon' });
    expect(() => parseZkUrl('zk:///marathon')).toThrow(/expected zk:\/\/HOST:PORT/);
  });
});

// a real ZooKeeper (Debian's zookeeperd package) on 127.0.0.1, the election members written as Marathon writes them
describe('Marathon leader from ZooKeeper', () => {
  let zk: ZooKeeperServer;
  const members: ElectionMember[] = [];
  const dir = makeTree({});
  beforeAll(async () => {
    zk = await startZooKeeper();
  });
  afterAll(async () => {
    await Promise.all(members.map((m) => m.leave()));
    await zk?.stop();
    removeTree(dir);
  });
  const join = async (path: string, hostPort: string, style: 'curator' | 'legacy') => {
    const m = await joinElection(zk.connect, path, hostPort, style);
    members.push(m);
    return m;
  };

  it('reads leader-curator (LeaderLatch, lowest sequence), else the older leader folder', async () => {
    await join('/one', '10.0.0.1:8080', 'curator');
    await join('/one', '10.0.0.2:8080', 'curator');
    expect(await marathonLeader(parseZkUrl(`zk://${zk.connect}/one`))).toBe('10.0.0.1:8080');
    await join('/old', '10.0.0.7:8080', 'legacy');
    await join('/old', '10.0.0.8:8080', 'legacy');
    expect(await marathonLeader(parseZkUrl(`zk://${zk.connect}/old`))).toBe('10.0.0.7:8080');
    await expect(marathonLeader(parseZkUrl(`zk://${zk.connect}/none`))).rejects.toThrow(
      /no Marathon leader under \/none\/leader-curator or \/none\/leader/,
    );
  });

  it('deploy --marathon zk://... finds the leader, and the new one after a leader change mid-deployment', async () => {
    const m = await startStandIn('1.5', 2);
    try {
      const [a, b] = m.masters;
      const first = await join('/marathon', a.hostPort, 'curator');
      await join('/marathon', b.hostPort, 'curator');
      const zkUrl = `zk://${zk.connect}/marathon`;
      const f1 = writeJson(dir, 'v1.json', shopApp('1.5', 'registry.local:5000/shop:1.0.0'));
      const created = await runCli(['deploy', f1, '--marathon', zkUrl, '--poll-interval', '0.05']);
      expect(created.code, created.err).toBe(0);
      expect(new Set(m.state.requests.map((r) => r.master))).toEqual(new Set([a.hostPort]));

      // the leader steps down once the deployment has started: its member leaves, it stops answering
      m.state.faults.deploymentMs = 1500;
      m.state.requests.length = 0;
      m.state.afterRequest = (req, status) => {
        if (req.method !== 'PUT' || status !== 200) return;
        m.state.leader = b.hostPort;
        void first.leave().then(() => a.down());
      };
      const f2 = writeJson(dir, 'v2.json', shopApp('1.5', 'registry.local:5000/shop:1.1.0'));
      const upgraded = await runCli(['deploy', f2, '--marathon', zkUrl, '--poll-interval', '0.1']);
      expect(upgraded.code, upgraded.err).toBe(0);
      expect(upgraded.err).toContain(`Marathon master http://${b.hostPort} answers now`);
      expect(m.state.requests.find((r) => r.method === 'PUT')!.master).toBe(a.hostPort);
      expect(m.state.requests.at(-1)!.master).toBe(b.hostPort);
      expect(imageOf(m.state.appDefinition('/shop')!)).toBe('registry.local:5000/shop:1.1.0');
    } finally {
      await m.stop();
    }
  });

  it('fails with exit 3 when ZooKeeper names no leader', async () => {
    const f = writeJson(dir, 'none.json', shopApp('1.4', 'registry.local:5000/shop:1.0.0'));
    const r = await runCli(['deploy', f, '--marathon', `zk://${zk.connect}/empty`, '--timeout', '1']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/no Marathon master answered .*no Marathon leader under \/empty\/leader-curator/);
  });
});
