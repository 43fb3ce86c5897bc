import dotProperties from 'dot-properties';
import { commentSpans } from '../read/comments.js';
import type { PropertiesFacts, PropertyEntry } from '../types.js';
import { lineOf, lineStarts, type Span } from './spans.js';

/** An entry with where its key and its value are written (escapes and continuation lines included). */
export interface PropertyNode extends PropertyEntry {
  spans: { key: Span; value: Span };
}

/** The facts of a .properties file, each entry with its spans: what the rules read and what the fixes edit. */
export interface PropertiesDocument extends PropertiesFacts {
  entries: PropertyNode[];
}

/** Key/value entries of a .properties text (continuations and \uXXXX escapes resolved), in the order written. */
export function propertyEntries(text: string): PropertyNode[] {
  const starts = lineStarts(text);
  const entries: PropertyNode[] = [];
  for (const node of dotProperties.parseLines(text, true)) {
    if (!(node instanceof dotProperties.Pair)) continue;
    const r = node.range ?? [0, 0, 0, 0];
    const keyStart = r[0];
    const line = lineOf(starts, keyStart);
    entries.push({
      key: node.key,
      value: node.value,
      line,
      column: keyStart - starts[line - 1] + 1,
      spans: { key: { start: r[0], end: r[1] }, value: { start: r[2], end: r[3] } },
    });
  }
  return entries;
}

/** Key/value entries of a .properties file, each with its line and spans. */
export function extractPropertiesFacts(file: string, text: string): PropertiesDocument {
  return {
    kind: 'properties',
    file,
    entries: propertyEntries(text),
    comments: commentSpans(text, 'properties'),
    lines: text.split(/\r?\n/),
  };
}

const PLACEHOLDER = /\$\{([^${}:]+)\}/g;

/**
 * A value with the `${key}` references to other entries of the same file replaced by their values, themselves
 * resolved (a reference the file does not define, or a loop, is left as written).
 */
export function resolveInFile(value: string, entries: readonly PropertyEntry[]): string {
  if (!value.includes('${')) return value;
  const byKey = new Map(entries.map((e) => [e.key, e.value]));
  const resolve = (v: string, seen: ReadonlySet<string>): string =>
    v.replace(PLACEHOLDER, (whole, key: string) => {
      const target = byKey.get(key);
      return target === undefined || seen.has(key) ? whole : resolve(target, new Set([...seen, key]));
    });
  return resolve(value, new Set());
}
