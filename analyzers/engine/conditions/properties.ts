import { resolveInFile } from '../../config/properties.js';
import type { PropertiesFacts } from '../../types.js';
import type { ConditionModule, EvalContext, Match, Patterns } from '../types.js';
import { inFiles } from './file-filter.js';
import { NONE } from './matches.js';
import { boolean, objectOf, patterns, regex } from './schema-parts.js';

export interface PropertiesCond {
  files?: Patterns;
  notFiles?: Patterns;
  key?: string;
  value?: string;
  notValue?: string;
  resolved?: boolean; // value and notValue see the file's own ${key} references replaced
}

function entriesOf(c: PropertiesCond, f: PropertiesFacts, ctx: EvalContext): readonly Match[] {
  if (!inFiles(c, f.file, ctx)) return NONE;
  const k = c.key ? ctx.regex(c.key) : undefined;
  const v = c.value ? ctx.regex(c.value) : undefined;
  const nv = c.notValue ? ctx.regex(c.notValue) : undefined;
  const valueOf = c.resolved ? (value: string) => resolveInFile(value, f.entries) : (value: string) => value;
  return f.entries
    .filter((e) => !k || k.test(e.key))
    .map((e) => ({ e, value: valueOf(e.value) }))
    .filter(({ value }) => (!v || v.test(value)) && !nv?.test(value))
    .map(({ e, value }) => ({
      file: f.file,
      line: e.line,
      column: e.column,
      value: v ? (v.exec(value)?.[0] ?? value) : value,
    }));
}

export const properties: ConditionModule<'properties', PropertiesCond> = {
  key: 'properties',
  schema: objectOf<PropertiesCond>()(
    'an entry of a .properties file (comments are not entries); the value is the part of the value matched',
    {
      files: patterns(),
      notFiles: patterns(),
      key: regex(),
      value: regex(),
      notValue: regex(),
      resolved: boolean("value and notValue are tried on the value with the file's own ${key} references replaced"),
    },
    [],
    { minProperties: 1 },
  ),
  evaluator: (c) => (f, ctx) => (f.kind === 'properties' ? entriesOf(c, f, ctx) : NONE),
  cases: [
    {
      name: 'by key and value, in the files given',
      when: { properties: { files: '**/jdbc*.properties', key: 'password$', notValue: '^\\$\\{' } },
      files: { 'conf/jdbc.properties': 'jdbc.user=sa\njdbc.password=S3cret\n' },
      expect: ['conf/jdbc.properties:2'],
      lookAlike: {
        'conf/jdbc.properties': '#jdbc.password=old\njdbc.password=${DB_PASSWORD}\n',
        'conf/app.properties': 'mail.password=S3cret\n',
      },
    },
    {
      name: "the value with the file's own references replaced",
      when: { properties: { key: 'impl$', value: 'MemoryStore$', resolved: true } },
      files: { 'app.properties': 'store.memory=a.MemoryStore\nstore.impl=${store.memory}\n' },
      expect: ['app.properties:2'],
      lookAlike: { 'app.properties': 'store.memory=a.MemoryStore\nstore.impl=${store.redis}\n' },
    },
  ],
};
