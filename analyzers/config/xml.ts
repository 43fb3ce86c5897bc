import { createRequire } from 'node:module';
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { commentSpans } from '../read/comments.js';
import type { Notice, XmlElement, XmlFacts } from '../types.js';
import type { Span } from './spans.js';

const require = createRequire(import.meta.url);

/** Where an element is in its text: enough for minimal edits. */
export interface XmlSpans {
  start: number; // offset of its '<'
  openEnd: number; // after the '>' of its opening tag
  end: number; // after the element: its '/>' or the '>' of its closing tag
  text?: Span; // between the opening and the closing tag; absent when the element closes itself
  attributes: Record<string, Span>; // each attribute's value as written, without its quotes
}

/** An element with its place in the text and in the tree. */
export interface XmlNode extends XmlElement {
  qname: string; // the name as written, prefix included
  parent: number; // index of the enclosing element in `elements`, -1 for the root
  spans: XmlSpans;
}

/** The facts of an XML file, each element with its spans: what the rules read and what the fixes edit. */
export interface XmlDocument extends XmlFacts {
  elements: XmlNode[];
}

interface OpenElement {
  node: XmlNode;
  index: number;
  text: string[];
}

/** Where the tag being read starts, known before saxes reports it whole. */
interface TagStart {
  line: number;
  column: number;
  start: number;
}

const localName = (n: string) => (n.includes(':') ? n.slice(n.indexOf(':') + 1) : n);

const isXmlSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The value spans of the attributes of an opening tag (text[start, end), as saxes delimited it), by name: a
 * name, '=', a quoted value, in turn. Stops at the first attribute without quotes, which saxes reports as an error.
 */
function attributeSpans(text: string, start: number, end: number): Record<string, Span> {
  const spans: Record<string, Span> = {};
  for (let i = start + 1; i < end;) {
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq >= end) break;
    let open = eq + 1;
    while (open < end && isXmlSpace(text[open])) open++;
    const quote = text[open];
    const close = quote === '"' || quote === "'" ? text.indexOf(quote, open + 1) : -1;
    if (close < 0 || close >= end) break;
    // the name is the word before '=' (the tag's own name comes before the first one)
    let nameEnd = eq;
    while (nameEnd > i && isXmlSpace(text[nameEnd - 1])) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && !isXmlSpace(text[nameStart - 1])) nameStart--;
    spans[text.slice(nameStart, nameEnd)] = { start: open + 1, end: close };
    i = close + 1;
  }
  return spans;
}

function newNode(
  text: string,
  tag: SaxesTagPlain,
  at: TagStart,
  parent: OpenElement | undefined,
  end: number,
): XmlNode {
  const name = localName(tag.name);
  const attributes: Record<string, string> = { ...tag.attributes };
  return {
    name,
    path: parent ? `${parent.node.path}/${name}` : name,
    attributes,
    text: '',
    line: at.line,
    column: at.column,
    qname: tag.name,
    parent: parent ? parent.index : -1,
    spans: { start: at.start, openEnd: end, end, attributes: attributeSpans(text, at.start, end) },
  };
}

/**
 * Elements nested deeper are not kept (their text goes to the deepest kept one): each element holds its whole path,
 * so memory grows with the square of the depth. Real configuration files stay far below.
 */
export const MAX_XML_DEPTH = 256;

/** Elements as saxes opens and closes them: path, attributes, text, line and spans. */
function readElements(parser: SaxesParser, text: string, doc: XmlDocument, notices: Notice[]): OpenElement[] {
  const stack: OpenElement[] = [];
  let below = 0; // elements open under the deepest one kept
  const at: TagStart = { line: 1, column: 1, start: 0 };
  parser.on('opentagstart', (tag) => {
    at.line = parser.line;
    at.column = Math.max(1, parser.column - tag.name.length);
    at.start = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH) {
      if (!below && !notices.some((n) => n.kind === 'limit'))
        notices.push({
          kind: 'limit',
          file: doc.file,
          line: parser.line,
          detail: `elements nested deeper than ${MAX_XML_DEPTH} levels are not read`,
        });
      if (!tag.isSelfClosing) below++;
      return;
    }
    const node = newNode(text, tag, at, stack[stack.length - 1], parser.position);
    if (!stack.length) {
      doc.root = node.name;
      doc.namespace = node.attributes.xmlns;
    }
    doc.elements.push(node);
    if (!tag.isSelfClosing) stack.push({ node, index: doc.elements.length - 1, text: [] });
  });
  parser.on('text', (t) => stack[stack.length - 1]?.text.push(t));
  parser.on('cdata', (t) => stack[stack.length - 1]?.text.push(t));
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    if (below) {
      below--;
      return;
    }
    const top = stack.pop();
    if (!top) return;
    top.node.text = top.text.join('').trim();
    top.node.spans.end = parser.position;
    top.node.spans.text = { start: top.node.spans.openEnd, end: text.lastIndexOf('</', parser.position - 1) };
  });
  return stack;
}

/** The first error only: one broken tag tends to bring a cascade of others. */
function reportFirstError(parser: SaxesParser, file: string, notices: Notice[]): () => number {
  let errors = 0;
  parser.on('error', (e) => {
    if (errors++ === 0)
      notices.push({
        kind: 'parse-error',
        file,
        line: parser.line,
        detail: e.message.replace(/^(.*?:)?\d+:\d+: /, ''),
      });
  });
  return () => errors;
}

/** Extracts elements (path, attributes, text, line, spans) from an XML file; keeps going past errors. */
export function extractXmlFacts(file: string, text: string): { facts: XmlDocument; notices: Notice[] } {
  const facts: XmlDocument = {
    kind: 'xml',
    file,
    elements: [],
    comments: commentSpans(text, 'xml'),
    lines: text.split(/\r?\n/),
  };
  const notices: Notice[] = [];
  // loaded when the first XML file is read, and by require: importing it would have Node lex its whole source
  const { SaxesParser: Parser } = require('saxes') as typeof import('saxes');
  const parser = new Parser({ position: true });
  parser.on('doctype', (d) => {
    facts.doctype = d.trim();
  });
  const open = readElements(parser, text, facts, notices);
  const errors = reportFirstError(parser, file, notices);
  try {
    parser.write(text).close();
  } catch (e) {
    if (!errors()) notices.push({ kind: 'parse-error', file, detail: (e as Error).message });
  }
  for (const o of open) o.node.text = o.text.join('').trim();
  return { facts, notices };
}

/** The elements nested under elements[i] (pre-order: they follow it while their path extends its path). */
export function childrenOf(facts: XmlFacts, i: number): XmlElement[] {
  const prefix = facts.elements[i].path + '/';
  const out: XmlElement[] = [];
  for (let j = i + 1; j < facts.elements.length && facts.elements[j].path.startsWith(prefix); j++)
    out.push(facts.elements[j]);
  return out;
}
