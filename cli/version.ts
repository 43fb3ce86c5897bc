import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's version, from package.json next to the sources or the build output. */
export function packageVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..']) {
    try {
      return JSON.parse(readFileSync(path.resolve(here, up, 'package.json'), 'utf8')).version;
    } catch {
      // try the next level
    }
  }
  return '0.0.0';
}
