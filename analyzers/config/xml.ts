import { SaxesParser } from 'saxes';
import { commentSpans } from '../read/comments.js';
import type { Notice, XmlElement, XmlFacts } from '../types.js';

const localName = (n: string) => (n.includes(':') ? n.slice(n.indexOf(':') + 1) : n);

/** Extracts elements (path, attributes, text, line) from an XML file; keeps going past errors. */
export function extractXmlFacts(file: string, text: string): { facts: XmlFacts; notices: Notice[] } {
  const facts: XmlFacts = {
    kind: 'xml',
    file,
    elements: [],
    comments: commentSpans(text, 'xml'),
    lines: text.split(/\r?\n/),
  };
  const notices: Notice[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: { el: XmlElement; text: string[] }[] = [];
  let startLine = 1;
  let startCol = 1;
  let errors = 0;

  parser.on('doctype', (d) => {
    facts.doctype = d.trim();
  });
  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    startCol = Math.max(1, parser.column - tag.name.length);
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[k] = typeof v === 'string' ? v : v.value;
    const parentPath = stack.length ? stack[stack.length - 1].el.path + '/' : '';
    const el: XmlElement = { name, path: parentPath + name, attributes, text: '', line: startLine, column: startCol };
    if (!stack.length) {
      facts.root = name;
      facts.namespace = attributes.xmlns;
    }
    facts.elements.push(el);
    if (tag.isSelfClosing) return;
    stack.push({ el, text: [] });
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text.push(t);
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1].text.push(t);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    const top = stack.pop();
    if (top) top.el.text = top.text.join('').trim();
  });
  parser.on('error', (e) => {
    if (errors++ === 0) {
      notices.push({
        kind: 'parse-error',
        file,
        line: parser.line,
        detail: e.message.replace(/^(.*?:)?\d+:\d+: /, ''),
      });
    }
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (!errors) notices.push({ kind: 'parse-error', file, detail: (e as Error).message });
  }
  for (const open of stack) open.el.text = open.text.join('').trim();
  return { facts, notices };
}
