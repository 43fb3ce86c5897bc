import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { commentSpans } from '../read/comments.js';
import type { Notice, PropertiesFacts, PropertyEntry } from '../types.js';

const require = createRequire(import.meta.url);

/**
 * The values of a YAML file as the flat keys Spring Boot binds (`spring.datasource.url`, `hosts[0]`), each at the
 * line of its value: the properties rules read them like a .properties file. Every `---` document (a profile)
 * adds its own entries. Aliases are not followed (no expansion).
 */
export function extractYamlFacts(file: string, text: string): { facts: PropertiesFacts; notices: Notice[] } {
  // the YAML parser is loaded only for an app with YAML files
  const { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const notices: Notice[] = [];
  const entries: PropertyEntry[] = [];
  const at = (offset: number) => lineCounter.linePos(offset);
  const walk = (node: Node | null | undefined, key: string, keyOffset: number) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (k === undefined) continue;
        const offset = (pair.key as Node).range?.[0] ?? 0;
        walk(pair.value as Node | null, key ? `${key}.${k}` : k, offset);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, `${key}[${i}]`, (item as Node)?.range?.[0] ?? keyOffset));
    } else if (key && (isScalar(node) || node == null)) {
      const pos = at(isScalar(node) ? (node.range?.[0] ?? keyOffset) : keyOffset);
      const value = isScalar(node) && node.value != null ? String(node.value) : '';
      entries.push({ key, value, line: pos.line, column: pos.col });
    }
  };
  for (const doc of parseAllDocuments(text, { lineCounter, uniqueKeys: false })) {
    const error = doc.errors[0];
    if (error) {
      notices.push({ kind: 'parse-error', file, line: at(error.pos[0]).line, detail: error.code });
      continue;
    }
    walk(doc.contents as Node | null, '', 0);
  }
  return {
    facts: {
      kind: 'properties',
      format: 'yaml',
      file,
      entries,
      comments: commentSpans(text, 'hash'),
      lines: text.split(/\r?\n/),
    },
    notices,
  };
}
