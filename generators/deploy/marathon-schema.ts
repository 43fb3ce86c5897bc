import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { packageFile } from '../../analyzers/read/package-files.js';
import type { MarathonVersion } from './marathon.js';

const SCHEMA_DIR: Record<MarathonVersion, string> = { '1.1': 'v1.1.7', '1.4': 'v1.4.0', '1.5': 'v1.7.236' };

const schemaDir = (version: MarathonVersion) =>
  path.dirname(packageFile('generators/deploy/schemas/marathon', SCHEMA_DIR[version], 'AppDefinition.json'));

/** Validators for app and group definitions, from the official schema of the Marathon version. */
export function marathonValidators(version: MarathonVersion): { app: ValidateFunction; group: ValidateFunction } {
  return validatorsIn(schemaDir(version));
}

/** Validators for app and group definitions, from the official schema files in a folder. */
export function validatorsIn(dir: string): { app: ValidateFunction; group: ValidateFunction } {
  const load = (name: string) => {
    const s = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    // draft-04 era: "$schema": "http://json-schema.org/schema#" and a root "id"; the keywords used are the same in draft-07
    delete s.$schema;
    delete s.id;
    return { ...s, $id: name };
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addSchema(load('AppDefinition.json'));
  ajv.addSchema(load('Group.json'));
  return { app: ajv.getSchema('AppDefinition.json')!, group: ajv.getSchema('Group.json')! };
}

export function validationErrors(v: ValidateFunction, doc: unknown): string[] {
  return v(doc)
    ? []
    : (v.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
}
