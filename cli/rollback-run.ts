// What `paasport rollback` does once its options are parsed (rollback-command.ts).
import { healthReport, rollback } from '../platform/marathon/deploy.js';
import type { MarathonFlags } from './marathon-options.js';
import { openMarathon, say, targetOf } from './marathon-run.js';

export async function runRollback(
  arg: string,
  o: MarathonFlags & { group?: boolean; to?: string; force?: boolean },
): Promise<void> {
  const target = targetOf(arg, o.group);
  const api = openMarathon(o);
  say(`Rolling ${target.kind} ${target.id} back${o.to ? ` to ${o.to}` : ''}`);
  const version = await rollback(api, target, o.to, {
    force: !!o.force,
    rollback: false,
    timeoutMs: o.timeout * 1000,
    pollMs: o.pollInterval * 1000,
    say,
  });
  const lines = await healthReport(api, target);
  process.stdout.write(
    `Rolled ${target.kind} ${target.id} back to version ${version}\n${lines.map((l) => `  ${l}\n`).join('')}`,
  );
}
