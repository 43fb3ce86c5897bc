// What `paasport preview` does once its options are parsed (preview-command.ts).
import path from 'node:path';
import { loadSettings, SETTINGS_FILE } from '../analyzers/settings/paasport-yaml.js';
import { deployFolder, readMarathonApp } from '../platform/docker/deploy-folder.js';
import { connectEngine, engineAddress, parseEngineAddress } from '../platform/docker/docker-engine.js';
import { marathonAppDef } from '../platform/docker/marathon-container.js';
import { readPreviewState, startPreview, stopPreview } from '../platform/docker/preview.js';
import { parseStoreAddress } from '../platform/docker/session-store-process.js';

export interface PreviewFlags {
  out: string;
  instances?: number;
  down?: boolean;
  image?: string;
  haproxyImage?: string;
  redis?: string;
  volumesRoot?: string;
  dockerHost?: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

export async function runPreview(app: string, o: PreviewFlags): Promise<void> {
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
