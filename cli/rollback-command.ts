import { timeStageAsync } from '../analyzers/stage-times.js';
import { Command } from 'commander';
import { MARATHON_HELP, withMarathonOptions } from './marathon-options.js';

export function rollbackCommand(): Command {
  return withMarathonOptions(
    new Command('rollback')
      .description(
        'Bring back an earlier version of an app or group on Marathon, and follow the deployment to its end.',
      )
      .argument('<app>', 'an app or group id (/team/shop), or its definition file'),
  )
    .option('--group', 'the id is a group')
    .option('--to <version>', 'the version to bring back (default: the one before the version running now)')
    .option('--force', 'override deployments that lock it instead of waiting')
    .addHelpText(
      'after',
      `${MARATHON_HELP}

Exit codes: 0 rolled back, 2 wrong usage or unknown --to version, 3 no earlier version, the deployment
did not finish within --timeout, or no master answered.

Examples:
  paasport rollback /shop --marathon http://m1:8080
  paasport rollback /shop --to 2016-06-01T10:00:00.000Z --marathon zk://zk1:2181/marathon`,
    )
    .action(async (app: string, o) =>
      (await timeStageAsync('load', () => import('./rollback-run.js'))).runRollback(app, o),
    );
}
