import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PaasportError } from '../../analyzers/errors.js';

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

const hostOf = (key: string) => key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');

function fromDockerConfig(registry: string, env: NodeJS.ProcessEnv): RegistryAuth | undefined {
  const file = path.join(env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'config.json');
  if (!existsSync(file)) return undefined;
  let config: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PaasportError(`push: ${file} is not JSON (${(e as Error).message})`);
  }
  const entry = Object.entries(config.auths ?? {}).find(([key]) => hostOf(key) === registry)?.[1];
  if (!entry) return undefined;
  if (entry.username && entry.password) {
    return { username: entry.username, password: entry.password, serveraddress: registry };
  }
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: registry };
}

/**
 * The credentials for a registry: PAASPORT_REGISTRY_USER / PAASPORT_REGISTRY_PASSWORD, else the `auths` of
 * ~/.docker/config.json ($DOCKER_CONFIG), else none (a registry that needs no login).
 */
export function registryAuth(registry: string, env: NodeJS.ProcessEnv = process.env): RegistryAuth | undefined {
  const user = env.PAASPORT_REGISTRY_USER;
  const password = env.PAASPORT_REGISTRY_PASSWORD;
  if (user && password) return { username: user, password, serveraddress: registry };
  if (user || password) {
    throw new PaasportError('push: set both PAASPORT_REGISTRY_USER and PAASPORT_REGISTRY_PASSWORD, or neither');
  }
  return fromDockerConfig(registry, env);
}
