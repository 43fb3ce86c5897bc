import path from 'node:path';
import { Command } from 'commander';
import { loadSettings, SETTINGS_FILE } from '../analyzers/settings/paasport-yaml.js';
import { deployFolder, readMarathonApp } from '../platform/docker/deploy-folder.js';
import { connectEngine, engineAddress, parseEngineAddress } from '../platform/docker/docker-engine.js';
import { marathonAppDef } from '../platform/docker/marathon-container.js';
import { readPreviewState, startPreview, stopPreview } from '../platform/docker/preview.js';
import { parseStoreAddress } from '../platform/docker/session-store-process.js';
import { positiveInteger } from './parse-options.js';

interface PreviewFlags {
  out: string;
  instances?: number;
  down?: boolean;
  image?: string;
  haproxyImage?: string;
  redis?: string;
  volumesRoot?: string;
  dockerHost?: string;
}

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
    .action(runPreview);
}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function runPreview(app: string, o: PreviewFlags): Promise<void> {
  const f = deployFolder(app, o.out);
  const addr = o.dockerHost ? parseEngineAddress(o.dockerHost) : engineAddress();
  if (o.down) {
    const docker = await connectEngine(addr, 'pass --docker-host', 'failed').catch(() => undefined);
    if (!docker) say('no Docker engine answers: only the host processes are stopped');
    const n = await stopPreview(docker, f, say);
    process.stdout.write(n ? `Removed the preview of ${app} (${n} parts)\n` : `No preview of ${app} was running\n`);
    return;
  }
  const def = marathonAppDef(readMarathonApp(f));
  const settings = loadSettings(path.join(f.appDir, SETTINGS_FILE));
  const docker = await connectEngine(addr, 'pass --docker-host', 'failed');
  if (readPreviewState(f)) await stopPreview(docker, f, say);
  const instances = o.instances ?? (readMarathonApp(f).instances as number | undefined) ?? 1;
  const state = await startPreview(docker, {
    folder: f,
    def,
    image: o.image ?? def.image,
    instances,
    settings,
    ...(o.haproxyImage ? { haproxyImage: o.haproxyImage } : {}),
    ...(o.redis ? { store: parseStoreAddress(o.redis) } : {}),
    ...(o.volumesRoot ? { volumesRoot: path.resolve(o.volumesRoot) } : {}),
    bindAddress: '127.0.0.1',
    onLine: say,
  });
  process.stdout.write(`${state.urls.join('\n')}\nStop it with: paasport preview ${app} --down\n`);
}
