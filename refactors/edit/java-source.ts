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

export interface TextEdit {
  start: number; // UTF-16 offsets, as tree-sitter gives them for a JavaScript string
  end: number;
  text: string;
}

/** Applies non-overlapping edits from the end, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

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
