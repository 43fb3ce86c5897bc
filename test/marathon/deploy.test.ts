import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

describe.each<StandInVersion>(['1.1', '1.4', '1.5'])('paasport deploy against Marathon %s', (version) => {
  let m: StandInCluster;
  beforeEach(async () => {
    m = await startStandIn(version, 2);
  });
  afterEach(() => m.stop());

  const file = (name: string, value: unknown) => writeJson(dir, `${version}-${name}`, value);
  const deploy = (f: string, ...args: string[]) => runCli(['deploy', f, '--marathon', m.urls, ...FAST, ...args]);
  const puts = () => m.state.requests.filter((r) => r.method === 'PUT');

  /** The shop deployed once at V1 (3 healthy tasks), the requests of that cleared. */
  async function deployedShop() {
    const r = await deploy(file('v1.json', shopApp(version, V1)));
    expect(r.code, r.err).toBe(0);
    m.state.requests.length = 0;
    return m.state.apps.get('/shop')!.current;
  }

  it('creates the app, then upgrades it task by task, reporting the progress and the health of the tasks', async () => {
    const v1 = await deployedShop();
    m.state.faults.deploymentMs = 3000;
    const r = await deploy(file('v2.json', shopApp(version, V2)));
    expect(r.code, r.err).toBe(0);
    const v2 = m.state.apps.get('/shop')!.current;
    expect(v2 > v1).toBe(true);
    expect(puts().map((p) => [p.path, p.body])).toEqual([['/v2/apps/shop', shopApp(version, V2)]]);
    // the rolling upgrade as the progress lines saw it: new tasks one by one, and healthy
    const seen = [...r.err.matchAll(/\/shop (\d) new, (\d) healthy/g)].map((x) => Number(x[1]));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort());
    expect(r.err).toMatch(/RestartApplication \/shop/);
    expect(r.out).toContain(`Deployed app /shop version ${v2} (was ${v1})`);
    expect(r.out).toContain(`/shop: 3 of 3 tasks running, version ${v2}, 3 healthy`);
  });

  it('deploys a group: its apps under the group path, in one deployment', async () => {
    const r = await deploy(file('group.json', teamGroup(version, V1)));
    expect(r.code, r.err).toBe(0);
    expect(puts().map((p) => p.path)).toEqual(['/v2/groups/team']);
    expect([...m.state.apps.keys()].sort()).toEqual(['/team/orders', '/team/shop']);
    expect(r.out).toMatch(/\/team\/shop: 2 of 2 tasks running, version \S+, 2 healthy/);
    expect(r.out).toMatch(/\/team\/orders: 2 of 2 tasks running, version \S+, 2 healthy/);
  });

  it('sends MARATHON_TOKEN as "token=", refuses without it (401) and never prints it', async () => {
    m.state.faults.token = 's3cr3t-t0ken';
    const f = file('v1.json', shopApp(version, V1));
    const refused = await deploy(f);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/answered 401.*MARATHON_TOKEN/);
    const ok = await runCli(['deploy', f, '--marathon', m.urls, ...FAST], { MARATHON_TOKEN: 's3cr3t-t0ken' });
    expect(ok.code, ok.err).toBe(0);
    expect(m.state.requests.at(-1)!.authorization).toBe('token=s3cr3t-t0ken');
    const bad = await runCli(['deploy', f, '--marathon', m.urls, ...FAST], { MARATHON_TOKEN: 'wrong-t0ken' });
    expect(bad.code).toBe(3);
    for (const r of [refused, ok, bad]) expect(r.out + r.err).not.toMatch(/s3cr3t|wrong-t0ken/);
  });

  it('takes a user and password from a credentials file readable by its owner only, and refuses one others can read', async () => {
    m.state.faults.basic = { user: 'deployer', password: 'pa55-w0rd' };
    const creds = path.join(dir, `${version}-creds`);
    writeFileSync(creds, '# Marathon\nMARATHON_USER=deployer\nMARATHON_PASSWORD="pa55-w0rd"\n');
    chmodSync(creds, 0o644);
    const f = file('v1.json', shopApp(version, V1));
    const open = await deploy(f, '--credentials-file', creds);
    expect(open.code).toBe(2);
    expect(open.err).toContain(`chmod 600 ${creds}`);
    chmodSync(creds, 0o600);
    const ok = await deploy(f, '--credentials-file', creds);
    expect(ok.code, ok.err).toBe(0);
    expect(m.state.requests.at(-1)!.authorization).toBe(
      `Basic ${Buffer.from('deployer:pa55-w0rd').toString('base64')}`,
    );
    m.state.faults.basic = { user: 'deployer', password: 'changed' };
    const refused = await deploy(f, '--credentials-file', creds);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/401/);
    for (const r of [open, ok, refused]) expect(r.out + r.err).not.toContain('pa55-w0rd');
  });

  it('reports 403 when the credentials may not change the app', async () => {
    m.state.faults.forbidden.add('/shop');
    const r = await deploy(file('v1.json', shopApp(version, V1)));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/deploy app \/shop: Marathon \(\S+\) answered 403: Not Authorized.*ask for access/);
    expect(m.state.apps.size).toBe(0);
  });

  it('reports 422 with the details of an invalid definition, and 400 for a value of the wrong type', async () => {
    const unknown = await deploy(file('unknown.json', { ...shopApp(version, V1), instancez: 2 }));
    expect(unknown.code).toBe(3);
    expect(unknown.err).toMatch(
      /answered 422: Object is not valid; \/: unknown property instancez.*correct the definition/,
    );
    const wrongType = await deploy(file('type.json', { ...shopApp(version, V1), instances: 'three' }));
    expect(wrongType.code).toBe(3);
    expect(wrongType.err).toMatch(/answered 400: Invalid JSON; \/instances: must be integer/);
    expect(m.state.apps.size).toBe(0);
  });

  it('waits for a deployment that locks the app (409), then deploys', async () => {
    await deployedShop();
    const lock = m.state.lock('/shop', Infinity);
    // the other deployment ends a little after the first 409
    m.state.afterRequest = (_req, status) => {
      if (status === 409) setTimeout(() => (lock.durationMs = 0), 300);
    };
    const r = await deploy(file('v2.json', shopApp(version, V2)));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/locked by deployment \S+: waiting for it to finish/);
    expect(puts().every((p) => !p.path.includes('force'))).toBe(true);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V2);
  });

  it('overrides a lock with --force, and gives up on it without --force when the time is up', async () => {
    await deployedShop();
    m.state.lock('/shop', Infinity);
    const f = file('v2.json', shopApp(version, V2));
    const stuck = await deploy(f, '--timeout', '1');
    expect(stuck.code).toBe(3);
    expect(stuck.err).toMatch(/still locked by deployment \S+ when the time was up.*--force/);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V1);
    const forced = await deploy(f, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(puts().at(-1)!.path).toBe('/v2/apps/shop?force=true');
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V2);
  });

  it('waits while no leader is elected (503), and fails naming the 503 when none is in time', async () => {
    const f = file('v1.json', shopApp(version, V1));
    const leader = m.state.leader;
    m.state.leader = undefined;
    const none = await deploy(f, '--timeout', '1');
    expect(none.code).toBe(3);
    expect(none.err).toMatch(
      /no Marathon master answered GET \/v2\/apps\/shop\S* .*503 Could not determine the current leader/,
    );
    // a leader is elected a little after the first 503
    m.state.afterRequest = (_req, status) => {
      if (status === 503) setTimeout(() => (m.state.leader = leader), 300);
    };
    const later = await deploy(f);
    expect(later.code, later.err).toBe(0);
    expect(later.err).toMatch(
      /no Marathon master answers \(.*503 Could not determine the current leader.*\): trying again/,
    );
  });

  it('fails a deployment slower than --timeout, saying so', async () => {
    await deployedShop();
    m.state.faults.deploymentMs = 60_000;
    const r = await deploy(file('v2.json', shopApp(version, V2)), '--timeout', '1');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/app \/shop: deployment \S+ did not finish in time; pass --rollback to bring back version/);
  });

  it('fails when the new tasks fail their health checks, leaving the new version in place', async () => {
    await deployedShop();
    m.state.faults.unhealthyImages.add(V2);
    const failed = await deploy(file('v2.json', shopApp(version, V2)), '--timeout', '1');
    expect(failed.code).toBe(3);
    expect(failed.err).toMatch(/\/shop: 1 tasks fail health checks \(ConnectException: Connection refused\)/);
    expect(failed.err).toMatch(/pass --rollback to bring back version/);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V2);
  });

  it('with --rollback, brings back the version before when the new tasks fail their health checks', async () => {
    const v1 = await deployedShop();
    m.state.faults.unhealthyImages.add(V2);
    const rolled = await deploy(file('v2.json', shopApp(version, V2)), '--timeout', '1', '--rollback');
    expect(rolled.code).toBe(3);
    expect(puts().map((p) => [p.path, p.body])).toEqual([
      ['/v2/apps/shop', shopApp(version, V2)],
      ['/v2/apps/shop?force=true', { version: v1 }],
    ]);
    expect(rolled.err).toMatch(new RegExp(`fail health checks.*rolling back to version ${v1}`));
    expect(rolled.err).toMatch(/fail health checks.*; rolled back to version/);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V1);
    expect(m.state.deployments).toEqual([]);
  });

  it('fails, and rolls nothing back, when another change forced over the deployment cancels it', async () => {
    await deployedShop();
    m.state.faults.deploymentMs = 60_000;
    m.state.afterRequest = (req, status) => {
      if (req.method !== 'PUT' || status !== 200) return;
      // someone else's deploy with ?force=true: their version, their deployment
      m.state.deployments = [];
      const theirs = m.state.nextVersion();
      m.state.setApp('/shop', shopApp(version, 'registry.local:5000/shop:hotfix'), theirs);
    };
    const r = await deploy(file('v2.json', shopApp(version, V2)), '--rollback');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/app \/shop: another change \(version \S+\) replaced it$/m);
    expect(puts()).toHaveLength(1);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe('registry.local:5000/shop:hotfix');
  });

  it('carries on with the next master when the leader goes away in the middle of the deployment', async () => {
    await deployedShop();
    m.state.faults.deploymentMs = 1000;
    m.state.afterRequest = (req, status) => {
      if (req.method !== 'PUT' || status !== 200) return;
      m.state.leader = m.masters[1].hostPort;
      void m.masters[0].down();
    };
    const r = await deploy(file('v2.json', shopApp(version, V2)));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`Marathon master ${m.masters[1].url} answers now`);
    expect(m.state.requests.filter((x) => x.method === 'GET').at(-1)!.master).toBe(m.masters[1].hostPort);
    expect(imageOf(m.state.appDefinition('/shop')!)).toBe(V2);
  });

  it('--dry-run prints what would change against the running definition and changes nothing', async () => {
    const created = await deploy(file('v1.json', shopApp(version, V1)), '--dry-run');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^--- \/dev\/null/m);
    await deployedShop();
    const changed = await deploy(file('v2.json', { ...shopApp(version, V2), instances: 4 }), '--dry-run');
    expect(changed.code, changed.err).toBe(0);
    const lines = changed.out.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(lines).toEqual([
      '-  "instances": 3,',
      '+  "instances": 4,',
      `-      "image": "${V1}",`,
      `+      "image": "${V2}",`,
    ]);
    const same = await deploy(file('v1.json', shopApp(version, V1)), '--dry-run');
    expect(same.out).toBe('app /shop: no difference with what Marathon runs\n');
    expect(puts()).toEqual([]);
  });
});
