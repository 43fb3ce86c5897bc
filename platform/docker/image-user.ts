import type Docker from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';
import { containerOutput } from './docker-engine.js';

/** The uid the image runs as: its numeric `User`, else `id -u` of that user run inside the image; root when none. */
export async function imageUid(docker: Docker, image: string): Promise<number> {
  const info = await docker.getImage(image).inspect();
  const user = (info.Config?.User ?? '').split(':')[0];
  if (!user) return 0;
  if (/^\d+$/.test(user)) return Number(user);
  const c = await docker.createContainer({ Image: image, Entrypoint: ['id', '-u', user], User: '0' });
  try {
    await c.start();
    await c.wait();
    const logs = (await c.logs({ stdout: true, stderr: true })) as Buffer;
    const text = containerOutput(logs).trim();
    if (!/^\d+$/.test(text)) throw new Error(text || 'no output');
    return Number(text);
  } catch (e) {
    throw new PaasportError(`cannot tell the uid of ${user} in ${image}: ${(e as Error).message}`, 'failed');
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
}
