import type { CommentSpan } from '../types.js';

export type CommentStyle = 'c' | 'jsp' | 'xml' | 'hash' | 'properties';

/**
 * Finds comment spans in source text without a full parser: string literals are skipped so that
 * `"http://host"` is not taken for a `//` comment.
 */
export function commentSpans(text: string, style: CommentStyle): CommentSpan[] {
  const spans: CommentSpan[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const n = text.length;
  const advance = (to: number) => {
    for (; i < to && i < n; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
  };
  const block = (open: string, close: string) => {
    const sl = line;
    const sc = col;
    const end = text.indexOf(close, i + open.length);
    advance(end < 0 ? n : end + close.length);
    spans.push({ line: sl, column: sc, endLine: line, endColumn: col });
  };
  const toEol = () => {
    const sl = line;
    const sc = col;
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    if (end > 0 && text[end - 1] === '\r') end--;
    advance(end);
    spans.push({ line: sl, column: sc, endLine: line, endColumn: col });
  };
  let atLineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      advance(i + 1);
      atLineStart = true;
      continue;
    }
    if (style === 'properties') {
      if (atLineStart && (c === '#' || c === '!')) {
        toEol();
        continue;
      }
      if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\f') atLineStart = false;
      advance(i + 1);
      continue;
    }
    if (style === 'hash') {
      if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
        toEol();
        continue;
      }
      advance(i + 1);
      continue;
    }
    if ((style === 'xml' || style === 'jsp') && text.startsWith('<!--', i)) {
      block('<!--', '-->');
      continue;
    }
    if (style === 'jsp' && text.startsWith('<%--', i)) {
      block('<%--', '--%>');
      continue;
    }
    if (style === 'c' || style === 'jsp') {
      if (text.startsWith('/*', i)) {
        block('/*', '*/');
        continue;
      }
      if (text.startsWith('//', i) && text[i - 1] !== ':') {
        toEol();
        continue;
      }
      if (c === '"' || c === "'" || (style === 'c' && c === '`')) {
        let j = i + 1;
        while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
        advance(j + 1);
        continue;
      }
    }
    advance(i + 1);
  }
  return spans;
}

/** The lines with every comment replaced by spaces, so columns stay where they were. */
export function maskComments(lines: string[], spans: CommentSpan[]): string[] {
  if (!spans.length) return lines;
  const out = [...lines];
  for (const s of spans) {
    for (let l = s.line; l <= s.endLine && l <= out.length; l++) {
      const text = out[l - 1];
      const from = l === s.line ? s.column - 1 : 0;
      const to = l === s.endLine ? s.endColumn - 1 : text.length;
      out[l - 1] = text.slice(0, from) + ' '.repeat(Math.max(0, Math.min(to, text.length) - from)) + text.slice(to);
    }
  }
  return out;
}
