import type { Node } from 'web-tree-sitter';
import { rawType } from '../../analyzers/java/syntax.js';
import { notSerializableLibraryType } from '../../analyzers/java/library-types.js';
import { isSerializable, resolveTypeName, type ProjectIndex } from '../../analyzers/java/type-index.js';
import { nodeAt, withTree } from '../edit/java-source.js';
import { indentAt, indentUnit } from '../edit/lines.js';
import type { TextEdit } from '../edit/text-edit.js';
import { withEol, type TextFile } from '../edit/text-file.js';
import type { Fix, FixContext } from '../types.js';

function typeNamesIn(type: string): string[] {
  return type.split(/[<>,\s[\]?]+/).filter((t) => /^[A-Za-z_$][\w$.]*$/.test(t) && !['extends', 'super'].includes(t));
}

/**
 * The project classes to make Serializable: those stored in the session, the project classes their
 * fields hold (and their project superclasses), so that the whole graph serializes.
 */
export function serializableTargets(seeds: string[], index: ProjectIndex): { targets: string[]; problems: string[] } {
  const targets = new Set<string>();
  const problems: string[] = [];
  const queue = [...seeds];
  while (queue.length) {
    const q = queue.shift()!;
    const entry = index.byQualified.get(q);
    if (!entry || targets.has(q) || entry.decl.kind === 'interface' || entry.decl.kind === 'annotation') continue;
    if (isSerializable(q, index) !== true) targets.add(q);
    if (entry.decl.extends) {
      for (const s of resolveTypeName(entry.decl.extends, entry.file, index))
        if (index.byQualified.has(s)) queue.push(s);
    }
    const fields = entry.file.fields.filter((f) => f.owner === entry.decl.name && !f.isStatic);
    for (const field of fields) {
      for (const name of typeNamesIn(field.type)) {
        for (const t of resolveTypeName(name, entry.file, index)) {
          if (index.byQualified.has(t)) queue.push(t);
          else if (notSerializableLibraryType(t))
            problems.push(
              `${entry.file.file}:${field.line}: field ${field.name} of ${entry.decl.name} is a ${rawType(field.type)}, which cannot be serialized: make it transient and rebuild it after deserialization, or keep it out of the session`,
            );
        }
      }
    }
  }
  return { targets: [...targets], problems };
}

/** `implements java.io.Serializable`, added to the interfaces the class has or after its name and superclass. */
function implementsEdit(decl: Node): TextEdit | undefined {
  const list = decl.childForFieldName('interfaces')?.namedChildren.find((c) => c?.type === 'type_list');
  if (list?.namedChildren.some((t) => /^(java\.io\.)?Serializable$/.test(t?.text ?? ''))) return undefined;
  if (list) return { start: list.endIndex, end: list.endIndex, text: ', java.io.Serializable' };
  const after =
    decl.childForFieldName('superclass') ??
    decl.childForFieldName('type_parameters') ??
    decl.childForFieldName('name')!;
  return { start: after.endIndex, end: after.endIndex, text: ' implements java.io.Serializable' };
}

/** A serialVersionUID as the first member, indented like the members, unless the class has one. */
function serialVersionEdit(file: TextFile, decl: Node): TextEdit | undefined {
  const body = decl.childForFieldName('body')!;
  const members = body.namedChildren;
  if (members.some((m) => m?.type === 'field_declaration' && /\bserialVersionUID\b/.test(m.text))) return undefined;
  const first = members.find((m) => m && m.type !== 'line_comment' && m.type !== 'block_comment');
  const indent = first
    ? indentAt(file.text, first.startIndex)
    : indentAt(file.text, decl.startIndex) + indentUnit(file.text);
  const line = `\n${indent}private static final long serialVersionUID = 1L;${first ? '\n' : ''}`;
  return { start: body.startIndex + 1, end: body.startIndex + 1, text: withEol(file, line) };
}

/** Makes one project class Serializable, found where the analyzers placed its declaration; whether it changed. */
function makeSerializable(ctx: FixContext, qualified: string): boolean {
  const entry = ctx.index.byQualified.get(qualified)!;
  const rel = entry.file.file;
  const file = ctx.ws.read(rel);
  const offset = ctx.ws.locate(rel, entry.decl);
  if (!file || offset === undefined) return false;
  const edits = withTree(ctx.java, file.text, (root) => {
    const decl = nodeAt(root, offset, ['class_declaration']);
    return decl ? [implementsEdit(decl), serialVersionEdit(file, decl)].filter((e): e is TextEdit => !!e) : [];
  });
  return ctx.ws.edit(rel, file, edits);
}

export const serializableFix: Fix = {
  kind: 'session-serializable',
  options: [],
  resolves: ['session-attribute-not-serializable'],
  run(ctx) {
    const seeds = ctx.findings.map((f) => f.matched.detail).filter((d): d is string => !!d);
    const { targets, problems } = serializableTargets([...new Set(seeds)], ctx.index);
    const done = targets
      .sort()
      .filter((q) => makeSerializable(ctx, q))
      .map((q) => ctx.index.byQualified.get(q)!.decl.name);
    return {
      kind: 'session-serializable',
      message: `Make session attributes Serializable\n\n${done.length ? `${done.join(', ')} now implement${done.length === 1 ? 's' : ''} java.io.Serializable with a serialVersionUID` : 'Nothing to change'}: an external session store (Redis, Memcached) serializes every attribute, and a class that cannot be serialized loses the user's session on the next request.`,
      left: problems,
    };
  },
};
