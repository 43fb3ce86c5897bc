import type { Language, Node } from 'web-tree-sitter';
import type { Location } from '../types.js';

const fieldIds = new WeakMap<Language, Map<string, number | null>>();

/**
 * The child in a field, as `childForFieldName` finds it, by the field's number: the name is looked up once per
 * language, not in the list of field names at every call (millions on a large tree).
 */
export function fieldNode(n: Node | null | undefined, name: string): Node | null {
  if (!n) return null;
  const language = n.tree.language;
  let ids = fieldIds.get(language);
  if (!ids) fieldIds.set(language, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) ids.set(name, (id = language.fieldIdForName(name)));
  return id === null ? null : n.childForFieldId(id);
}

/** Where a node starts, 1-based. */
export const at = (n: Node): Location => ({ line: n.startPosition.row + 1, column: n.startPosition.column + 1 });

/** The modifiers of a declaration: its first child, unless something comes before them (then any child). */
function modifiersOf(n: Node): Node | undefined {
  const first = n.child(0);
  if (first?.type === 'modifiers') return first;
  for (const c of n.children) if (c?.type === 'modifiers') return c;
  return undefined;
}

/** The modifier words of a declaration (`static`, `final`) and the names of its annotations, in one pass. */
export function modifiers(n: Node): { words: Set<string>; annotations: string[] } {
  const words = new Set<string>();
  const annotations: string[] = [];
  const m = modifiersOf(n);
  for (const c of m?.children ?? []) {
    const type = c?.type;
    if (type === 'annotation' || type === 'marker_annotation') {
      const name = fieldNode(c, 'name')?.text;
      if (name) annotations.push(name);
    } else if (type) words.add(type);
  }
  return { words, annotations };
}

export const annotationNames = (n: Node): string[] => modifiers(n).annotations;

/**
 * A node's text, sliced from the source the tree was parsed from. Each property of a node read from the tree is a call
 * into the parser's WebAssembly (the start is not: it comes with the node), so the hot paths read the end once and
 * tell what they can from the text.
 */
export const textOf = (src: string, n: Node): string => src.slice(n.startIndex, n.endIndex);

/** An argument of a call or an object creation, with its text. */
export interface Arg {
  node: Node;
  text: string;
}

/** The arguments of a call or an object creation, without the comments between them (which only comments start so). */
export function argsOf(src: string, n: Node): Arg[] {
  const list = fieldNode(n, 'arguments');
  const args: Arg[] = [];
  for (const c of list?.namedChildren ?? []) {
    if (!c) continue;
    const text = textOf(src, c);
    if (!text.startsWith('//') && !text.startsWith('/*')) args.push({ node: c, text });
  }
  return args;
}

/** Strips generics and array brackets: `Map<String, User>[]` → `Map`. */
export function rawType(t: string): string {
  const lt = t.indexOf('<');
  return (lt >= 0 ? t.slice(0, lt) : t)
    .replace(/\[\s*\]/g, '')
    .replace(/^@\S+\s+/, '')
    .trim();
}

/** The contents of a string literal or text block, escapes left as written. */
export function stringValue(text: string): string {
  if (text.startsWith('"""')) return text.slice(3, -3);
  return text.slice(1, -1);
}
