import { withEol, type TextFile } from './text-file.js';
import type { TextEdit } from './text-edit.js';

/** The indentation of the line an offset is on. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One step of indentation as most of the file's lines use it: a tab, or the smallest run of leading spaces. */
export function indentUnit(text: string): string {
  const tabs = text.match(/^\t/gm)?.length ?? 0;
  const sizes = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1].length);
  if (tabs > sizes.length) return '\t';
  return ' '.repeat(sizes.length ? Math.min(...sizes) : 4);
}

/**
 * Lines inserted before an offset, each indented (by default like the line the offset is on), in the file's
 * own line endings: at the start of that line when only blanks precede the offset, else on a new line there.
 */
export function lineInsertion(file: TextFile, at: number, lines: string[], indent = indentAt(file.text, at)): TextEdit {
  const lineStart = file.text.lastIndexOf('\n', at - 1) + 1;
  const startOfLine = file.text.slice(lineStart, at).trim() === '';
  const block = lines.map((l) => indent + l).join('\n') + '\n';
  const pos = startOfLine ? lineStart : at;
  return { start: pos, end: pos, text: withEol(file, startOfLine ? block : '\n' + block) };
}

/** Removes a stretch of text, and its whole line when nothing else is on it. */
export function lineRemoval(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const eol = text.indexOf('\n', end);
  const lineEnd = eol < 0 ? text.length : eol + 1;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  return alone ? { start: lineStart, end: lineEnd, text: '' } : { start, end, text: '' };
}
