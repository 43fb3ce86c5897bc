// The JSON schema of a rule pack, made from the registry of condition modules. The loader validates with it;
// rules/rules.schema.json is the same schema written out for editors (`npm run rules:schema`).
import { CONDITIONS, mainConditions, modifiers } from './conditions/index.js';
import type { SchemaFragment } from './types.js';

const LOCALIZED: SchemaFragment = {
  type: 'object',
  required: ['en', 'zh-CN'],
  properties: { en: { type: 'string', minLength: 1 }, 'zh-CN': { type: 'string', minLength: 1 } },
  additionalProperties: false,
};

const RULE: SchemaFragment = {
  type: 'object',
  required: ['id', 'category', 'effort', 'tags', 'title', 'message', 'when'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    category: { enum: ['mandatory', 'optional', 'potential'] },
    effort: { type: 'integer', minimum: 0, maximum: 13 },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
    title: { $ref: '#/definitions/localized' },
    message: { $ref: '#/definitions/localized' },
    links: { type: 'array', items: { type: 'string', format: 'uri' } },
    fix: { type: 'string' },
    mask: { type: 'boolean', description: 'the matched value is a secret and is masked in every output' },
    when: { $ref: '#/definitions/condition' },
  },
};

/** A condition: exactly one key of a condition module, with the modifiers of that key; nothing else. */
function conditionSchema(): SchemaFragment {
  return {
    type: 'object',
    minProperties: 1,
    additionalProperties: false,
    properties: Object.fromEntries(CONDITIONS.map((m) => [m.key, m.schema])),
    oneOf: mainConditions().map((m) => ({ required: [m.key] })),
    dependencies: Object.fromEntries(modifiers().map((m) => [m.key, [m.modifies]])),
  };
}

/** The schema of a rule pack file. */
export function ruleSchema(): SchemaFragment {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://paasport.dev/schemas/rules.schema.json',
    title: 'paasport rule pack',
    description:
      "A YAML file of rules: each rule is a condition on the facts of an application's files, with what a finding " +
      'says. Properties marked x-regex are JavaScript regular expressions; a leading (?i) makes one case-insensitive.',
    type: 'array',
    items: { $ref: '#/definitions/rule' },
    definitions: { localized: LOCALIZED, rule: RULE, condition: conditionSchema() },
  };
}
