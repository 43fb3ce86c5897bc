import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validatorsIn } from '../../generators/deploy/marathon-schema.js';
import { ROOT } from '../helpers.js';

export type StandInVersion = '1.1' | '1.4' | '1.5';

// No schema of 1.5 itself is published: 1.7.236 is the first one after 1.5's move to networks[] and
// container.portMappings, and the one 1.5+ definitions are checked against.
const SCHEMA: Record<StandInVersion, string> = { '1.1': '1.1.7', '1.4': '1.4.0', '1.5': '1.7.236' };

/** The official schemas of ../shared/marathon/ when they are there, else the copies paasport ships. */
function schemaDir(version: StandInVersion): string {
  const shared = path.resolve(ROOT, '..', 'shared', 'marathon', `schema-v${SCHEMA[version]}`);
  return existsSync(shared) ? shared : path.join(ROOT, 'generators/deploy/schemas/marathon', `v${SCHEMA[version]}`);
}

export interface SchemaCheck {
  app: ValidateFunction;
  group: ValidateFunction;
}

export function standInSchemas(version: StandInVersion): SchemaCheck {
  return validatorsIn(schemaDir(version));
}

/**
 * Marathon's answer to an invalid body: a value of the wrong JSON type is 400 "Invalid JSON" (the JSON reader fails
 * first), anything else 422 "Object is not valid"; both list the paths with their errors.
 */
export function invalidBody(errors: ErrorObject[]): { status: number; body: unknown } {
  const byPath = new Map<string, string[]>();
  for (const e of errors) {
    const at = e.instancePath || '/';
    const text =
      e.keyword === 'additionalProperties'
        ? `unknown property ${String(e.params.additionalProperty)}`
        : (e.message ?? e.keyword);
    byPath.set(at, [...(byPath.get(at) ?? []), text]);
  }
  const details = [...byPath].map(([p, errs]) => ({ path: p, errors: errs }));
  return errors.some((e) => e.keyword === 'type')
    ? { status: 400, body: { message: 'Invalid JSON', details } }
    : { status: 422, body: { message: 'Object is not valid', details } };
}
