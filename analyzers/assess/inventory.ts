import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import type { AppRef } from './assess.js';
import { PaasportError } from '../errors.js';

export const INVENTORY_SCHEMA = {
  type: 'object',
  required: ['apps'],
  additionalProperties: false,
  properties: {
    apps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'path'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1, description: 'relative to the inventory file' },
          owner: { type: 'string' },
          team: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** Reads an inventory YAML: `apps: [{ name, path, owner?, team?, tags? }]`, paths relative to the file. */
export function loadInventory(file: string): AppRef[] {
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PaasportError(
      `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid YAML: ${(e as Error).message}`}`,
    );
  }
  const validate = new Ajv({ allErrors: true }).compile<{ apps: AppRef[] }>(INVENTORY_SCHEMA);
  if (!validate(data)) {
    const why = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    throw new PaasportError(
      `${file}: not an inventory (${why}). Expected:\napps:\n  - name: shop\n    path: ../shop\n    owner: someone\n    team: sales`,
    );
  }
  const base = path.dirname(path.resolve(file));
  const names = new Set<string>();
  return data.apps.map((a) => {
    if (names.has(a.name)) throw new PaasportError(`${file}: the app name ${a.name} is used twice`);
    names.add(a.name);
    const abs = path.resolve(base, a.path);
    if (!existsSync(abs) || !statSync(abs).isDirectory())
      throw new PaasportError(`${file}: ${a.name}: ${a.path} is not a folder`);
    return { ...a, path: abs };
  });
}

/** Every sub-folder of a folder is an app (hidden folders excepted). */
export function appsIn(dir: string): AppRef[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PaasportError(`${dir}: no such folder`);
  const apps = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => ({ name: e.name, path: path.join(dir, e.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (!apps.length) throw new PaasportError(`${dir} has no sub-folders: --each assesses every sub-folder as an app`);
  return apps;
}
