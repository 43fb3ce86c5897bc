import { timeStageAsync } from '../analyzers/stage-times.js';
import { Command, Option } from 'commander';
import { positiveInteger, positiveNumber } from './parse-options.js';

// The assessment, the generators and the Docker client are loaded when the command runs (generate-run.ts).
export function generateCommand(): Command {
  return new Command('generate')
    .description(
      'Write the deployment artifacts of an application: Dockerfile, setenv.sh, logging, session store config, Marathon app definition and a DEPLOY.md runbook.',
    )
    .argument('[apps...]', 'application folders')
    .option('--each <folder>', 'every sub-folder of this folder is an application')
    .option('--inventory <file>', 'the applications of an inventory YAML')
    .option(
      '--out <dir>',
      'output folder; for one app default <app>/deploy, for several one sub-folder each and a Marathon group',
    )
    .option('--config <file>', 'settings (default: paasport.yaml in the app folder, which paasport fix also writes)')
    .addOption(new Option('--marathon-version <v>', 'Marathon API format').choices(['1.1', '1.4', '1.5']))
    .option('--base-image <image>', 'base image instead of the recommended one')
    .option('--registry <host>', 'private registry the image is pushed to')
    .option('--tag <tag>', 'image tag (default: the build version)')
    .option('--context-path <path>', 'deploy under this context path instead of ROOT, e.g. /shop')
    .option('--cpus <n>', 'CPU shares for Marathon', positiveNumber)
    .option('--mem <MB>', 'memory for Marathon', positiveNumber)
    .option('--instances <n>', 'instances (1 while sessions stay in memory)', positiveInteger())
    .option('--service-port <port>', 'marathon-lb service port', positiveInteger(65535))
    .option('--vhost <host>', 'marathon-lb virtual host')
    .option('--group <id>', 'Marathon group id when several apps are generated together', '/apps')
    .addOption(
      new Option(
        '--log-shipper <name>',
        'also write the configuration of a log shipper for the per-host log folders (filebeat.yml or logstash.conf)',
      ).choices(['filebeat', 'logstash']),
    )
    .option('--with-store', 'also write a Redis or Memcached Marathon app for test environments')
    .option('--catalina-sh <file>', "the target Tomcat's catalina.sh: writes catalina-log.patch and the patched script")
    .option('--tomcat-dir <dir>', 'a Tomcat installation whose bin/catalina.sh to patch')
    .option('--catalina-from-image', 'read catalina.sh from the base image through the Docker engine (DOCKER_HOST)')
    .option('--force', 'replace files of the output folder that paasport did not write, or that were changed since')
    .option('--dry-run', 'print what would change, as a unified diff against the files there, and write nothing')
    .addHelpText(
      'after',
      `
The Dockerfile is built from the application folder:
  docker build -f deploy/Dockerfile -t IMAGE .

A file of the output folder that paasport did not write, or that was changed since (a hand-written
Dockerfile, an edited DEPLOY.md), is never replaced without --force: generate stops and names it.
.paasport-generated.json beside the files records what generate wrote.

Exit codes: 0 done, 2 wrong usage, invalid settings or a file generate will not replace.

Examples:
  paasport generate ./shop --vhost shop.example.com --registry registry.local:5000
  paasport generate ./shop --marathon-version 1.1 --catalina-sh /usr/share/tomcat9/bin/catalina.sh
  paasport generate --each ./apps --out ./deploy-all --group /retail
  paasport generate ./shop --log-shipper filebeat`,
    )
    .action(async (paths: string[], o) =>
      (await timeStageAsync('load', () => import('./generate-run.js'))).runGenerate(paths, o),
    );
}
