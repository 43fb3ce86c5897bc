// The cases of a rule pack live beside it, in <pack>.cases.yaml: for each rule id, files the rule must flag (invalid)
// at the places listed in expect, and look-alike files it must leave alone (valid). Tests run them; `paasport rules
// show` takes its example from them. The loader of rules skips these files.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import { PaasportError } from '../errors.js';

export interface RuleCase {
  invalid: Record<string, string>;
  expect: string[]; // file:line of every finding of the rule in the invalid files
  valid: Record<string, string>;
}

const FILES = { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } };
const CASES_SCHEMA = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['invalid', 'expect', 'valid'],
    additionalProperties: false,
    properties: {
      invalid: FILES,
      expect: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^.+:[1-9][0-9]*$' } },
      valid: FILES,
    },
  },
};

/** The cases file of a rule pack. */
export const casesFileOf = (pack: string): string => pack.replace(/\.ya?ml$/i, '.cases.yaml');

/** The cases of the rules of a pack, by rule id: none when the pack has no cases file. */
export function loadCases(pack: string): Record<string, RuleCase> {
  const file = casesFileOf(pack);
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new PaasportError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const validate = new Ajv({ allErrors: true }).compile<Record<string, RuleCase>>(CASES_SCHEMA);
  if (!validate(data)) {
    const first = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new PaasportError(`${file}: does not follow the format of rule cases: ${first.join('; ')}`);
  }
  return data;
}

export interface FlaggedLine {
  file: string;
  line: number;
  text: string; // the line as written, without its indentation
}

/** The lines of the invalid files that the rule flags, in the order of expect. */
export function flaggedLines(c: RuleCase): FlaggedLine[] {
  return c.expect.map((place) => {
    const at = place.lastIndexOf(':');
    const file = place.slice(0, at);
    const line = Number(place.slice(at + 1));
    const text = c.invalid[file]?.split(/\r?\n/)[line - 1];
    if (text === undefined) throw new PaasportError(`case ${place}: the invalid files have no such line`);
    return { file, line, text: text.trim() };
  });
}
