import dotProperties from 'dot-properties';
import { commentSpans } from '../read/comments.js';
import type { PropertiesFacts } from '../types.js';

/** Line starts of a text, for turning character offsets into line numbers. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Key/value entries of a .properties file (continuations and \uXXXX escapes resolved), each with its line. */
export function extractPropertiesFacts(file: string, text: string): PropertiesFacts {
  const starts = lineStarts(text);
  const entries: PropertiesFacts['entries'] = [];
  for (const node of dotProperties.parseLines(text, true)) {
    if (!(node instanceof dotProperties.Pair)) continue;
    const offset = Array.isArray(node.range) ? node.range[0] : 0;
    const line = lineOf(starts, offset);
    entries.push({ key: node.key, value: node.value, line, column: offset - starts[line - 1] + 1 });
  }
  return { kind: 'properties', file, entries, comments: commentSpans(text, 'properties'), lines: text.split(/\r?\n/) };
}
