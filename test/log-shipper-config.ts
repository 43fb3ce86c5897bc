// Reading the generated shipper configurations as Filebeat and Logstash would, without either installed (Debian
// packages neither): filebeat.yml through the yaml package, logstash.conf through a parser of its structure.
import { parse } from 'yaml';

/** What a filestream input of filebeat.yml says about files, events and fields. */
export interface FilebeatInput {
  paths: string[];
  multiline: { type: string; pattern: string; negate: boolean; match: string };
  fields: Record<string, string>;
  hostTokenizer: string; // the dissect processor's tokenizer of log.file.path
  hostPrefix: string; // where dissect puts the keys it extracts
}

type Doc = Record<string, any>;

export function filebeatInputs(text: string): FilebeatInput[] {
  const doc = parse(text) as Doc;
  return (doc['filebeat.inputs'] as Doc[]).map((i) => {
    const dissect = (i.processors as Doc[]).find((p) => p.dissect)!.dissect as Doc;
    if (dissect.field !== 'log.file.path') throw new Error(`dissect reads ${dissect.field}, not log.file.path`);
    return {
      paths: i.paths,
      multiline: (i.parsers as Doc[]).find((p) => p.multiline)!.multiline,
      fields: i.fields,
      hostTokenizer: dissect.tokenizer,
      hostPrefix: dissect.target_prefix,
    };
  });
}

/**
 * The keys of filebeat.yml that Filebeat's reference documents for what generate writes: filestream input
 * (filebeat-input-filestream), its multiline parser (multiline-examples), the dissect processor, the Logstash output.
 */
export const FILEBEAT_KEYS: Record<string, string[]> = {
  '': ['filebeat.inputs', 'output.logstash', 'output.elasticsearch', 'processors', 'name', 'tags', 'fields'],
  input: [
    'type',
    'id',
    'enabled',
    'paths',
    'parsers',
    'fields',
    'fields_under_root',
    'tags',
    'processors',
    'encoding',
    'exclude_lines',
    'include_lines',
    'prospector.scanner.check_interval',
    'prospector.scanner.exclude_files',
    'close.on_state_change.inactive',
    'clean_removed',
  ],
  multiline: ['type', 'pattern', 'negate', 'match', 'max_lines', 'timeout', 'flush_pattern', 'count_lines'],
  dissect: ['tokenizer', 'field', 'target_prefix', 'ignore_failure', 'overwrite_keys', 'trim_values', 'trim_chars'],
  'output.logstash': ['hosts', 'loadbalance', 'worker', 'compression_level', 'ssl', 'index', 'ttl', 'timeout'],
};

/** Keys of filebeat.yml outside FILEBEAT_KEYS, as `where.key`. */
export function undocumentedFilebeatKeys(text: string): string[] {
  const doc = parse(text) as Doc;
  const outside = (where: string, o: Doc) =>
    Object.keys(o)
      .filter((k) => !FILEBEAT_KEYS[where].includes(k))
      .map((k) => `${where}.${k}`);
  const found = outside('', doc);
  if (doc['output.logstash']) found.push(...outside('output.logstash', doc['output.logstash']));
  for (const input of doc['filebeat.inputs'] ?? []) {
    found.push(...outside('input', input));
    for (const p of input.parsers ?? []) found.push(...outside('multiline', p.multiline ?? {}));
    for (const p of input.processors ?? []) found.push(...outside('dissect', p.dissect ?? {}));
  }
  return found;
}

/** The keys a dissect tokenizer such as `/data/logs/%{host}/%{?file}` extracts from a value (skipped keys left out). */
export function dissect(tokenizer: string, value: string): Record<string, string> | undefined {
  const keys: string[] = [];
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = tokenizer
    .split(/(%\{[^}]*\})/)
    .map((part) => {
      const key = /^%\{(.*)\}$/.exec(part)?.[1];
      if (key === undefined) return literal(part);
      keys.push(key);
      return '(.*?)';
    })
    .join('');
  const m = new RegExp(`^${pattern}$`).exec(value);
  if (!m) return undefined;
  return Object.fromEntries(keys.map((k, i) => [k, m[i + 1]]).filter(([k]) => k !== '' && !k.startsWith('?')));
}

/** Lines grouped into events as a multiline `negate: false, match: after` reader groups them. */
export function multilineEvents(lines: string[], continuation: string): string[] {
  const re = new RegExp(continuation);
  const events: string[] = [];
  for (const line of lines) {
    if (events.length && re.test(line)) events[events.length - 1] += `\n${line}`;
    else events.push(line);
  }
  return events;
}

// ---- logstash.conf ----

export type LogstashValue = string | number | LogstashValue[] | LogstashHash | LogstashPlugin;
export interface LogstashHash {
  [key: string]: LogstashValue;
}
export interface LogstashPlugin {
  plugin: string;
  settings: LogstashHash;
}
export type LogstashConfig = Record<'input' | 'filter' | 'output', LogstashPlugin[]>;

const TOKEN = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|=>|[{}[\],]|[A-Za-z0-9_@.-]+/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`logstash.conf: cannot read ${JSON.stringify(text.slice(at, at + 30))}`);
    if (!/^\s|^#/.test(m[0])) out.push(m[0]);
  }
  return out;
}

/**
 * The structure of a Logstash pipeline configuration: `input`, `filter` and `output` sections of plugins, each a
 * name with `key => value` settings (strings, numbers, barewords, arrays, hashes, a codec plugin). Throws on what
 * Logstash would refuse to load: an unknown section, unbalanced braces or brackets, a setting without a value.
 */
export function parseLogstashConf(text: string): LogstashConfig {
  const t = tokens(text);
  let i = 0;
  const next = () => {
    if (i >= t.length) throw new Error('logstash.conf: unexpected end (unbalanced braces?)');
    return t[i++];
  };
  const expect = (want: string) => {
    const got = next();
    if (got !== want) throw new Error(`logstash.conf: expected ${want}, found ${got}`);
  };
  const bare = (s: string) => /^[A-Za-z0-9_@.-]+$/.test(s);
  const unquote = (s: string) => (/^["']/.test(s) ? s.slice(1, -1) : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
  function value(): LogstashValue {
    const v = next();
    if (v === '[') {
      const items: LogstashValue[] = [];
      while (t[i] !== ']') {
        items.push(value());
        if (t[i] === ',') i++;
      }
      expect(']');
      return items;
    }
    if (v === '{') return hash();
    if (bare(v) && t[i] === '{') {
      i++;
      return { plugin: v, settings: hash() };
    }
    if (v === '}' || v === ']' || v === '=>' || v === ',')
      throw new Error(`logstash.conf: a value expected, found ${v}`);
    return unquote(v);
  }
  function hash(): LogstashHash {
    const h: LogstashHash = {};
    while (t[i] !== '}') {
      const key = next();
      if (key === '{' || key === '=>') throw new Error(`logstash.conf: a setting name expected, found ${key}`);
      expect('=>');
      h[String(unquote(key))] = value();
      if (t[i] === ',') i++;
    }
    expect('}');
    return h;
  }
  const config: LogstashConfig = { input: [], filter: [], output: [] };
  while (i < t.length) {
    const section = next();
    if (!(section in config)) throw new Error(`logstash.conf: unknown section ${section}`);
    expect('{');
    while (t[i] !== '}') {
      const plugin = next();
      if (!bare(plugin)) throw new Error(`logstash.conf: a plugin name expected, found ${plugin}`);
      expect('{');
      config[section as keyof LogstashConfig].push({ plugin, settings: hash() });
    }
    expect('}');
  }
  return config;
}
