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

/**
 * Every distinct string literal of the code and value of the configuration (where a key or a file is read by its
 * name), joined in one text: a search for a name is one `indexOf` over it, not a test of each of them (thousands of
 * entries times tens of thousands of literals on a large app).
 */
interface ProjectTexts {
  joined: string; // the texts, each followed by the separator
  starts: number[]; // where each text starts in joined
  texts: string[];
}

const SEPARATOR = '\u0000';
const textsOf = new WeakMap<EvalContext, ProjectTexts>();
const namedFiles = new WeakMap<EvalContext, Map<string, boolean>>();

function projectTexts(ctx: EvalContext): ProjectTexts {
  let out = textsOf.get(ctx);
  if (out) return out;
  const all = new Set<string>();
  for (const f of ctx.project.files) {
    if (f.kind === 'java') for (const x of f.strings) all.add(x.value);
    else if (f.kind === 'xml') {
      for (const e of f.elements) {
        all.add(e.text);
        for (const a of Object.values(e.attributes)) all.add(a);
      }
    } else if (f.kind === 'properties') for (const e of f.entries) all.add(e.value);
  }
  // a key or a name never holds the separator, so no occurrence of one runs from a text into the next
  const texts = [...all];
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + 1;
  }
  out = { joined: texts.join(SEPARATOR) + SEPARATOR, starts, texts };
  textsOf.set(ctx, out);
  return out;
}

/** The texts that hold `part`, each once, in order. */
function* textsHolding(p: ProjectTexts, part: string): Generator<string> {
  if (!part) {
    yield* p.texts;
    return;
  }
  for (let i = p.joined.indexOf(part); i >= 0;) {
    // the text this occurrence is in: the last start at or before it
    let lo = 0;
    let hi = p.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    yield p.texts[lo];
    i = p.joined.indexOf(part, p.starts[lo] + p.texts[lo].length + 1);
  }
}

/** Whether code or configuration names the key; without any code to read it, every key counts. */
function keyNamed(key: string, value: string, ctx: EvalContext): boolean {
  if (!ctx.project.files.some((f) => f.kind === 'java')) return true;
  for (const t of textsHolding(projectTexts(ctx), key)) if (t !== value) return true;
  return false;
}

// a folder of a Java package under a source or resource root: a file there is loaded only by its name
const IN_PACKAGE = /(^|\/)(resources|src|java|classes)\/(com|org|net|cn|io|edu|gov|de|fr|uk|jp|me)\/[^/]+\//;

/** Whether the app loads the file: one at a classpath root may be read by convention, one in a package by name. */
function fileNamed(file: string, ctx: EvalContext): boolean {
  if (!IN_PACKAGE.test(file) || !ctx.project.files.some((f) => f.kind === 'java')) return true;
  let known = namedFiles.get(ctx);
  if (!known) namedFiles.set(ctx, (known = new Map()));
  let named = known.get(file);
  if (named === undefined) known.set(file, (named = namedSomewhere(file, projectTexts(ctx))));
  return named;
}

function namedSomewhere(file: string, p: ProjectTexts): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const bundle = file.slice(file.search(IN_PACKAGE)).replace(/^\/?(resources|src|java|classes)\//, '');
  const names = [name, bundle.replace(/\.\w+$/, ''), bundle.replace(/\.\w+$/, '').replace(/\//g, '.')];
  // every name ends with the file's name without its extension: only the texts that hold it can name the file
  const base = name.replace(/\.\w+$/, '');
  for (const t of textsHolding(p, base)) if (names.some((n) => namesWhole(t, n))) return true;
  return false;
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
    {
      name: "keyRead: a key some other text names, not only the entry's own value",
      when: { properties: { key: 'dir$', keyRead: true } },
      files: {
        'app.properties': 'store.dir=store.dir\nmedia.dir=/var/media\n',
        'A.java': 'class A {\n  String a = "store.dir";\n  String b = "x-store.dir";\n  String c = "media.dir";\n}\n',
      },
      expect: ['app.properties:1', 'app.properties:2'],
      lookAlike: {
        'app.properties': 'store.dir=store.dir\nmedia.dir=/var/media\n',
        'A.java': 'class A {\n  String c = "media";\n}\n',
      },
    },
  ],
};
