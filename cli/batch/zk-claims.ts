import { createHash } from 'node:crypto';
import type { ZkSession } from '../../platform/zookeeper/zk-session.js';
import type { AppClaims } from './claims.js';
import type { BatchApp } from './types.js';

export interface ZkClaimsOptions {
  session: ZkSession;
  root: string; // <path>/<run id>: the run's claims/ and done/ nodes go under it
  apps: BatchApp[]; // every app of the run, the same list on every worker
  worker: string; // hostname:pid, the data of its claims and done nodes
  pollMs?: number; // how often a worker with nothing to claim looks again, besides the watch on claims/
  onLost?: () => void; // the session expired: the claims are gone and others may already work on those apps
}

/**
 * What every worker of one run agrees on without talking: the inventory's bytes, the options that change results,
 * the rules and paasport's version. Workers started with the same command share a run id.
 */
export function coordinatedRunId(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/**
 * Apps handed out through ZooKeeper to workers on any number of machines. A worker holds `claims/<app>`, an
 * ephemeral node, while it works on the app; once the app's state is in the shared output folder it creates
 * `done/<app>` and only then drops the claim, so an app is never free and unfinished at once. A worker whose session
 * dies loses its claims and another takes those apps. A worker with nothing to claim waits while others hold claims,
 * and is through only when every app has its done node.
 */
export async function zkClaims(o: ZkClaimsOptions): Promise<AppClaims> {
  const { session, root, apps, worker } = o;
  const claimNode = (a: BatchApp) => `${root}/claims/${a.name}`;
  const doneNode = (a: BatchApp) => `${root}/done/${a.name}`;
  await session.mkdirp(`${root}/claims`);
  await session.mkdirp(`${root}/done`);
  if (o.onLost) session.onExpired(o.onLost);
  const finished = new Set<string>();
  const mine = new Set<string>(); // held by this process's jobs

  // two listings, then a create per free-looking app: not a round trip per app of the inventory
  const claimOne = async (): Promise<BatchApp | undefined> => {
    for (const name of await session.children(`${root}/done`)) finished.add(name);
    const held = new Set(await session.children(`${root}/claims`));
    for (const app of apps) {
      if (finished.has(app.name) || mine.has(app.name) || held.has(app.name)) continue;
      if (!(await session.create(claimNode(app), worker, 'ephemeral'))) continue; // another worker just took it
      // finished by another worker between the look at done/ and the claim: its claim was dropped after done/
      if (await session.exists(doneNode(app))) {
        await session.remove(claimNode(app));
        finished.add(app.name);
        continue;
      }
      mine.add(app.name);
      return app;
    }
    return undefined;
  };

  return {
    claim: async () => {
      for (;;) {
        const app = await claimOne();
        if (app) return app;
        // what is left is finished, or held by this process's other jobs, which finish it or die with it
        if (apps.every((a) => finished.has(a.name) || mine.has(a.name))) return undefined;
        await session.childrenChange(`${root}/claims`, o.pollMs ?? 1000);
      }
    },
    release: async (app) => {
      await session.create(doneNode(app), worker, 'persistent');
      await session.remove(claimNode(app));
      mine.delete(app.name);
      finished.add(app.name);
    },
    close: () => Promise.resolve(session.close()),
  };
}
