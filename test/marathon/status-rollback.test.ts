import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../helpers.js';
import { shopApp, teamGroup, writeJson } from './definitions.js';
import { startStandIn, type StandInCluster } from './marathon-stand-in.js';
import type { StandInVersion } from './stand-in-schemas.js';
import { imageOf } from './stand-in-state.js';
import { runCli } from './run-cli.js';

const dir = makeTree({});
afterAll(() => removeTree(dir));

const V1 = 'registry.local:5000/shop:1.0.0';
const V2 = 'registry.local:5000/shop:1.1.0';
const FAST = ['--poll-interval', '0.05'];

describe.each<StandInVersion>(['1.1', '1.4', '1.5'])('paasport status and rollback against Marathon %s', (version) => {
  let m: StandInCluster;
  beforeEach(async () => {
    m = await startStandIn(version);
  });
  afterEach(() => m.stop());

  const file = (name: string, value: unknown) => writeJson(dir, `${version}-${name}`, value);
  const cli = (...args: string[]) => runCli([...args, '--marathon', m.urls, ...FAST]);
  const versionOf = (id: string) => m.state.apps.get(id)!.current;

  it('status lists the version, each task and its health; unhealthy tasks make it fail', async () => {
    expect((await cli('deploy', file('v1.json', shopApp(version, V1)))).code).toBe(0);
    const v1 = versionOf('/shop');
    const healthy = await cli('status', '/shop');
    expect(healthy.code, healthy.err).toBe(0);
    expect(healthy.out).toContain(`app /shop version ${v1}\n  /shop: 3 of 3 tasks running, version ${v1}, 3 healthy\n`);
    expect(healthy.out.match(/ agent-\d\.local:310\d\d \S+ healthy$/gm)).toHaveLength(3);

    m.state.faults.unhealthyImages.add(V2);
    expect((await cli('deploy', file('v2.json', shopApp(version, V2)), '--timeout', '0.5')).code).toBe(3);
    const sick = await cli('status', file('v2.json', shopApp(version, V2)));
    expect(sick.code).toBe(3);
    expect(sick.out).toMatch(/\/shop: 4 of 3 tasks running, 2 versions, 3 healthy, 1 unhealthy \(ConnectException/);
    expect(sick.out).toMatch(/deployment \S+ in progress: step 1\/1/);
    expect(sick.err).toContain('app /shop: tasks are missing or unhealthy');
  });

  it('status of an app Marathon does not run fails with exit 3', async () => {
    const r = await cli('status', '/nothing');
    expect(r.code).toBe(3);
    expect(r.err).toContain('app /nothing is not deployed on Marathon');
  });

  it('rollback brings back the version before the running one, or the one --to names', async () => {
    expect((await cli('deploy', file('v1.json', shopApp(version, V1)))).code).toBe(0);
    const v1 = versionOf('/shop');
    expect((await cli('deploy', file('v2.json', shopApp(version, V2)))).code).toBe(0);
    const v2 = versionOf('/shop');
    const back = await cli('rollback', '/shop');
    expect(back.code, back.err).toBe(0);
    expect(back.out).toContain(`Rolled app /shop back to version ${v1}`);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V1);
    const forward = await cli('rollback', '/shop', '--to', v2);
    expect(forward.code, forward.err).toBe(0);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V2);
    const unknown = await cli('rollback', '/shop', '--to', '2001-01-01T00:00:00.000Z');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Marathon has no version 2001-01-01T00:00:00.000Z');
  });

  it('rollback of an app with one version fails: there is nothing before it', async () => {
    expect((await cli('deploy', file('v1.json', shopApp(version, V1)))).code).toBe(0);
    const r = await cli('rollback', '/shop');
    expect(r.code).toBe(3);
    expect(r.err).toContain('/shop: no earlier version to roll back to');
  });

  it('a group: deploy --rollback brings back its version before, status shows each of its apps', async () => {
    const f1 = file('g1.json', teamGroup(version, V1));
    expect((await cli('deploy', f1)).code).toBe(0);
    m.state.faults.unhealthyImages.add(V2);
    const failed = await cli('deploy', file('g2.json', teamGroup(version, V2)), '--timeout', '0.5', '--rollback');
    expect(failed.code).toBe(3);
    expect(failed.err).toMatch(
      /group \/team: deployment \S+ did not finish in time: .* fail health checks.*; rolled back/,
    );
    expect(imageOf(m.state.appDefinition('/team/shop')!)).toBe(V1);
    expect(imageOf(m.state.appDefinition('/team/orders')!)).toBe(V1);
    const status = await cli('status', f1);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toMatch(/^group \/team version \S+\n {2}\/team\/shop: 2 of 2 tasks running/);
    expect(status.out).toMatch(/\n {2}\/team\/orders: 2 of 2 tasks running, version \S+, 2 healthy/);
  });
});
