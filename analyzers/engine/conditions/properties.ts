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
  keyRead?: boolean; // the key is named elsewhere in the project: some code or configuration reads it
  fileRead?: boolean; // the file is one the app loads: at a classpath root (by convention), or named somewhere
}

const texts = new WeakMap<EvalContext, string[]>();

/** Every string literal of the code and every value of the configuration: where a key is read by its name. */
function projectTexts(ctx: EvalContext): string[] {
  let out = texts.get(ctx);
  if (out) return out;
  out = [];
  for (const f of ctx.project.files) {
    if (f.kind === 'java') for (const x of f.strings) out.push(x.value);
    else if (f.kind === 'xml') for (const e of f.elements) out.push(e.text, ...Object.values(e.attributes));
    else if (f.kind === 'properties') for (const e of f.entries) out.push(e.value);
  }
  texts.set(ctx, out);
  return out;
}

/** Whether code or configuration names the key; without any code to read it, every key counts. */
function keyNamed(key: string, value: string, ctx: EvalContext): boolean {
  if (!ctx.project.files.some((f) => f.kind === 'java')) return true;
  return projectTexts(ctx).some((t) => t !== value && t.includes(key));
}

// a folder of a Java package under a source or resource root: a file there is loaded only by its name
const IN_PACKAGE = /(^|\/)(resources|src|java|classes)\/(com|org|net|cn|io|edu|gov|de|fr|uk|jp|me)\/[^/]+\//;

/** Whether the app loads the file: one at a classpath root may be read by convention, one in a package by name. */
function fileNamed(file: string, ctx: EvalContext): boolean {
  if (!IN_PACKAGE.test(file) || !ctx.project.files.some((f) => f.kind === 'java')) return true;
  const name = file.slice(file.lastIndexOf('/') + 1);
  const bundle = file.slice(file.search(IN_PACKAGE)).replace(/^\/?(resources|src|java|classes)\//, '');
  const names = [name, bundle.replace(/\.\w+$/, ''), bundle.replace(/\.\w+$/, '').replace(/\//g, '.')];
  return projectTexts(ctx).some((t) => names.some((n) => namesWhole(t, n)));
}

/** Whether a text holds a name not as the start of a longer one (`config/planet` in `config/planetDefs.xml`). */
function namesWhole(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
    if (!/[\w$]/.test(text[i + name.length] ?? '')) return true;
  return false;
}

function entriesOf(c: PropertiesCond, f: PropertiesFacts, ctx: EvalContext): readonly Match[] {
  if (!inFiles(c, f.file, ctx) || (c.fileRead && !fileNamed(f.file, ctx))) return NONE;
  const k = c.key ? ctx.regex(c.key) : undefined;
  const v = c.value ? ctx.regex(c.value) : undefined;
  const nv = c.notValue ? ctx.regex(c.notValue) : undefined;
  const valueOf = c.resolved ? (value: string) => resolveInFile(value, f.entries) : (value: string) => value;
  return f.entries
    .filter((e) => !k || k.test(e.key))
    .map((e) => ({ e, value: valueOf(e.value) }))
    .filter(({ value }) => (!v || v.test(value)) && !nv?.test(value))
    .filter(({ e }) => !c.keyRead || keyNamed(e.key, e.value, ctx))
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
      keyRead: boolean(
        'only keys some code or configuration names: a string literal, an XML text or attribute, or another value ' +
          'holds the key (a key nothing reads configures nothing); every key in a tree with no Java code',
      ),
      fileRead: boolean(
        'only files the app loads: a file in a Java package folder counts when code or configuration names it (its ' +
          'file name, or its path as a bundle name); one at a classpath root may be loaded by convention and counts',
      ),
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
    {
      name: 'fileRead: a file in a package folder that the code names, or one at a classpath root',
      when: { properties: { value: '^/var/', fileRead: true } },
      files: {
        'src/main/resources/org/shop/config/shop.properties': 'upload.dir=/var/shop/upload\n',
        'src/main/resources/app.properties': 'data.dir=/var/shop/data\n',
        'src/main/java/org/shop/Config.java':
          'package org.shop;\nclass Config {\n  String f = "/org/shop/config/shop.properties";\n}\n',
      },
      expect: ['src/main/resources/app.properties:1', 'src/main/resources/org/shop/config/shop.properties:1'],
      lookAlike: {
        'src/main/resources/org/shop/config/old.properties': 'upload.dir=/var/shop/upload\n',
        'src/main/java/org/shop/Config.java':
          'package org.shop;\nclass Config {\n  String f = "/org/shop/config/shop.properties";\n}\n',
      },
    },
  ],
};
