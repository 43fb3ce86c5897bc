// Schema fragments the condition modules are made of. Every regex-valued property is marked `x-regex`: the loader
// compiles it (with the (?i) convention) and refuses the rule when it is not a valid regular expression.
import type { SchemaFragment } from '../types.js';

const described = (fragment: SchemaFragment, description?: string): SchemaFragment =>
  description ? { ...fragment, description } : fragment;

/** A regular expression (JavaScript syntax; a leading (?i) makes it case-insensitive). */
export const regex = (description?: string): SchemaFragment =>
  described({ type: 'string', minLength: 1, 'x-regex': true }, description);

/** One glob or a list of globs over relative paths. */
export const patterns = (description?: string): SchemaFragment =>
  described(
    {
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
    },
    description,
  );

/** A non-empty list of names. */
export const names = (description?: string): SchemaFragment =>
  described({ type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }, description);

export const boolean = (description?: string): SchemaFragment => described({ type: 'boolean' }, description);

export const index = (description?: string): SchemaFragment => described({ type: 'integer', minimum: 0 }, description);

/** The source text of the argument at index (0-based) must match the regex. */
export const argRegex = (): SchemaFragment => ({
  type: 'object',
  required: ['index', 'regex'],
  additionalProperties: false,
  description: 'the source text of the argument at index (0-based) must match',
  properties: { index: index(), regex: regex() },
});

/** A nested condition. */
export const condition = (): SchemaFragment => ({ $ref: '#/definitions/condition' });

/** A condition whose value is an empty object: the key alone says it. */
export const flag = (description: string): SchemaFragment => ({
  type: 'object',
  additionalProperties: false,
  description,
});

type RequiredKeys<V> = { [K in keyof V]-?: undefined extends V[K] ? never : K }[keyof V];
type Unlisted<V, R extends readonly unknown[]> = Exclude<RequiredKeys<V>, R[number]>;

/**
 * The schema of an object value of type V: one fragment for each property of V (the compiler refuses a missing or an
 * extra one), the required properties of V listed (likewise), and no other key allowed.
 */
export const objectOf =
  <V>() =>
  <const R extends readonly RequiredKeys<V>[]>(
    description: string,
    properties: { [K in keyof V]-?: SchemaFragment },
    required: [Unlisted<V, R>] extends [never] ? R : { unlisted: Unlisted<V, R> },
    extra: SchemaFragment = {},
  ): SchemaFragment => ({
    type: 'object',
    description,
    ...((required as R).length ? { required } : {}),
    additionalProperties: false,
    properties,
    ...extra,
  });
