// The validator of rule packs, compiled from the schema the condition modules make. `npm run build` writes it once as
// standalone code into dist (precompile-rules.ts), so a run does not pay for compiling it; from the sources (tests,
// tsx) the loader compiles it here on first use.
import { _, Ajv, str, type CodeKeywordDefinition, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ruleSchema } from './rule-schema.js';

/** What a validator calls back for a string marked `x-regex`: why it does not compile, or undefined. */
export interface RegexCheck {
  regexError(source: string): string | undefined;
}

/** The validator as ajv makes it: called with a RegexCheck as `this`. */
export interface RawRuleValidator {
  (this: RegexCheck, data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// `x-regex: true` in a schema: the string must compile as a rule regex. The check is the caller's (`this`), so one
// validator serves the bundled rules (JavaScript regexes) and a user's (the linear-time engine), and its code can be
// written out standalone.
const regexKeyword: CodeKeywordDefinition = {
  keyword: 'x-regex',
  type: 'string',
  schemaType: 'boolean',
  error: {
    message: ({ params }) => str`not a valid regular expression: ${params.reason}`,
    params: ({ params }) => _`{reason: ${params.reason}}`,
  },
  code(cxt) {
    if (!cxt.schema) return;
    const reason = cxt.gen.const('reason', _`this.regexError(${cxt.data})`);
    cxt.setParams({ reason });
    cxt.fail(_`${reason} !== undefined`);
  },
};

function ruleAjv(source: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    allowUnionTypes: true,
    passContext: true,
    verbose: true, // the schema of a failed oneOf names the condition keys in the message (schema-errors.ts)
    code: source ? { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } : undefined,
  });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  ajv.addKeyword(regexKeyword);
  return ajv;
}

/** Compiles the validator of rule packs now. */
export function compileRuleValidator(): RawRuleValidator {
  return ruleAjv(false).compile(ruleSchema()) as unknown as RawRuleValidator;
}

/** The validator as a CommonJS module of its own (module.exports is the function). */
export function ruleValidatorSource(): string {
  const ajv = ruleAjv(true);
  return (standaloneCode as unknown as (a: Ajv, v: unknown) => string)(ajv, ajv.compile(ruleSchema()));
}
