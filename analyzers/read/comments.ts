import type { CommentSpan } from '../types.js';

export type CommentStyle = 'c' | 'jsp' | 'xml' | 'hash' | 'properties';

/** A position in the text being read, and the spans found so far. */
interface Cursor {
  text: string;
  i: number;
  line: number;
  col: number;
  atLineStart: boolean; // only spaces since the last line break (properties comments start a line)
  spans: CommentSpan[];
}

function advance(c: Cursor, to: number): void {
  const end = Math.min(to, c.text.length);
  for (; c.i < end; c.i++) {
    if (c.text.charCodeAt(c.i) === 10) {
      c.line++;
      c.col = 1;
    } else c.col++;
  }
}

/** Past one character that is not a line break. */
function skipOne(c: Cursor): void {
  c.i++;
  c.col++;
}

/** A comment from here up to and including `close`, or to the end of the text. */
function block(c: Cursor, open: string, close: string): void {
  const line = c.line;
  const column = c.col;
  const end = c.text.indexOf(close, c.i + open.length);
  advance(c, end < 0 ? c.text.length : end + close.length);
  c.spans.push({ line, column, endLine: c.line, endColumn: c.col });
}

/** A comment from here to the end of the line (a trailing \r is not part of it). */
function toEol(c: Cursor): void {
  const line = c.line;
  const column = c.col;
  let end = c.text.indexOf('\n', c.i);
  if (end < 0) end = c.text.length;
  if (end > 0 && c.text[end - 1] === '\r') end--;
  advance(c, end);
  c.spans.push({ line, column, endLine: c.line, endColumn: c.col });
}

function propertiesStep(c: Cursor, ch: string): void {
  if (c.atLineStart && (ch === '#' || ch === '!')) return toEol(c);
  if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\f') c.atLineStart = false;
  skipOne(c);
}

function hashStep(c: Cursor, ch: string): void {
  if (ch === '#' && (c.i === 0 || /\s/.test(c.text[c.i - 1]))) return toEol(c);
  skipOne(c);
}

function xmlStep(c: Cursor): void {
  if (c.text.startsWith('<!--', c.i)) return block(c, '<!--', '-->');
  skipOne(c);
}

/** C-family comments, and string literals skipped whole so that `"http://host"` is not a comment. */
function cStep(c: Cursor, ch: string, quotes: string): void {
  const { text, i } = c;
  if (text.startsWith('/*', i)) return block(c, '/*', '*/');
  if (text.startsWith('//', i) && text[i - 1] !== ':') return toEol(c);
  if (quotes.includes(ch)) {
    let j = i + 1;
    while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return advance(c, j + 1);
  }
  skipOne(c);
}

function jspStep(c: Cursor, ch: string): void {
  if (c.text.startsWith('<!--', c.i)) return block(c, '<!--', '-->');
  if (c.text.startsWith('<%--', c.i)) return block(c, '<%--', '--%>');
  cStep(c, ch, '"\'');
}

/** One step of each style, never on a line break: past one character, or a whole comment or string. */
const STEP: Record<CommentStyle, (c: Cursor, ch: string) => void> = {
  properties: propertiesStep,
  hash: hashStep,
  xml: xmlStep,
  jsp: jspStep,
  c: (c, ch) => cStep(c, ch, '"\'`'),
};

/**
 * Finds comment spans in source text without a full parser: string literals are skipped so that
 * `"http://host"` is not taken for a `//` comment.
 */
export function commentSpans(text: string, style: CommentStyle): CommentSpan[] {
  const c: Cursor = { text, i: 0, line: 1, col: 1, atLineStart: true, spans: [] };
  const step = STEP[style];
  while (c.i < text.length) {
    const ch = text[c.i];
    if (ch === '\n') {
      c.i++;
      c.line++;
      c.col = 1;
      c.atLineStart = true;
    } else step(c, ch);
  }
  return c.spans;
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
