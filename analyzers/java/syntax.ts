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

const MODIFIER_WORDS = new Set([
  'public',
  'protected',
  'private',
  'abstract',
  'static',
  'final',
  'strictfp',
  'transient',
  'volatile',
  'synchronized',
  'native',
  'default',
  'sealed',
  'non-sealed',
]);

// what a declaration's modifiers are made of: blanks, comments, annotations (their arguments are skipped apart), words
const MODIFIER_TOKEN =
  /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|@\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)|non-sealed|[\w$]+/y;

/** Past the parentheses that open at `i` (after blanks), with the strings, characters and comments inside them. */
function skipArguments(src: string, i: number): number {
  let at = i;
  while (at < src.length && /\s/.test(src[at])) at++;
  if (src[at] !== '(') return i;
  let depth = 0;
  const skip = /"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[()]|[^"'/()]+|\//y;
  while (at < src.length) {
    skip.lastIndex = at;
    const m = skip.exec(src);
    if (!m) return src.length;
    at = skip.lastIndex;
    if (m[0] === '(') depth++;
    else if (m[0] === ')' && --depth === 0) return at;
  }
  return at;
}

/**
 * The modifier words (`static`, `final`) and the annotation names of the declaration that starts at `start`, read from
 * the source: modifiers come first in a declaration, and reading them from the text takes no call into the parser.
 */
export function leadingModifiers(src: string, start: number): { words: Set<string>; annotations: string[] } {
  const words = new Set<string>();
  const annotations: string[] = [];
  for (let i = start; i < src.length;) {
    MODIFIER_TOKEN.lastIndex = i;
    const m = MODIFIER_TOKEN.exec(src);
    if (!m) break;
    const token = m[0];
    if (m[1] !== undefined) {
      if (m[1] === 'interface') break; // `@interface`: an annotation type's keyword
      annotations.push(m[1]);
      i = skipArguments(src, MODIFIER_TOKEN.lastIndex);
      continue;
    }
    if (!/^[\s/]/.test(token)) {
      if (!MODIFIER_WORDS.has(token)) break;
      words.add(token);
    }
    i = MODIFIER_TOKEN.lastIndex;
  }
  return { words, annotations };
}

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
  return list ? argsIn(src, list) : [];
}

/** The arguments in an argument list. */
export function argsIn(src: string, list: Node): Arg[] {
  const args: Arg[] = [];
  for (const c of list.namedChildren) {
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
