import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { JavaFacts, Location } from '../../analyzers/types.js';
import { callAt, descendants, literalValue, nodeAt, withTree } from './java-source.js';
import type { TextEdit } from './text-edit.js';
import { chooseEnvName } from './env-names.js';
import type { FixContext } from '../types.js';

/** String literals to rewrite: those of the node a rule matched (a literal, a field, a call) that hold a value. */
export interface LiteralTarget {
  at: Location; // where the analyzers found the node, in the file as it was assessed
  raw: string; // the value as written, without quotes
  exact: boolean; // the whole literal, or any literal that contains it
  secret: boolean; // no default in the code
  kind: string; // the name's suffix when no field names it: JDBC_URL, PASSWORD, DIR
  onePerName?: boolean; // a literal among alternatives (an array, or one that would need NAME_2) is left for a person
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

/** The names of the class and the method (or constructor) a node is written in, innermost last. */
function enclosing(lit: Node): { type?: string; method?: string } {
  let type: string | undefined;
  let method: string | undefined;
  for (let n = lit.parent; n; n = n.parent) {
    const name = n.childForFieldName('name')?.text;
    if (!method && (n.type === 'method_declaration' || n.type === 'constructor_declaration')) method = name;
    if (!type && /^(class|interface|enum|record)_declaration$/.test(n.type)) type = name;
  }
  return { type, method };
}

/**
 * A field's literal is named after the field, any other after its kind; either is qualified by its class, then its
 * method, when the name alone is generic or reserved or already stands for another value (see chooseEnvName).
 */
function variableName(ctx: FixContext, lit: Node, owner: string, t: LiteralTarget, replaced: Replaced[]) {
  const field = lit.parent?.type === 'variable_declarator' ? lit.parent.childForFieldName('name')?.text : undefined;
  const { type = owner, method } = enclosing(lit);
  const qualifiers = method ? [[type], [type, method]] : [[type]];
  const value = literalValue(lit);
  return chooseEnvName(ctx.record, replaced, { parts: [field ?? t.kind], qualifiers, value, numbered: !t.onePerName });
}

const fieldOf = (lit: Node) =>
  lit.parent?.type === 'variable_declarator' && lit.parent.parent?.type === 'field_declaration'
    ? lit.parent.childForFieldName('name')?.text
    : undefined;

// a variable whose name says it holds an XML or SOAP namespace or action: an identifier, the same everywhere
const isNamespaceName = (name: string) => /namespace|xmlns|soap_?action/i.test(name) || /(^|_)NS$|[a-z]Ns$/.test(name);

/**
 * Why a literal stays in the code, if it does: it is an annotation's value or a case label, or the field it
 * initializes is named in an annotation somewhere in the project (`@XmlRootElement(namespace = NS)`): these must be
 * compile-time constants; or the variable it initializes holds a namespace, an identifier.
 */
function constantUse(ctx: FixContext, lit: Node): string | undefined {
  for (let n = lit.parent; n && !/(_declaration|_body|block|program)$/.test(n.type); n = n.parent) {
    if (n.type === 'annotation') return `it is a value of ${n.text.split('(')[0]}, which must be a constant`;
    if (n.type === 'switch_label') return 'it is a case label, which must be a constant';
  }
  if (enclosing(lit).method === 'main')
    return 'a value in a main() method, which the web application does not run: left as it is';
  const declared = lit.parent?.type === 'variable_declarator' ? lit.parent.childForFieldName('name')?.text : undefined;
  if (declared && isNamespaceName(declared)) return `it is ${declared}, an XML or SOAP identifier, not configuration`;
  const field = fieldOf(lit);
  const word = field && new RegExp(`\\b${field}\\b`);
  const annotation =
    word &&
    ctx.project.files.flatMap((f) => (f.kind === 'java' ? f.annotations : [])).find((a) => word.test(a.args ?? ''));
  return annotation
    ? `it is ${field}, named in @${annotation.name}${annotation.args ?? ''}, which must be a constant`
    : undefined;
}

/**
 * Rewrites string literals into AppEnv.get("NAME", "old value") (secrets: AppEnv.get("NAME")).
 * A literal that initializes a field is named after the field; others after their class and kind.
 * Literals that must stay constants are kept, with a line for a person in `left`.
 */
export function replaceJavaLiterals(
  ctx: FixContext,
  facts: JavaFacts,
  targets: LiteralTarget[],
  helper: string,
  left: string[] = [],
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
        const place = `${facts.file}:${lit.startPosition.row + 1}`;
        // the same words at every place, so that a summary groups them; the value is named only where it says more
        const at = `${place}: ${t.secret ? 'a secret' : lit.text} stays in the code`;
        const constant = constantUse(ctx, lit);
        if (constant) {
          left.push(constant.startsWith('a value in') ? `${place}: ${constant}` : `${at}: ${constant}`);
          continue;
        }
        const name =
          t.onePerName && lit.parent?.type === 'array_initializer'
            ? undefined
            : variableName(ctx, lit, owner, t, replaced);
        if (!name) {
          left.push(`${place}: one of several paths tried in turn: choose one and read it from the environment`);
          continue;
        }
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
