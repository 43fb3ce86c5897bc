import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import YAML from 'yaml';
import { PaasportError } from '../errors.js';
import { readPackageFile } from '../read/package-files.js';
import type { AppSettings } from './types.js';

/** The settings file in an application's folder, and the git-ignored file of the values taken out of its sources. */
export const SETTINGS_FILE = 'paasport.yaml';
export const ENV_FILE = '.paasport.env';
export const SETTINGS_SCHEMA = 'analyzers/settings/paasport-yaml.schema.json';

// compiled on first use, once per process: generate checks each app's settings twice
let compiled: ValidateFunction<AppSettings> | undefined;

/** Checks settings against the schema; `where` names them in messages (a file, or the flags that gave them). */
export function validateSettings(data: unknown, where: string): AppSettings {
  const validate = (compiled ??= new Ajv({ allErrors: true }).compile<AppSettings>(
    JSON.parse(readPackageFile(SETTINGS_SCHEMA)),
  ));
  if (!validate(data)) {
    const why = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    throw new PaasportError(`${where}: ${why}. See the schema in ${SETTINGS_SCHEMA}.`);
  }
  return data;
}

/** Parses and validates the text of a paasport.yaml; `where` names it in messages. */
export function parseSettings(text: string, where: string): AppSettings {
  let data: unknown;
  try {
    data = YAML.parse(text) ?? {};
  } catch (e) {
    throw new PaasportError(`${where}: not valid YAML: ${(e as Error).message}`);
  }
  return validateSettings(data, where);
}

/** The settings in a file; none when there is no file. */
export function loadSettings(file: string | undefined): AppSettings {
  if (!file || !existsSync(file)) return {};
  return parseSettings(readFileSync(file, 'utf8'), file);
}
