import type { Node } from 'web-tree-sitter';
import type { Location } from '../types.js';

/** Where a node starts, 1-based. */
export const at = (n: Node): Location => ({ line: n.startPosition.row + 1, column: n.startPosition.column + 1 });

function modifiersOf(n: Node): Node | undefined {
  for (const c of n.children) if (c?.type === 'modifiers') return c;
  return undefined;
}

export function hasModifier(n: Node, word: string): boolean {
  const m = modifiersOf(n);
  if (!m) return false;
  for (const c of m.children) if (c?.type === word) return true;
  return false;
}

export function annotationNames(n: Node): string[] {
  const m = modifiersOf(n);
  if (!m) return [];
  const names: string[] = [];
  for (const c of m.namedChildren) {
    if (c && (c.type === 'annotation' || c.type === 'marker_annotation')) {
      const name = c.childForFieldName('name')?.text;
      if (name) names.push(name);
    }
  }
  return names;
}

/** The arguments of a call or an object creation, without the comments between them. */
export function argNodes(n: Node): Node[] {
  const args = n.childForFieldName('arguments');
  if (!args) return [];
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment');
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
