import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { commentSpans } from '../read/comments.js';
import type { Notice, XmlElement, XmlFacts } from '../types.js';
import type { Span } from './spans.js';

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

/** What is known of the tag being read before saxes reports it whole. */
interface TagStart {
  line: number;
  column: number;
  start: number;
  attributes: Record<string, Span>;
}

const localName = (n: string) => (n.includes(':') ? n.slice(n.indexOf(':') + 1) : n);

/** The value of the attribute that ends just before `position`, without its quotes; none when it had no quotes. */
function attributeValueSpan(text: string, position: number): Span | undefined {
  const close = position - 1;
  const quote = text[close];
  if (quote !== '"' && quote !== "'") return undefined;
  return { start: text.lastIndexOf(quote, close - 1) + 1, end: close };
}

function newNode(tag: SaxesTagPlain, at: TagStart, parent: OpenElement | undefined, openEnd: number): XmlNode {
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
    spans: { start: at.start, openEnd, end: openEnd, attributes: at.attributes },
  };
}

/** Elements as saxes opens and closes them: path, attributes, text, line and spans. */
function readElements(parser: SaxesParser, text: string, doc: XmlDocument): OpenElement[] {
  const stack: OpenElement[] = [];
  const at: TagStart = { line: 1, column: 1, start: 0, attributes: {} };
  parser.on('opentagstart', (tag) => {
    at.line = parser.line;
    at.column = Math.max(1, parser.column - tag.name.length);
    at.start = text.lastIndexOf('<', parser.position - 1);
    at.attributes = {};
  });
  parser.on('attribute', (a) => {
    const span = attributeValueSpan(text, parser.position);
    if (span) at.attributes[a.name] = span;
  });
  parser.on('opentag', (tag) => {
    const node = newNode(tag, at, stack[stack.length - 1], parser.position);
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
  const parser = new SaxesParser({ position: true });
  parser.on('doctype', (d) => {
    facts.doctype = d.trim();
  });
  const open = readElements(parser, text, facts);
  const errors = reportFirstError(parser, file, notices);
  try {
    parser.write(text).close();
  } catch (e) {
    if (!errors()) notices.push({ kind: 'parse-error', file, detail: (e as Error).message });
  }
  for (const o of open) o.node.text = o.text.join('').trim();
  return { facts, notices };
}
