import type { Node } from 'web-tree-sitter';
import type { JavaParser } from '../../analyzers/java/parser.js';

/** Runs fn on the parse tree of a Java text and frees the tree. */
export function withTree<T>(jp: JavaParser, text: string, fn: (root: Node) => T): T {
  const tree = jp.parser.parse(text);
  if (!tree) throw new Error('the Java parser gave up');
  try {
    return fn(tree.rootNode);
  } finally {
    tree.delete();
  }
}

export function descendants(root: Node, types: string[]): Node[] {
  return root.descendantsOfType(types).filter((n): n is Node => !!n);
}

/** The outermost node of one of these types that starts at an offset (where the analyzers placed a fact). */
export function nodeAt(root: Node, offset: number, types: string[]): Node | undefined {
  let found: Node | undefined;
  for (let n: Node | null = root.descendantForIndex(offset, offset + 1); n && n.startIndex >= offset; n = n.parent) {
    if (n.startIndex === offset && types.includes(n.type)) found = n;
  }
  return found;
}

/** The method call whose name starts at an offset: where the analyzers place a call. */
export function callAt(root: Node, offset: number): Node | undefined {
  const name = nodeAt(root, offset, ['identifier']);
  const call = name?.parent;
  return call?.type === 'method_invocation' && call.childForFieldName('name')?.startIndex === offset ? call : undefined;
}

/** The text of a string literal without its quotes, escaped quotes and backslashes read. */
export const literalValue = (lit: Node) => lit.text.slice(1, -1).replace(/\\(["\\])/g, '$1');
