import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * A file that ships beside the generators (templates, schemas): found next to the sources, or, from
 * the build output (dist/generators), in the package's own generators/ folder.
 */
export function assetPath(...segments: string[]): string {
  for (const base of [here, path.resolve(here, '../../generators')]) {
    const p = path.join(base, ...segments);
    if (existsSync(p)) return p;
  }
  throw new Error(`${segments.join('/')} is missing from this installation`);
}

export const readAsset = (...segments: string[]) => readFileSync(assetPath(...segments), 'utf8');
