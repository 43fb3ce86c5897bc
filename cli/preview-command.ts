import { timeStageAsync } from '../analyzers/stage-times.js';
import { Command } from 'commander';
import { positiveInteger } from './parse-options.js';

// The Docker client and the preview's processes are loaded when the command runs (preview-run.ts).
export function previewCommand(): Command {
  return new Command('preview')
    .description(
      'Run an application on this machine the way Marathon and marathon-lb would, from <out>/marathon-app.json: ' +
        'N containers of the image, its session store, and HAProxy in front configured from the HAPROXY_* labels.',
    )
    .argument('<app>', 'application folder')
    .option('--out <dir>', 'the folder generate wrote, inside the app folder', 'deploy')
    .option('--instances <n>', 'containers to run (default: the definition’s instances)', positiveInteger(20))
    .option('--image <image>', 'image to run (default: the one of the app definition)')
    .option('--down', 'remove everything a preview of this app started')
    .option('--haproxy-image <image>', 'run HAProxy in a container of this image instead of the host’s haproxy')
    .option('--redis <host:port>', 'an existing Redis (or memcached) for the sessions instead of starting one')
    .option('--volumes-root <dir>', "make the volumes' host folders under this folder instead of at their paths")
    .option('--docker-host <address>', 'the Docker engine: a unix socket path, unix://PATH or tcp://HOST:PORT')
    .addHelpText(
      'after',
      `
Each task gets the definition's env; secrets, and variables the definition leaves to be set, come from the
app's .paasport.env. Volume host folders are made and given to the image user's uid; ports are published on
127.0.0.1; docker parameters become the container's resource limits. HAProxy is the host's haproxy (Debian
package haproxy), or a container of --haproxy-image on the host network. A Redis or memcached session store
is a host redis-server or memcached on a free port, or --redis. What was started is kept in
<out>/.preview.json, and its containers are labelled paasport.preview=<app folder>; a second preview of the
same app replaces the first. Volume folders stay after --down.

Exit codes: 0 running (or removed), 2 wrong usage or missing input, 3 a step failed.

Examples:
  paasport build ./shop && paasport preview ./shop --instances 2
  paasport preview ./shop --down`,
    )
    .action(async (app: string, o) =>
      (await timeStageAsync('load', () => import('./preview-run.js'))).runPreview(app, o),
    );
}
