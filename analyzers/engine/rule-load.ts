import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { compileRegex } from './conditions.js';
import type { Rule } from '../types.js';
import { PaasportError } from '../errors.js';
import { packageFile } from '../read/package-files.js';

/** The bundled rules/ folder. */
export const bundledRulesDir = (): string => packageFile('rules');

const REGEX_KEYS = new Set([
  'regex',
  'notRegex',
  'argsRegex',
  'nameRegex',
  'initializerRegex',
  'text',
  'value',
  'notValue',
  'key',
  'group',
  'artifact',
  'name',
  'notArgOf',
  'notPath',
  'notName',
]);

function checkRegexes(node: unknown, where: string): void {
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string' && (REGEX_KEYS.has(k) || where.endsWith('.attributes'))) {
      try {
        compileRegex(v);
      } catch (e) {
        throw new PaasportError(`${where}.${k}: not a valid regular expression: ${(e as Error).message}`);
      }
    } else checkRegexes(v, `${where}.${k}`);
  }
}

function makeValidator() {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  const schema = JSON.parse(readFileSync(path.join(bundledRulesDir(), 'rules.schema.json'), 'utf8'));
  return { ajv, validate: ajv.compile<Rule[]>(schema) };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PaasportError(`rules folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Loads and validates the bundled rule packs and any user folders; ids must be unique across all. */
export function loadRules(extraDirs: string[] = []): Rule[] {
  const { ajv, validate } = makeValidator();
  const rules: Rule[] = [];
  const ids = new Map<string, string>();
  for (const file of [...yamlFiles(bundledRulesDir()), ...extraDirs.flatMap(yamlFiles)]) {
    let data: unknown;
    try {
      data = YAML.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new PaasportError(`${file}: not valid YAML: ${(e as Error).message}`);
    }
    if (!validate(data)) {
      const first = (validate.errors ?? [])
        .slice(0, 3)
        .map((e) => `${e.instancePath || '/'} ${e.message}`)
        .join('; ');
      throw new PaasportError(`${file}: does not follow the rule schema: ${first || ajv.errorsText(validate.errors)}`);
    }
    for (const rule of data) {
      const seenIn = ids.get(rule.id);
      if (seenIn) throw new PaasportError(`${file}: rule id ${rule.id} is already defined in ${seenIn}`);
      ids.set(rule.id, file);
      checkRegexes(rule.when, `${path.basename(file)}: ${rule.id}.when`);
      rules.push({ ...rule, source: file });
    }
  }
  return rules;
}
