import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { JavaFacts, Location } from '../../analyzers/types.js';
import { callAt, descendants, literalValue, nodeAt, withTree } from './java-source.js';
import type { TextEdit } from './text-edit.js';
import { envValue } from '../record.js';
import type { FixContext } from '../types.js';

/** ENV_STYLE names: mailSender.password → MAIL_SENDER_PASSWORD. */
export function envName(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** String literals to rewrite: those of the node a rule matched (a literal, a field, a call) that hold a value. */
export interface LiteralTarget {
  at: Location; // where the analyzers found the node, in the file as it was assessed
  raw: string; // the value as written, without quotes
  exact: boolean; // the whole literal, or any literal that contains it
  secret: boolean; // no default in the code
  kind: string; // the name's suffix when no field names it: JDBC_URL, PASSWORD, DIR
}

export interface Replaced {
  name: string;
  value: string;
  secret: boolean;
}

/** The string literals a rule matched: the literal itself, or those of the field or call it found. */
function literalsAt(root: Node, offset: number): Node[] {
  const node = nodeAt(root, offset, ['string_literal', 'variable_declarator']) ?? callAt(root, offset);
  if (!node) return [];
  return node.type === 'string_literal' ? [node] : descendants(node, ['string_literal']);
}

/** A field's literal is named after the field, any other after its class and kind; a name another value has gets _2. */
function variableName(ctx: FixContext, lit: Node, owner: string, kind: string, replaced: Replaced[]): string {
  const value = literalValue(lit);
  const field = lit.parent?.type === 'variable_declarator' ? lit.parent.childForFieldName('name')?.text : undefined;
  let name = field ? envName(field) : envName(owner, kind);
  while (
    ctx.record.env.some((e) => e.name === name && envValue(ctx.record, e) !== value) ||
    replaced.some((r) => r.name === name && r.value !== value)
  )
    name = `${name}_2`;
  return name;
}

/**
 * Rewrites string literals into AppEnv.get("NAME", "old value") (secrets: AppEnv.get("NAME")).
 * A literal that initializes a field is named after the field; others after their class and kind.
 */
export function replaceJavaLiterals(
  ctx: FixContext,
  facts: JavaFacts,
  targets: LiteralTarget[],
  helper: string,
): Replaced[] {
  const current = ctx.ws.read(facts.file);
  if (!current) return [];
  const owner = facts.types[0]?.name ?? path.posix.basename(facts.file, '.java');
  const replaced: Replaced[] = [];
  const edits = withTree(ctx.java, current.text, (root) => {
    const out: TextEdit[] = [];
    for (const t of targets) {
      const offset = ctx.ws.locate(facts.file, t.at);
      const hit = (l: Node) => (t.exact ? l.text.slice(1, -1) === t.raw : l.text.slice(1, -1).includes(t.raw));
      for (const lit of offset === undefined ? [] : literalsAt(root, offset).filter(hit)) {
        if (out.some((e) => e.start === lit.startIndex)) continue;
        const name = variableName(ctx, lit, owner, t.kind, replaced);
        const call = t.secret ? `${helper}.get("${name}")` : `${helper}.get("${name}", ${lit.text})`;
        out.push({ start: lit.startIndex, end: lit.endIndex, text: call });
        replaced.push({ name, value: literalValue(lit), secret: t.secret });
      }
    }
    return out;
  });
  ctx.ws.edit(facts.file, current, edits);
  return replaced;
}
