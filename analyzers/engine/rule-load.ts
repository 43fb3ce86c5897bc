import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import type YAMLModule from 'yaml';
import { compileLinearRegex, compileRegex } from './regex.js';
import type { RawRuleValidator, RegexCheck } from './rule-validator.js';
import { schemaErrors } from './schema-errors.js';
import type { Rule } from '../types.js';
import { PaasportError } from '../errors.js';
import { packageFile } from '../read/package-files.js';

// What `npm run build` writes beside this module (precompile-rules.ts): the validator as standalone code, and the
// bundled packs already parsed and validated, each with the hash of the file it was read from.
const here = path.dirname(fileURLToPath(import.meta.url));
export const COMPILED_VALIDATOR = 'rule-validator.compiled.cjs';
export const BUNDLED_CACHE = 'bundled-rules.json';

export interface BundledCache {
  packs: { name: string; sha256: string; rules: Rule[] }[];
}

const require = createRequire(import.meta.url);
const built = existsSync(path.join(here, COMPILED_VALIDATOR));
// from the sources there is no compiled validator: the schema and ajv are loaded to compile one
const compiler = built ? undefined : await import('./rule-validator.js');
let raw: RawRuleValidator | undefined;

/** The bundled rules/ folder. */
export const bundledRulesDir = (): string => packageFile('rules');

const regexCheck = (linear: boolean): RegexCheck => ({
  regexError(source: string) {
    try {
      if (linear) compileLinearRegex(source);
      else compileRegex(source);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
});

/** Validates a rule pack against the schema the condition modules make (a user's regexes: the linear-time engine). */
export function ruleValidator(linear = false) {
  raw ??= compiler
    ? compiler.compileRuleValidator()
    : (require(path.join(here, COMPILED_VALIDATOR)) as RawRuleValidator);
  const check = regexCheck(linear);
  const v = raw;
  const validate = (data: unknown): data is Rule[] => {
    const ok = v.call(check, data);
    validate.errors = v.errors ?? null;
    return ok;
  };
  validate.errors = null as ErrorObject[] | null;
  return validate;
}

/** The rule packs of a folder: its YAML files, not the cases beside them. */
function packFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PaasportError(`rules folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f) && !/\.cases\.ya?ml$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Parses and validates one pack file. */
export function parsePack(file: string, text: string, validate: ReturnType<typeof ruleValidator>): Rule[] {
  const YAML = require('yaml') as typeof YAMLModule;
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (e) {
    throw new PaasportError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  if (!validate(data))
    throw new PaasportError(`${file}: does not follow the rule schema: ${schemaErrors(validate.errors ?? [], data)}`);
  return data;
}

function readBundledCache(): Map<string, BundledCache['packs'][number]> {
  const file = path.join(here, BUNDLED_CACHE);
  if (!existsSync(file)) return new Map();
  const cache = JSON.parse(readFileSync(file, 'utf8')) as BundledCache;
  return new Map(cache.packs.map((p) => [p.name, p]));
}

/** The rules of each pack file, read when needed: a bundled pack whose bytes the build read comes from its cache. */
function* packRules(files: string[], linear: boolean, cached: Map<string, BundledCache['packs'][number]>) {
  let validate: ReturnType<typeof ruleValidator> | undefined;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const hit = cached.get(path.basename(file));
    if (hit && hit.sha256 === sha256(text)) yield { file, rules: hit.rules };
    else yield { file, rules: parsePack(file, text, (validate ??= ruleValidator(linear))) };
  }
}

/** Loads and validates the bundled rule packs and any user folders; ids must be unique across all. */
export function loadRules(extraDirs: string[] = []): Rule[] {
  const rules: Rule[] = [];
  const ids = new Map<string, string>();
  const userFiles = extraDirs.flatMap(packFiles);
  const packs = [
    { packs: packRules(packFiles(bundledRulesDir()), false, readBundledCache()) },
    // a user's regexes run on the linear-time engine: none of them can hang a run
    { packs: packRules(userFiles, true, new Map()), linearRegex: true },
  ];
  for (const { packs: loaded, linearRegex } of packs) {
    for (const { file, rules: inPack } of loaded) {
      for (const rule of inPack) {
        const seenIn = ids.get(rule.id);
        if (seenIn) throw new PaasportError(`${file}: rule id ${rule.id} is already defined in ${seenIn}`);
        ids.set(rule.id, file);
        rules.push({ ...rule, source: file, ...(linearRegex ? { linearRegex } : {}) });
      }
    }
  }
  return rules;
}
