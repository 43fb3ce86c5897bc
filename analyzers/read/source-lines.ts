import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decode } from './encoding.js';
import type { FileFacts, ProjectFacts } from '../types.js';

/** The lines of a file: kept in the facts for configuration files, read again for Java and scripts, once each. */
export function sourceLines(project: ProjectFacts): (f: FileFacts) => string[] {
  const cache = new Map<string, string[]>();
  return (f) => {
    if (f.kind !== 'java' && f.lines) return f.lines;
    let lines = cache.get(f.file);
    if (!lines) {
      try {
        const encoding = f.kind === 'java' || f.kind === 'text' ? f.encoding : undefined;
        lines = decode(readFileSync(path.join(project.root, f.file)), { override: encoding }).text.split(/\r?\n/);
      } catch {
        lines = []; // gone since the scan: findings keep their place, without a snippet
      }
      cache.set(f.file, lines);
    }
    return lines;
  };
}
