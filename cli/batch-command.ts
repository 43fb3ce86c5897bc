import { Command, InvalidArgumentError, Option } from 'commander';
import { timeStageAsync } from '../analyzers/stage-times.js';
import { positiveInteger } from './parse-options.js';

function shardOption(v: string): string {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
    throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 1/3.');
  return v;
}

const HELP_AFTER = `
Inventory:
  apps:
    - name: shop
      path: ../shop                  # a folder, relative to the inventory
      team: retail
      mem: 1024                      # overrides: cpus, mem, instances, vhost,
      vhost: shop.example.com        #   baseImage, sessionStore, group
    - name: crm
      git: https://git.example.com/crm.git
      ref: release-2.3               # a branch, tag or commit
      group: /backoffice

Output: apps/<name>/deploy/ (copy into the app as deploy/), portfolio.html, portfolio.json,
marathon-group.json, batch-report.md (every app, and why a failed one failed); clones in .cache/git/.

With --coordinator each worker claims apps in ZooKeeper (an app whose worker dies is claimed again) and writes its
results to the shared folder; a worker ends when every app is done, with the portfolio.

Exit codes: 0 every app done, 3 an app failed (batch-report.md says why) or ZooKeeper failed, 2 wrong usage.

Examples:
  paasport batch inventory.yaml -o out --jobs 2
  paasport batch inventory.yaml -o out --fix --session-store redis
  paasport batch inventory.yaml -o out-1 --shard 1/2     # on one machine
  paasport batch inventory.yaml -o out-2 --shard 2/2     # on another
  paasport merge out-1 out-2 -o out
  # workers on any number of machines, the same command on each, /shared on shared storage:
  paasport batch inventory.yaml -o /shared/batch --coordinator zk://zk1:2181,zk2:2181/paasport
  paasport batch inventory.yaml -o /shared/batch --coordinator zk://zk1:2181/paasport \\
    --emit-worker-app workers.json --workers 4 --image registry.local/paasport:1`;

const repeatable = (v: string, prev: string[]) => [...prev, v];

// Cloning, the analyzers, the fixes and the generators are loaded when the command runs (batch-run.ts).
export function batchCommand(): Command {
  return new Command('batch')
    .description(
      'Take every application of an inventory through the whole flow: clone or fetch it, fix it on a branch (--fix), assess it and generate its artifacts, several at a time; then a portfolio report and one Marathon group for the lot. A re-run skips the apps whose inputs did not change.',
    )
    .argument('<inventory>', 'inventory YAML: apps with a path or a git URL and ref, and their overrides')
    .option('-o, --out <dir>', 'output folder (artifacts per app, reports, state, clones)', 'paasport-batch')
    .option('--jobs <n>', 'apps worked on at the same time (default: one per core)', positiveInteger(64))
    .option(
      '--threads <n>',
      'Java parser threads shared by the jobs (default: one per core); an app of less than 1.5 MB is parsed in one',
      positiveInteger(64),
    )
    .option('--fix', 'apply the stateless refactors to the clone of each git app, on a branch, before assessing')
    .option('--fix-branch <name>', 'the branch of the clone the fixes are committed on', 'paasport/stateless')
    .addOption(
      new Option('--logs <mode>', 'with --fix: file appenders write to per-host log folders, or to the console')
        .choices(['volume', 'stdout'])
        .default('volume'),
    )
    .addOption(
      new Option('--session-store <store>', 'where sessions go, for apps whose inventory entry does not say').choices([
        'redis',
        'memcached',
        'spring-session',
      ]),
    )
    .addOption(new Option('--marathon-version <v>', 'Marathon API format').choices(['1.1', '1.4', '1.5']))
    .option('--registry <host>', 'private registry the images are pushed to')
    .option('--group <id>', 'the Marathon group every app goes under', '/')
    .option(
      '--shard <i/n>',
      'work on part i of n of the inventory (split by app name); paasport merge joins them',
      shardOption,
    )
    .option(
      '--coordinator <zk-url>',
      'zk://HOST[:PORT][,HOST...]/PATH: workers on several machines share the apps through ZooKeeper; -o is their shared folder',
    )
    .option(
      '--emit-worker-app <file>',
      'write the Marathon app of --workers workers for this run (needs --coordinator)',
    )
    .option('--workers <n>', 'instances of the worker app', positiveInteger(1000), 2)
    .option('--image <image>', 'the image of the worker app, with paasport on its PATH')
    .option('--force', 'work on every app again, even those whose inputs did not change')
    .option('--rules <dir>', 'also load the YAML rules of this folder (repeatable)', repeatable, [] as string[])
    .addOption(new Option('--lang <lang>', 'language of the reports').choices(['en', 'zh-CN']).default('en'))
    .option('-q, --quiet', 'no progress on standard error')
    .addHelpText('after', HELP_AFTER)
    .action(async (inventory: string, o) =>
      (await timeStageAsync('load', () => import('./batch-run.js'))).runBatchCommand(inventory, o),
    );
}

export function mergeCommand(): Command {
  return new Command('merge')
    .description('Combine the output folders of paasport batch --shard i/n runs into the portfolio one run makes.')
    .argument('<dirs...>', 'the output folders of the shards')
    .requiredOption('-o, --out <dir>', 'the folder of the merged portfolio')
    .addHelpText('after', '\nExit codes: 0 merged, 3 an app of a shard had failed, 2 wrong usage.')
    .action(async (dirs: string[], o: { out: string }) =>
      (await timeStageAsync('load', () => import('./batch-run.js'))).runMergeCommand(dirs, o),
    );
}
