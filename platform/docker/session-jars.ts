import { createWriteStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PaasportError } from '../../analyzers/errors.js';

/** The list of jars Tomcat's lib/ needs, one `group:artifact:version` a line, written by `paasport generate`. */
export const JAR_LIST = 'tomcat-lib.txt';

export interface JarCoords {
  group: string;
  artifact: string;
  version: string;
}

export const jarFile = (j: JarCoords) => `${j.artifact}-${j.version}.jar`;
const mavenPath = (j: JarCoords) => [...j.group.split('.'), j.artifact, j.version, jarFile(j)].join('/');

/** The jars listed in `<out>/tomcat-lib.txt`; none when generate wrote no list. */
export function readJarList(outDir: string): JarCoords[] {
  const file = path.join(outDir, JAR_LIST);
  if (!existsSync(file)) return [];
  const jars: JarCoords[] = [];
  for (const [i, raw] of readFileSync(file, 'utf8').split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [group, artifact, version, ...rest] = line.split(':');
    if (!group || !artifact || !version || rest.length) {
      throw new PaasportError(`${file} line ${i + 1}: "${line}" is not group:artifact:version`);
    }
    jars.push({ group, artifact, version });
  }
  return jars;
}

/** A jar is a zip: a repository that answers a login page with 200 must not end up in Tomcat's lib/. */
const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b;

async function copyFromFolder(dir: string, j: JarCoords, target: string): Promise<boolean> {
  for (const candidate of [path.join(dir, jarFile(j)), path.join(dir, ...mavenPath(j).split('/'))]) {
    if (existsSync(candidate)) {
      await fs.copyFile(candidate, target);
      return true;
    }
  }
  return false;
}

/** The URL without its user and password, which go in an Authorization header instead (fetch refuses them). */
function request(base: string, j: JarCoords): { url: string; shown: string; headers: Record<string, string> } {
  const u = new URL(`${base.replace(/\/$/, '')}/${mavenPath(j)}`);
  const headers: Record<string, string> = {};
  if (u.username) {
    const user = decodeURIComponent(u.username);
    headers.authorization = `Basic ${Buffer.from(`${user}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  return { url: u.toString(), shown: u.toString(), headers };
}

async function download(base: string, j: JarCoords, target: string): Promise<string | undefined> {
  const { url, shown, headers } = request(base, j);
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'follow' });
  } catch (e) {
    return `${shown}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`;
  }
  if (!res.ok || !res.body) return `${shown}: HTTP ${res.status}`;
  const tmp = `${target}.part`;
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(tmp));
  const head = Buffer.alloc(4);
  const fh = await fs.open(tmp);
  await fh.read(head, 0, 4, 0).finally(() => fh.close());
  if (!isZip(head)) {
    await fs.rm(tmp, { force: true });
    return `${shown}: the answer is not a jar`;
  }
  await fs.rename(tmp, target);
  return undefined;
}

export type JarSource = { kind: 'folder'; dir: string } | { kind: 'url'; base: string };

/** --jars-from: an http(s) URL is a Maven repository, anything else a folder (flat or Maven layout). */
export function jarSource(from: string): JarSource {
  if (/^https?:\/\//i.test(from)) return { kind: 'url', base: from };
  if (!existsSync(from)) throw new PaasportError(`--jars-from ${from}: no such folder, and not an http(s) URL`);
  return { kind: 'folder', dir: path.resolve(from) };
}

/**
 * Puts every listed jar into `libDir`: those already there stay, missing ones come from the source; nothing is
 * downloaded without one. Fails naming each jar still missing and why.
 */
export async function ensureJars(
  jars: JarCoords[],
  libDir: string,
  source: JarSource | undefined,
  onFetched: (line: string) => void = () => undefined,
): Promise<void> {
  const missing = jars.filter((j) => !existsSync(path.join(libDir, jarFile(j))));
  if (!missing.length) return;
  const names = (js: JarCoords[]) => js.map((j) => path.join(libDir, jarFile(j))).join(', ');
  if (!source) {
    throw new PaasportError(
      `jars: missing ${names(missing)} (listed in ${JAR_LIST}, copied by the Dockerfile): put them there, or pass ` +
        '--jars-from DIR (a folder of jars, flat or Maven layout) or --jars-from URL (a Maven repository such as your Nexus)',
    );
  }
  await fs.mkdir(libDir, { recursive: true });
  const failed: string[] = [];
  for (const j of missing) {
    const target = path.join(libDir, jarFile(j));
    if (source.kind === 'folder') {
      if (await copyFromFolder(source.dir, j, target)) onFetched(`copied ${jarFile(j)} from ${source.dir}`);
      else failed.push(`${jarFile(j)} (not in ${source.dir}, flat or at ${mavenPath(j)})`);
      continue;
    }
    const why = await download(source.base, j, target);
    if (why) failed.push(`${jarFile(j)} (${why})`);
    else onFetched(`downloaded ${jarFile(j)}`);
  }
  if (failed.length) {
    throw new PaasportError(
      `jars: still missing in ${libDir}: ${failed.join('; ')}. Check --jars-from, or put the jars there yourself`,
      'failed',
    );
  }
}
