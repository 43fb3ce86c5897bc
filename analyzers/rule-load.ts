import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { compileRegex } from './conditions.js';
import type { Rule } from './types.js';

export class RuleError extends Error {}

/** The bundled rules/ folder, from the sources or from the build output. */
export function bundledRulesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..']) {
    const dir = path.resolve(here, up, 'rules');
    if (existsSync(path.join(dir, 'rules.schema.json'))) return dir;
  }
  throw new RuleError('the bundled rules folder is missing from this installation');
}

const REGEX_KEYS = new Set(['regex', 'notRegex', 'argsRegex', 'nameRegex', 'initializerRegex', 'text', 'value', 'notValue', 'key', 'group', 'artifact', 'name', 'notArgOf', 'notPath', 'notName']);

function checkRegexes(node: unknown, where: string): void {
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string' && (REGEX_KEYS.has(k) || where.endsWith('.attributes'))) {
      try {
        compileRegex(v);
      } catch (e) {
        throw new RuleError(`${where}.${k}: not a valid regular expression: ${(e as Error).message}`);
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
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RuleError(`rules folder not found: ${dir}`);
  return readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => path.join(dir, f));
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
      throw new RuleError(`${file}: not valid YAML: ${(e as Error).message}`);
    }
    if (!validate(data)) {
      const first = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new RuleError(`${file}: does not follow the rule schema: ${first || ajv.errorsText(validate.errors)}`);
    }
    for (const rule of data) {
      const seenIn = ids.get(rule.id);
      if (seenIn) throw new RuleError(`${file}: rule id ${rule.id} is already defined in ${seenIn}`);
      ids.set(rule.id, file);
      checkRegexes(rule.when, `${path.basename(file)}: ${rule.id}.when`);
      rules.push({ ...rule, source: file });
    }
  }
  return rules;
}

