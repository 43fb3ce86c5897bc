import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaasportError } from '../errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder of the installed package: the one holding paasport's package.json, above the sources or dist/. */
export function packageRoot(): string {
  for (let dir = here; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'paasport') return dir;
  }
  throw new PaasportError('this installation of paasport is incomplete: its package.json is missing', 'failed');
}

/** A file that ships with the package (rules, templates, schemas), by its path in the package. */
export function packageFile(...segments: string[]): string {
  const p = path.join(packageRoot(), ...segments);
  if (!existsSync(p)) throw new PaasportError(`${segments.join('/')} is missing from this installation`, 'failed');
  return p;
}

export const readPackageFile = (...segments: string[]) => readFileSync(packageFile(...segments), 'utf8');
