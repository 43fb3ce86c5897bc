import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { parseDocument } from 'yaml';
import { paasport } from './app-repo.js';
import type { MarathonApp } from './marathon-app.js';

/**
 * The stand-in Maven build stage test/e2e/base-images.sh makes from Debian: its local repository (offline) is Debian's
 * /usr/share/maven-repo, with the Maven plugins of a WAR build and the libraries of the Maven fixtures.
 */
export const MAVEN_BUILD_IMAGE = 'paasport-e2e/maven-debian:bookworm';

/** HOST of the tasks of `paasport preview --instances 2`: the name of each task's log folder. */
export const INSTANCES = ['preview-1', 'preview-2'];

/** Sets paths of the app's paasport.yaml (made if the app has none: an app `fix` has not seen). */
export function setSettings(dir: string, values: [string[], unknown][]): void {
  const settings = path.join(dir, 'paasport.yaml');
  const doc = parseDocument(existsSync(settings) ? readFileSync(settings, 'utf8') : '');
  for (const [at, value] of values) doc.setIn(at, value);
  writeFileSync(settings, doc.toString());
}

export const definition = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, 'deploy/marathon-app.json'), 'utf8')) as MarathonApp;

export const previewContainers = (docker: Docker, dir: string) =>
  docker.listContainers({ all: true, filters: { label: [`paasport.preview=${dir}`] } });

/**
 * `paasport preview --down`, once more after a failure: dist/ may be rebuilt under the test at that moment, and the
 * app folder that names what to stop is removed afterwards.
 */
export async function stopPreview(dir: string): Promise<void> {
  try {
    paasport('preview', dir, '--down');
  } catch {
    await new Promise((r) => setTimeout(r, 2000));
    paasport('preview', dir, '--down');
  }
}

/** HAProxy's address for the virtual host, as `paasport preview` prints it. */
export const vhostAddress = (started: string) => /\(Host \S+ on (127\.0\.0\.1:\d+)\)/.exec(started)?.[1];

/** The host folder of the definition's /logs volume under the preview's --volumes-root. */
export function logVolume(dir: string, volumesRoot: string): string {
  const volume = definition(dir).container.volumes?.find((v) => v.containerPath === '/logs');
  if (!volume?.hostPath) throw new Error('the definition has no host folder for /logs');
  return path.join(volumesRoot, volume.hostPath);
}

/**
 * `paasport preview --instances 2` of an app whose image is built, with its volumes under `<parent>/volumes`:
 * the host folder of its logs and HAProxy's URL for the virtual host.
 */
export function startPreview(dir: string, parent: string, vhost: string): { logs: string; front: string } {
  const volumes = path.join(parent, 'volumes');
  mkdirSync(volumes);
  const logs = logVolume(dir, volumes);
  const started = paasport('preview', dir, '--instances', '2', '--volumes-root', volumes);
  const address = vhostAddress(started);
  if (!address) throw new Error(`preview printed no address for ${vhost}:\n${started}`);
  return { logs, front: `http://${address}` };
}

export const filesIn = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

/** The files of `folder` that a user other than the file's owner (nobody) cannot read, with cat's reason. */
export function unreadableByOthers(folder: string): string[] {
  return filesIn(folder).flatMap((f) => {
    const r = spawnSync('cat', [path.join(folder, f)], { uid: 65534, gid: 65534, encoding: 'utf8' });
    return r.status === 0 ? [] : [`${f}: ${r.stderr.trim()}`];
  });
}
