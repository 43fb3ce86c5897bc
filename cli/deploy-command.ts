import { timeStageAsync } from '../analyzers/stage-times.js';
import { Command } from 'commander';
import { MARATHON_HELP, withMarathonOptions } from './marathon-options.js';

// The Marathon client is loaded when the command runs (deploy-run.ts).
export function deployCommand(): Command {
  return withMarathonOptions(
    new Command('deploy')
      .description(
        'Deploy a Marathon app or group definition (marathon-app.json, marathon-group.json) and follow the ' +
          'deployment until it is done, then report the health of its tasks.',
      )
      .argument('<definition>', 'a Marathon app or group definition (JSON)'),
  )
    .option('--force', 'override deployments that lock the app or group (Marathon ?force=true) instead of waiting')
    .option(
      '--rollback',
      'when the deployment fails (time is up, tasks fail health checks), bring back the version before',
    )
    .option('--dry-run', 'print the difference against the running definition and change nothing')
    .addHelpText(
      'after',
      `
A file with "apps" or "groups" is a group (PUT /v2/groups/ID), else an app (PUT /v2/apps/ID). While the
deployment runs, a line says each change of its step and of the new tasks' health. An app locked by
another deployment (409) is deployed once that one is over (or at once with --force). --dry-run compares
only what the file sets: Marathon's defaults and its own fields are left out.
${MARATHON_HELP}

Exit codes: 0 deployed and healthy, 2 wrong usage or unreadable file, 3 Marathon refused it (400, 401,
403, 422), it did not finish within --timeout (rolled back with --rollback), or no master answered.

Examples:
  paasport deploy deploy/marathon-app.json --marathon http://m1:8080,http://m2:8080
  paasport deploy deploy/marathon-group.json --marathon zk://zk1:2181,zk2:2181/marathon --rollback --timeout 900
  MARATHON_TOKEN=... paasport deploy deploy/marathon-app.json --marathon https://dcos.local/service/marathon --dry-run`,
    )
    .action(async (file: string, o) =>
      (await timeStageAsync('load', () => import('./deploy-run.js'))).runDeploy(file, o),
    );
}
