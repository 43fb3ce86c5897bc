import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commentSpans } from './comments.js';
import { decode } from './encoding.js';
import type { CommentSpan, FileFacts, ProjectFacts, TextFacts } from '../types.js';

// a script's comments, found in its text as read (its own line ends) when its lines are read again
const readComments = new WeakMap<TextFacts, CommentSpan[]>();

/** The comment spans of a script whose lines have been read again, else undefined. */
export const scriptComments = (f: TextFacts): CommentSpan[] | undefined => readComments.get(f);

/** The lines of a file: kept in the facts for configuration files, read again for Java and scripts, once each. */
export function sourceLines(project: ProjectFacts): (f: FileFacts) => string[] {
  const cache = new Map<string, string[]>();
  return (f) => {
    if (f.kind !== 'java' && f.lines) return f.lines;
    let lines = cache.get(f.file);
    if (!lines) {
      try {
        const encoding = f.kind === 'java' || f.kind === 'text' ? f.encoding : undefined;
        const text = decode(readFileSync(path.join(project.root, f.file)), { override: encoding }).text;
        if (f.kind === 'text') readComments.set(f, commentSpans(text, 'c'));
        lines = text.split(/\r?\n/);
      } catch {
        lines = []; // gone since the scan: findings keep their place, without a snippet
      }
      cache.set(f.file, lines);
    }
    return lines;
  };
}
