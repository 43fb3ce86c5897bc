// Seeded trees of hostile files for `paasport assess`: mutated copies of the fixtures' sources and configuration,
// under file names a scanner must survive. The same seed always gives the same trees.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SEED_EXTENSIONS = ['.java', '.xml', '.properties', '.yml', '.yaml', '.jsp', '.gradle'];

// what breaks parsers: unbalanced brackets, open comments and CDATA, entities, NULs, lone surrogates, long runs
const HOSTILE = [
  '{',
  '}',
  '(',
  ')',
  '<',
  '>',
  '"',
  "'",
  '${',
  '<!--',
  ']]>',
  '<![CDATA[',
  '&x;',
  '&#0;',
  '\u0000',
  '\ufeff',
  '\\u',
  '\\',
  '/*',
  '*/',
  '//',
  '@',
  '\r',
  '\r\n',
  '\t',
  'é',
  '中文',
  '\ud800',
  '<?xml version="1.0"?>',
  '<!DOCTYPE a [<!ENTITY e "x">]>',
  'a'.repeat(20000),
  '('.repeat(300),
  '<a>'.repeat(300),
  '{'.repeat(300),
  '\n'.repeat(200),
  'class',
  'import',
  'package',
  'new File(',
  'getSession().setAttribute(',
  'password=',
  '&anchor ',
  '*anchor',
  '<<: *a',
  '!!binary ',
  '\n---\n',
  '? ',
  ': |\n',
  '  - ',
];

// The fixtures hold no Spring Boot YAML: these seeds stand for it (profiles, anchors and aliases, flow and block
// styles, tags, a chain of aliases that would expand to millions of nodes)
const YAML_SEEDS = [
  'spring:\n  datasource:\n    url: jdbc:mysql://10.1.2.3:3306/crm?user=a&password=Yaml2015\n    password: secret\n' +
    'server:\n  port: 8080\nlogging:\n  file:\n    name: /var/log/app/app.log\n',
  'spring:\n  profiles: dev\n  redis: { host: 10.0.0.5, port: 6379 }\n---\nspring:\n  profiles: prod\n' +
    '  session:\n    store-type: none\nhosts: [10.0.0.1, "10.0.0.2", \'db.example.com\']\n',
  'base: &base\n  url: jdbc:oracle:thin:scott/tiger@db:1521:orcl\n  pool: 5\nmain:\n  <<: *base\n  name: !!str main\n' +
    'list:\n  - a\n  - *base\n  - ? complex key\n    : value\nblock: |\n  line one\n  line two\nfolded: >-\n  a b\n',
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n' +
    'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n',
  `deep: ${'['.repeat(500)}1${']'.repeat(500)}\nkey: ${'{a: '.repeat(200)}1${'}'.repeat(200)}\n`,
  '%YAML 1.2\n--- !!map\n? !!str "key"\n: !!binary aGVsbG8=\n...\n--- \n"unterminated: \'\n\t- tab indent\n',
].map((text) => Buffer.from(text));

// names a scanner meets in real trees, and some it should not choke on
const NAMES = [
  'A.java',
  'web.xml',
  'pom.xml',
  'build.xml',
  'context.xml',
  'server.xml',
  'application.yml',
  'application-prod.yaml',
  'bootstrap.yml',
  'log4j.properties',
  'jdbc.properties',
  'logback.xml',
  'index.jsp',
  'build.gradle',
  'applicationContext.xml',
  'struts-config.xml',
  'with space.java',
  '-dash.xml',
  '#hash.properties',
  'new\nline.java',
  'tab\tname.xml',
  '中文.properties',
  'é.java',
  `${'long'.repeat(50)}.java`,
  '.hidden.xml',
  'UPPER.XML',
  'noext',
];
const FOLDERS = ['', 'src/com/acme/', 'WebContent/WEB-INF/', 'src/main/resources/', 'conf/', 'WEB-INF/classes/'];

/** mulberry32: a small, fast generator whose sequence depends only on the seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every file of the fixtures of a kind paasport reads, and the YAML seeds: what the mutations start from. */
export function seedFiles(fixturesDir: string): Buffer[] {
  const out: Buffer[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (SEED_EXTENSIONS.includes(path.extname(name)) && statSync(p).size < 200_000) out.push(readFileSync(p));
    }
  };
  walk(fixturesDir);
  return [...out, ...YAML_SEEDS];
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** One mutation of a file: flipped bytes, a cut, a piece of another file, a hostile token, raw high bytes. */
function mutate(r: () => number, seeds: Buffer[]): Buffer {
  let b = Buffer.from(pick(r, seeds));
  const steps = 1 + Math.floor(r() * 3);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(r() * (b.length + 1));
    switch (Math.floor(r() * 5)) {
      case 0:
        if (b.length) b[Math.min(at, b.length - 1)] ^= 1 << Math.floor(r() * 8);
        break;
      case 1:
        b = b.subarray(0, at);
        break;
      case 2: {
        const other = pick(r, seeds);
        const from = Math.floor(r() * other.length);
        b = Buffer.concat([b.subarray(0, at), other.subarray(from, from + Math.floor(r() * 400)), b.subarray(at)]);
        break;
      }
      case 3:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(pick(r, HOSTILE)), b.subarray(at)]);
        break;
      default: {
        const raw = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 40) }, () => 0x80 + Math.floor(r() * 128)));
        b = Buffer.concat([b.subarray(0, at), raw, b.subarray(at)]);
      }
    }
  }
  return b;
}

/** A tree of `size` hostile files (relative path → bytes), the `index`-th of a seed's sequence. */
export function fuzzTree(seed: number, index: number, seeds: Buffer[], size: number): Record<string, Buffer> {
  const r = random(seed * 1_000_003 + index);
  const files: Record<string, Buffer> = {};
  // a folder per file keeps names whole (WEB-INF/web.xml is found by its name and place)
  for (let i = 0; i < size; i++) files[`${i}/${pick(r, FOLDERS)}${pick(r, NAMES)}`] = mutate(r, seeds);
  return files;
}
