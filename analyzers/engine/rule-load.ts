import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { compileRegex } from './regex.js';
import { ruleSchema } from './rule-schema.js';
import type { Rule } from '../types.js';
import { PaasportError } from '../errors.js';
import { packageFile } from '../read/package-files.js';

/** The bundled rules/ folder. */
export const bundledRulesDir = (): string => packageFile('rules');

/** `x-regex: true` in a schema: the string must compile as a rule regex. */
function regexKeyword(ajv: Ajv): void {
  const check = (marked: boolean, data: string): boolean => {
    if (!marked) return true;
    try {
      compileRegex(data);
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
export function ruleValidator() {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  regexKeyword(ajv);
  return ajv.compile<Rule[]>(ruleSchema());
}

// Errors that say what is wrong come before the summaries of alternatives (oneOf) that failed because of them.
const SUMMARY = new Set(['oneOf', 'anyOf', 'if']);

/** One schema error in words: which rule, where in it, what is wrong. */
function describe(e: ErrorObject, data: unknown): string {
  const [, index, ...rest] = e.instancePath.split('/');
  const rule = Array.isArray(data) && /^\d+$/.test(index ?? '') ? data[Number(index)] : undefined;
  const id = rule && typeof rule === 'object' && typeof rule.id === 'string' ? rule.id : `#${Number(index) + 1}`;
  const where = rule === undefined ? e.instancePath || '/' : `rule ${id}: /${rest.join('/')}`;
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  return `${where}: ${e.message}`;
}

function schemaErrors(errors: ErrorObject[], data: unknown): string {
  const specific = errors.filter((e) => !SUMMARY.has(e.keyword));
  return [...new Set((specific.length ? specific : errors).map((e) => describe(e, data)))].slice(0, 3).join('; ');
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
  const validate = ruleValidator();
  const rules: Rule[] = [];
  const ids = new Map<string, string>();
  for (const file of [...packFiles(bundledRulesDir()), ...extraDirs.flatMap(packFiles)]) {
    for (const rule of parsePack(file, validate)) {
      const seenIn = ids.get(rule.id);
      if (seenIn) throw new PaasportError(`${file}: rule id ${rule.id} is already defined in ${seenIn}`);
      ids.set(rule.id, file);
      rules.push({ ...rule, source: file });
    }
  }
  return rules;
}
