import type { CommentSpan } from '../types.js';

export type CommentStyle = 'c' | 'jsp' | 'xml' | 'hash' | 'properties';

/**
 * Line and column of positions in a text, asked for in increasing order: the line breaks between two positions are
 * counted once, by a search for each, never character by character.
 */
interface Lines {
  text: string;
  line: number; // the line of the last position asked for
  lineStart: number; // where that line starts
  nextBreak: number; // the first line break at or after that position (the text's length when there is none)
}

function lineOf(l: Lines, position: number): number {
  while (l.nextBreak < position) {
    l.line++;
    l.lineStart = l.nextBreak + 1;
    const nl = l.text.indexOf('\n', l.lineStart);
    l.nextBreak = nl < 0 ? l.text.length : nl;
  }
  return l.line;
}

/** A text being read: where the scan is, and the spans found so far. */
interface Scan {
  text: string;
  lines: Lines;
  spans: CommentSpan[];
}

/** Records a comment from `from` to `to` (exclusive) and returns where the scan goes on. */
function span(s: Scan, from: number, to: number): number {
  const line = lineOf(s.lines, from);
  const column = from - s.lines.lineStart + 1;
  const endLine = lineOf(s.lines, to);
  s.spans.push({ line, column, endLine, endColumn: to - s.lines.lineStart + 1 });
  return to;
}

/** A comment from `from` up to and including `close`, or to the end of the text. */
function block(s: Scan, from: number, open: string, close: string): number {
  const end = s.text.indexOf(close, from + open.length);
  return span(s, from, end < 0 ? s.text.length : end + close.length);
}

/** A comment from `from` to the end of its line (a trailing \r is not part of it). */
function toEol(s: Scan, from: number): number {
  let end = s.text.indexOf('\n', from);
  if (end < 0) end = s.text.length;
  if (end > 0 && s.text[end - 1] === '\r') end--;
  return span(s, from, end);
}

/** Past a string literal opened at `from`: to its closing quote, or past the end of its line when it has none. */
function pastString(text: string, from: number): number {
  const quote = text[from];
  let j = from + 1;
  while (j < text.length && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, text.length);
}

/**
 * C-family comments, and string literals skipped whole so that `"http://host"` is not a comment: the step at `i`,
 * a character that may open one of them; returns where the scan goes on.
 */
function cStep(s: Scan, i: number, quotes: string): number {
  const { text } = s;
  const ch = text[i];
  if (ch === '/') {
    const next = text[i + 1];
    if (next === '*') return block(s, i, '/*', '*/');
    if (next === '/' && text[i - 1] !== ':') return toEol(s, i);
    return i + 1;
  }
  return quotes.includes(ch) ? pastString(text, i) : i + 1;
}

function jspStep(s: Scan, i: number): number {
  if (s.text.startsWith('<!--', i)) return block(s, i, '<!--', '-->');
  if (s.text.startsWith('<%--', i)) return block(s, i, '<%--', '--%>');
  return cStep(s, i, '"\'');
}

/** Each style: the characters a comment (or a string that hides one) can start with, and the step taken at one. */
const STYLES: Record<Exclude<CommentStyle, 'properties'>, { starts: RegExp; step: (s: Scan, i: number) => number }> = {
  c: { starts: /[/"'`]/g, step: (s, i) => cStep(s, i, '"\'`') },
  jsp: { starts: /[</"']/g, step: jspStep },
  xml: { starts: /<!--/g, step: (s, i) => block(s, i, '<!--', '-->') },
  hash: {
    starts: /#/g,
    step: (s, i) => (i === 0 || /\s/.test(s.text[i - 1]) ? toEol(s, i) : i + 1),
  },
};

// a line whose first character other than blanks is # or ! (only \n ends a line, so no `m` flag)
const PROPERTIES_COMMENT = /(?:^|(?<=\n))[ \t\r\f]*[#!]/g;

/**
 * Finds comment spans in source text without a full parser: string literals are skipped so that
 * `"http://host"` is not taken for a `//` comment. The scan jumps from one character that may start a comment to the
 * next.
 */
export function commentSpans(text: string, style: CommentStyle): CommentSpan[] {
  const first = text.indexOf('\n');
  const lines: Lines = { text, line: 1, lineStart: 0, nextBreak: first < 0 ? text.length : first };
  const s: Scan = { text, lines, spans: [] };
  if (style === 'properties') {
    for (const m of text.matchAll(PROPERTIES_COMMENT)) toEol(s, m.index + m[0].length - 1);
    return s.spans;
  }
  const { starts, step } = STYLES[style];
  const re = new RegExp(starts);
  for (let i = 0; ;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return s.spans;
    i = step(s, m.index);
  }
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
