import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers.js';
import { ensureRegistry } from './services.js';

/** Before the e2e suites: a Docker engine, the stand-in base images in it (cached), and the private registry. */
export async function setup(): Promise<void> {
  for (const script of ['start-dockerd.sh', 'base-images.sh']) {
    execFileSync('bash', [path.join(ROOT, 'test/e2e', script)], { stdio: 'inherit' });
  }
  await ensureRegistry();
}
