import Docker from 'dockerode';
import { extract } from 'tar-stream';
import type { EngineAddress, ImageFiles } from '../types.js';
import { PaasportError, type ErrorKind } from '../../analyzers/errors.js';

export function engineAddress(env: NodeJS.ProcessEnv = process.env): EngineAddress {
  return parseEngineAddress(env.DOCKER_HOST);
}

/** An engine address as DOCKER_HOST or --docker-host give it: unix://PATH, a socket path, or tcp://HOST:PORT. */
export function parseEngineAddress(h: string | undefined): EngineAddress {
  if (!h) return { socketPath: '/var/run/docker.sock' };
  if (h.startsWith('unix://')) return { socketPath: h.slice('unix://'.length) };
  if (!/^[a-z]+:\/\//.test(h)) return { socketPath: h };
  if (!h.startsWith('tcp://')) {
    throw new PaasportError(`the Docker engine address ${h} is neither unix://PATH, a socket path nor tcp://HOST:PORT`);
  }
  const u = new URL(h.replace(/^tcp:/, 'http:'));
  return { host: u.hostname, port: Number(u.port || 2375) };
}

export function engine(addr: EngineAddress = engineAddress()): Docker {
  return new Docker(addr);
}

export const engineWhere = (addr: EngineAddress) => addr.socketPath ?? `${addr.host}:${addr.port}`;

/** The engine at `addr`, once it answers; else a message that says how to point paasport at one. */
export async function connectEngine(
  addr: EngineAddress,
  instead = 'pass the file itself',
  kind: ErrorKind = 'usage',
): Promise<Docker> {
  const docker = engine(addr);
  try {
    await docker.ping();
  } catch (e) {
    throw new PaasportError(
      `no Docker engine at ${engineWhere(addr)} (${(e as Error).message}): start dockerd, set DOCKER_HOST, or ${instead}`,
      kind,
    );
  }
  return docker;
}

/** The image, pulled when the engine does not have it yet. */
async function ensureImage(docker: Docker, image: string, onProgress?: (line: string) => void): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch {
    // not here yet: pull it
  }
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err) => (err ? reject(err) : resolve()),
      (e: { status?: string }) => e.status && onProgress?.(e.status),
    );
  });
}

/**
 * Reads one file out of an image without running it: a container is created (never started), the
 * file is copied out as a tar archive, and the container is removed.
 */
export async function readFileFromImage(
  image: string,
  file: string,
  opts: { addr?: EngineAddress; onProgress?: (line: string) => void } = {},
): Promise<string> {
  const addr = opts.addr ?? engineAddress();
  const docker = await connectEngine(addr);
  try {
    await ensureImage(docker, image, opts.onProgress);
  } catch (e) {
    throw new PaasportError(`cannot get the image ${image}: ${(e as Error).message}`);
  }
  const container = await docker.createContainer({ Image: image, Cmd: ['/bin/true'] });
  try {
    const archive = await container.getArchive({ path: file });
    return await firstFileOf(archive);
  } catch (e) {
    throw new PaasportError(`${image} has no ${file}: ${(e as Error).message}`);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

function firstFileOf(archive: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const tar = extract();
    let found: string | undefined;
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        if (found === undefined && header.type === 'file') found = Buffer.concat(chunks).toString('utf8');
        next();
      });
      stream.resume();
    });
    tar.on('finish', () => (found === undefined ? reject(new Error('the archive holds no file')) : resolve(found)));
    tar.on('error', reject);
    archive.pipe(tar);
  });
}

/** The Docker engine as a reader of files in images. */
export const dockerImageFiles = (addr: EngineAddress = engineAddress()): ImageFiles => ({
  readFile: (image, file, onProgress) => readFileFromImage(image, file, { addr, onProgress }),
});

/** The text of a container's logs, which the engine sends multiplexed: an 8-byte header before each chunk. */
export function containerOutput(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length) {
    const size = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}
