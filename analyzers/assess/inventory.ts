import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import type { AppRef } from './assess.js';
import { PaasportError } from '../errors.js';

/** What an inventory may set for one app over its paasport.yaml (paasport batch applies them). */
export interface InventoryOverrides {
  cpus?: number;
  mem?: number;
  instances?: number;
  vhost?: string;
  baseImage?: string;
  sessionStore?: 'redis' | 'memcached' | 'spring-session';
  group?: string; // the Marathon group the app goes in, e.g. /retail
}

/** One app of an inventory: a folder (absolute once read) or a git repository at a branch, tag or commit. */
export interface InventoryApp extends InventoryOverrides {
  name: string;
  path?: string;
  git?: string;
  ref?: string;
  owner?: string;
  team?: string;
  tags?: string[];
}

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
        required: ['name'],
        oneOf: [{ required: ['path'] }, { required: ['git'] }],
        dependencies: { ref: ['git'] },
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1, description: 'relative to the inventory file' },
          git: { type: 'string', minLength: 1, description: 'a URL git can clone (https://, ssh, file://)' },
          ref: { type: 'string', minLength: 1, description: 'a branch, tag or commit (default: the remote HEAD)' },
          owner: { type: 'string' },
          team: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          cpus: { type: 'number', exclusiveMinimum: 0 },
          mem: { type: 'number', exclusiveMinimum: 0 },
          instances: { type: 'integer', minimum: 1 },
          vhost: { type: 'string', minLength: 1 },
          baseImage: { type: 'string', minLength: 1 },
          sessionStore: { enum: ['redis', 'memcached', 'spring-session'] },
          group: { type: 'string', pattern: '^/?[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$' },
        },
      },
    },
  },
} as const;

const EXAMPLE =
  'apps:\n  - name: shop\n    path: ../shop\n    owner: someone\n    team: sales\n' +
  '  - name: crm\n    git: https://git.example.com/crm.git\n    ref: release-2.3\n    mem: 1024';

/** The apps of an inventory YAML as written, checked against the schema; names used once. */
function parseInventory(file: string): InventoryApp[] {
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PaasportError(
      `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid YAML: ${(e as Error).message}`}`,
    );
  }
  const validate = new Ajv({ allErrors: true }).compile<{ apps: InventoryApp[] }>(INVENTORY_SCHEMA);
  if (!validate(data)) {
    const why = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    throw new PaasportError(`${file}: not an inventory (${why}). Expected:\n${EXAMPLE}`);
  }
  const names = new Set<string>();
  for (const a of data.apps) {
    if (names.has(a.name)) throw new PaasportError(`${file}: the app name ${a.name} is used twice`);
    names.add(a.name);
  }
  return data.apps;
}

/**
 * Reads an inventory YAML: `apps: [{ name, path | git (+ ref), owner?, team?, tags?, overrides }]`, paths made
 * absolute (relative to the file). Whether a folder exists is the caller's question.
 */
export function readInventory(file: string): InventoryApp[] {
  const base = path.dirname(path.resolve(file));
  return parseInventory(file).map((a) => (a.path === undefined ? a : { ...a, path: path.resolve(base, a.path) }));
}

/** The folders of an inventory, for assess and generate: every app must be a folder there (git apps need batch). */
export function loadInventory(file: string): AppRef[] {
  const base = path.dirname(path.resolve(file));
  return parseInventory(file).map(({ name, path: p, git, owner, team, tags }) => {
    if (p === undefined)
      throw new PaasportError(`${file}: ${name} comes from git (${git}): paasport batch clones it, assess does not`);
    const abs = path.resolve(base, p);
    if (!existsSync(abs) || !statSync(abs).isDirectory())
      throw new PaasportError(`${file}: ${name}: ${p} is not a folder`);
    return { name, path: abs, ...(owner ? { owner } : {}), ...(team ? { team } : {}), ...(tags ? { tags } : {}) };
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
