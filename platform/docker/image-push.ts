import type Docker from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';
import { followStream } from './image-build.js';
import type { RegistryAuth } from './registry-auth.js';

/** Pushes `ref` (registry/name:tag) with the credentials given, never echoing them; progress by layer. */
export async function pushImage(
  docker: Docker,
  ref: string,
  auth: RegistryAuth | undefined,
  onLine: (line: string) => void,
): Promise<void> {
  try {
    // the engine wants an X-Registry-Auth header even for a registry without authentication
    const stream = await docker.getImage(ref).push({ authconfig: auth ?? {} });
    await followStream(docker, stream, (e) => {
      if (e.status && !e.progress) onLine(e.id ? `${e.id}: ${e.status}` : e.status);
    });
  } catch (e) {
    const why = (e as Error).message.trim();
    const login = /unauthorized|authentication required|denied/i.test(why)
      ? ': set PAASPORT_REGISTRY_USER and PAASPORT_REGISTRY_PASSWORD, or log in with docker login'
      : '';
    throw new PaasportError(`push of ${ref} failed: ${why}${login}`, 'failed');
  }
}
