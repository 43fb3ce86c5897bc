// What `paasport deploy` does once its options are parsed (deploy-command.ts).
import { definitionDiff } from '../platform/marathon/definition-diff.js';
import { readDefinitionFile } from '../platform/marathon/definition-file.js';
import { deploy, healthReport } from '../platform/marathon/deploy.js';
import type { MarathonFlags } from './marathon-options.js';
import { openMarathon, say } from './marathon-run.js';

export interface DeployFlags extends MarathonFlags {
  force?: boolean;
  rollback?: boolean;
  dryRun?: boolean;
}

export async function runDeploy(file: string, o: DeployFlags): Promise<void> {
  const { target, definition } = readDefinitionFile(file);
  const api = openMarathon(o);
  if (o.dryRun) {
    const running = await api.running(target);
    const diff = definitionDiff(running, definition, file);
    const same = running !== undefined && !/^[-+][^-+]/m.test(diff);
    process.stdout.write(same ? `${target.kind} ${target.id}: no difference with what Marathon runs\n` : diff);
    return;
  }
  say(`Deploying ${target.kind} ${target.id} from ${file}`);
  const done = await deploy(api, target, definition, {
    force: !!o.force,
    rollback: !!o.rollback,
    timeoutMs: o.timeout * 1000,
    pollMs: o.pollInterval * 1000,
    say,
  });
  const lines = await healthReport(api, target);
  process.stdout.write(
    `Deployed ${target.kind} ${target.id} version ${done.version}` +
      `${done.previous ? ` (was ${done.previous})` : ''}\n${lines.map((l) => `  ${l}\n`).join('')}`,
  );
}
