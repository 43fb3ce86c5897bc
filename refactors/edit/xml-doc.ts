import { lineStarts, offsetAt } from '../../analyzers/config/spans.js';
import { extractXmlFacts, type XmlDocument, type XmlNode } from '../../analyzers/config/xml.js';
import type { Location } from '../../analyzers/types.js';
import { indentAt, lineInsertion } from './lines.js';
import type { TextEdit } from './text-edit.js';
import type { TextFile } from './text-file.js';
import type { Workspace } from '../workspace.js';

/** An XML file of the workspace as it is now, parsed with the analyzers' model. */
export interface XmlFile {
  rel: string;
  file: TextFile;
  doc: XmlDocument;
}

export function readXml(ws: Workspace, rel: string): XmlFile | undefined {
  const file = ws.read(rel);
  return file && { rel, file, doc: extractXmlFacts(rel, file.text).facts };
}

/** The element the analyzers placed at a location of the file as it was assessed (a finding's), where it is now. */
export function elementAt(ws: Workspace, x: XmlFile, at: Location): XmlNode | undefined {
  const offset = ws.locate(x.rel, at);
  if (offset === undefined) return undefined;
  const starts = lineStarts(x.file.text);
  return x.doc.elements.find((e) => offsetAt(starts, e.line, e.column) === offset);
}

/** Elements with one of these names (local names), in document order. */
export const elementsNamed = (x: XmlFile, ...names: string[]): XmlNode[] =>
  x.doc.elements.filter((e) => names.includes(e.name));

/** The elements inside an element, at any depth, in document order. */
export function descendantsOf(x: XmlFile, el: XmlNode): XmlNode[] {
  const i = x.doc.elements.indexOf(el);
  const out: XmlNode[] = [];
  for (let j = i + 1; j < x.doc.elements.length && x.doc.elements[j].spans.start < el.spans.end; j++)
    out.push(x.doc.elements[j]);
  return out;
}

/** The elements an element is inside, the nearest first. */
export function ancestorsOf(x: XmlFile, el: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (let p = el.parent; p >= 0; p = x.doc.elements[p].parent) out.push(x.doc.elements[p]);
  return out;
}

/** Escapes a value for an XML attribute. */
export const xmlAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Replaces the value of an attribute the element has (the text between its quotes) with a value, escaped. */
export function attributeEdit(el: XmlNode, name: string, value: string): TextEdit | undefined {
  const span = el.spans.attributes[name];
  return span && { ...span, text: xmlAttr(value) };
}

/** Replaces what is between an element's tags. */
export function contentEdit(el: XmlNode, text: string): TextEdit | undefined {
  return el.spans.text && { ...el.spans.text, text };
}

/** The text between an element's tags, as written. */
export const contentOf = (x: XmlFile, el: XmlNode) =>
  el.spans.text ? x.file.text.slice(el.spans.text.start, el.spans.text.end) : '';

/** Lines added as the last children of an element, with this indentation; a self-closing element gets a closing tag. */
export function appendChildren(x: XmlFile, el: XmlNode, lines: string[], indent: string): TextEdit {
  if (el.spans.text) return lineInsertion(x.file, el.spans.text.end, lines, indent);
  const own = indentAt(x.file.text, el.spans.start);
  const slash = x.file.text.lastIndexOf('/', el.spans.end - 1);
  const block = ['>', ...lines.map((l) => indent + l), `${own}</${el.qname}>`].join(x.file.eol);
  return { start: slash, end: el.spans.end, text: block };
}
