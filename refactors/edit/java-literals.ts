import path from 'node:path';
import type { JavaFacts } from '../../analyzers/types.js';
import { applyEdits, descendants, withTree, type TextEdit } from './java-source.js';
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

export interface LiteralTarget {
  raw: string; // the literal's content as written, without quotes
  exact: boolean; // the whole literal, or any literal that contains it
  secret: boolean; // no default in the code
  kind: string; // the name's suffix when no field names it: JDBC_URL, PASSWORD, DIR
}

export interface Replaced {
  name: string;
  value: string;
  secret: boolean;
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
    const literals = descendants(root, ['string_literal']);
    for (const t of targets) {
      for (const lit of literals.filter((l) =>
        t.exact ? l.text.slice(1, -1) === t.raw : l.text.slice(1, -1).includes(t.raw),
      )) {
        if (out.some((e) => e.start === lit.startIndex)) continue;
        const value = lit.text.slice(1, -1).replace(/\\(["\\])/g, '$1');
        const field =
          lit.parent?.type === 'variable_declarator' ? lit.parent.childForFieldName('name')?.text : undefined;
        let name = field ? envName(field) : envName(owner, t.kind);
        while (
          ctx.record.env.some((e) => e.name === name && envValue(ctx.record, e) !== value) ||
          replaced.some((r) => r.name === name && r.value !== value)
        )
          name = `${name}_2`;
        out.push({
          start: lit.startIndex,
          end: lit.endIndex,
          text: t.secret ? `${helper}.get("${name}")` : `${helper}.get("${name}", ${lit.text})`,
        });
        replaced.push({ name, value, secret: t.secret });
      }
    }
    return out;
  });
  if (edits.length) ctx.ws.write(facts.file, current, applyEdits(current.text, edits));
  return replaced;
}
