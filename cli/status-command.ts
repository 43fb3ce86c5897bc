import { timeStageAsync } from '../analyzers/stage-times.js';
import { Command } from 'commander';
import { MARATHON_HELP, withMarathonOptions } from './marathon-options.js';

export function statusCommand(): Command {
  return withMarathonOptions(
    new Command('status')
      .description(
        'Show how an app or group runs on Marathon: version, tasks and their health, deployments in progress.',
      )
      .argument('<app>', 'an app or group id (/team/shop), or its definition file'),
  )
    .option('--group', 'the id is a group')
    .addHelpText(
      'after',
      `${MARATHON_HELP}

Exit codes: 0 every task is healthy, 2 wrong usage, 3 not deployed, tasks unhealthy or missing, or no master answered.

Examples:
  paasport status /shop --marathon http://m1:8080
  paasport status deploy/marathon-group.json --marathon zk://zk1:2181/marathon`,
    )
    .action(async (app: string, o) =>
      (await timeStageAsync('load', () => import('./status-run.js'))).runStatus(app, o),
    );
}
