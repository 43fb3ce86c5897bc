import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { compileLinearRegex, compileRegex } from './regex.js';
import { ruleSchema } from './rule-schema.js';
import { schemaErrors } from './schema-errors.js';
import type { Rule } from '../types.js';
import { PaasportError } from '../errors.js';
import { packageFile } from '../read/package-files.js';

/** The bundled rules/ folder. */
export const bundledRulesDir = (): string => packageFile('rules');

/** `x-regex: true` in a schema: the string must compile as a rule regex (on the linear-time engine, for a user's). */
function regexKeyword(ajv: Ajv, linear: boolean): void {
  const check = (marked: boolean, data: string): boolean => {
    if (!marked) return true;
    try {
      if (linear) compileLinearRegex(data);
      else compileRegex(data);
      return true;
    } catch (e) {
      check.errors = [{ keyword: 'x-regex', message: `not a valid regular expression: ${(e as Error).message}` }];
      return false;
    }
  };
  check.errors = [] as Partial<ErrorObject>[];
  ajv.addKeyword({ keyword: 'x-regex', type: 'string', schemaType: 'boolean', errors: true, validate: check });
}

/** Validates a rule pack against the schema the condition modules make. */
export function ruleValidator(linear = false) {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  regexKeyword(ajv, linear);
  return ajv.compile<Rule[]>(ruleSchema());
}

/** The rule packs of a folder: its YAML files, not the cases beside them. */
function packFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PaasportError(`rules folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f) && !/\.cases\.ya?ml$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function parsePack(file: string, validate: ReturnType<typeof ruleValidator>): Rule[] {
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PaasportError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  if (!validate(data))
    throw new PaasportError(`${file}: does not follow the rule schema: ${schemaErrors(validate.errors ?? [], data)}`);
  return data;
}

/** Loads and validates the bundled rule packs and any user folders; ids must be unique across all. */
export function loadRules(extraDirs: string[] = []): Rule[] {
  const rules: Rule[] = [];
  const ids = new Map<string, string>();
  const packs = [
    { files: packFiles(bundledRulesDir()), validate: ruleValidator() },
    // a user's regexes run on the linear-time engine: none of them can hang a run
    { files: extraDirs.flatMap(packFiles), validate: ruleValidator(true), linearRegex: true },
  ];
  for (const { files, validate, linearRegex } of packs) {
    for (const file of files) {
      for (const rule of parsePack(file, validate)) {
        const seenIn = ids.get(rule.id);
        if (seenIn) throw new PaasportError(`${file}: rule id ${rule.id} is already defined in ${seenIn}`);
        ids.set(rule.id, file);
        rules.push({ ...rule, source: file, ...(linearRegex ? { linearRegex } : {}) });
      }
    }
  }
  return rules;
}
