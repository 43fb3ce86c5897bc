import { commentSpans } from '../../analyzers/read/comments.js';
import { lineStarts } from '../../analyzers/config/properties.js';
import type { TextEdit } from './java-source.js';

export interface XmlSpan {
  name: string;
  start: number; // offset of '<'
  openEnd: number; // offset after the opening tag's '>'
  end: number; // offset after the element ('/>' or the closing tag)
  selfClosing: boolean;
  attrs: Record<string, string>;
  attrSpans: Record<string, { start: number; end: number }>; // the value, without quotes
}

function commentRanges(text: string): [number, number][] {
  const starts = lineStarts(text);
  return commentSpans(text, 'xml').map((c) => [
    starts[c.line - 1] + c.column - 1,
    starts[c.endLine - 1] + c.endColumn - 1,
  ]);
}

/** Elements with this name (or local name), outside comments, with their spans: enough for minimal text edits. */
export function findElements(text: string, name: string): XmlSpan[] {
  const comments = commentRanges(text);
  const inComment = (i: number) => comments.some(([a, b]) => i >= a && i < b);
  const out: XmlSpan[] = [];
  const open = new RegExp(`<((?:[\\w-]+:)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=[\\s/>])`, 'g');
  for (let m = open.exec(text); m; m = open.exec(text)) {
    if (inComment(m.index)) continue;
    let i = m.index + m[0].length;
    let quote = '';
    while (i < text.length && (quote || text[i] !== '>')) {
      if (quote) {
        if (text[i] === quote) quote = '';
      } else if (text[i] === '"' || text[i] === "'") quote = text[i];
      i++;
    }
    const openEnd = i + 1;
    const tag = text.slice(m.index, openEnd);
    const selfClosing = /\/\s*>$/.test(tag);
    const attrs: Record<string, string> = {};
    const attrSpans: XmlSpan['attrSpans'] = {};
    for (const a of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      const value = a[3] ?? a[4];
      const vStart = m.index + a.index! + a[0].length - value.length - 1;
      attrs[a[1]] = value;
      attrSpans[a[1]] = { start: vStart, end: vStart + value.length };
    }
    let end = openEnd;
    if (!selfClosing) {
      const close = new RegExp(`</${m[1]}\\s*>`, 'g');
      close.lastIndex = openEnd;
      const c = close.exec(text);
      end = c ? c.index + c[0].length : openEnd;
    }
    out.push({ name: m[1], start: m.index, openEnd, end, selfClosing, attrs, attrSpans });
  }
  return out;
}

/** The text between an element's opening and closing tags. */
export const innerText = (text: string, el: XmlSpan) =>
  el.selfClosing ? '' : text.slice(el.openEnd, text.lastIndexOf('</', el.end));

/** Escapes a value for an XML attribute. */
export const xmlAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Removes an element, and its line when nothing else is on it. */
export function removal(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const eol = text.indexOf('\n', end);
  const lineEnd = eol < 0 ? text.length : eol + 1;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  return alone ? { start: lineStart, end: lineEnd, text: '' } : { start, end, text: '' };
}
