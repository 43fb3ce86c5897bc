import { rawType } from '../../analyzers/java/extract.js';
import { isSerializable, resolveTypeName, type ProjectIndex } from '../../analyzers/java/type-index.js';
import { withEol } from '../edit/text-file.js';
import { applyEdits, descendants, indentAt, indentUnit, withTree, type TextEdit } from '../edit/java-source.js';
import type { Fix, FixContext } from '../types.js';

// Library types that are never serializable: a field of one of these breaks the session store.
const NOT_SERIALIZABLE =
  /^(java\.sql\.(Connection|Statement|PreparedStatement|ResultSet)|java\.io\.(InputStream|OutputStream|Reader|Writer|File\w*Stream)|java\.lang\.Thread|java\.net\.Socket|javax\.sql\.DataSource|(javax|jakarta)\.servlet\.(http\.)?\w+|java\.util\.logging\.Logger|org\.slf4j\.Logger|org\.apache\.log4j\.Logger|org\.apache\.commons\.logging\.Log)$/;

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
          else if (NOT_SERIALIZABLE.test(t))
            problems.push(
              `${entry.file.file}:${field.line}: field ${field.name} of ${entry.decl.name} is a ${rawType(field.type)}, which cannot be serialized: make it transient and rebuild it after deserialization, or keep it out of the session`,
            );
        }
      }
    }
  }
  return { targets: [...targets], problems };
}

export const serializableFix: Fix = {
  kind: 'session-serializable',
  run(ctx: FixContext) {
    const seeds = ctx.assessment.findings
      .filter((f) => f.ruleId === 'session-attribute-not-serializable')
      .map((f) => f.matched.detail)
      .filter((d): d is string => !!d);
    const { targets, problems } = serializableTargets([...new Set(seeds)], ctx.index);
    const done: string[] = [];
    for (const q of targets.sort()) {
      const entry = ctx.index.byQualified.get(q)!;
      const file = ctx.ws.read(entry.file.file);
      if (!file) continue;
      const edits = withTree(ctx.java, file.text, (root) => {
        const decl = descendants(root, ['class_declaration']).find(
          (n) => n.childForFieldName('name')?.text === entry.decl.name,
        );
        if (!decl) return [];
        const out: TextEdit[] = [];
        const ifaces = decl.childForFieldName('interfaces');
        const list = ifaces?.namedChildren.find((c) => c?.type === 'type_list');
        const already = list?.namedChildren.some((t) => /^(java\.io\.)?Serializable$/.test(t?.text ?? ''));
        if (list && !already) out.push({ start: list.endIndex, end: list.endIndex, text: ', java.io.Serializable' });
        else if (!list) {
          const after =
            decl.childForFieldName('superclass') ??
            decl.childForFieldName('type_parameters') ??
            decl.childForFieldName('name')!;
          out.push({ start: after.endIndex, end: after.endIndex, text: ' implements java.io.Serializable' });
        }
        const body = decl.childForFieldName('body')!;
        const hasUid = body.namedChildren.some(
          (m) => m?.type === 'field_declaration' && /\bserialVersionUID\b/.test(m.text),
        );
        if (!hasUid) {
          const first = body.namedChildren.find((m) => m && m.type !== 'line_comment' && m.type !== 'block_comment');
          const indent = first
            ? indentAt(file.text, first.startIndex)
            : indentAt(file.text, decl.startIndex) + indentUnit(file.text);
          out.push({
            start: body.startIndex + 1,
            end: body.startIndex + 1,
            text: withEol(file, `\n${indent}private static final long serialVersionUID = 1L;${first ? '\n' : ''}`),
          });
        }
        return out;
      });
      if (edits.length) {
        ctx.ws.write(entry.file.file, file, applyEdits(file.text, edits));
        done.push(entry.decl.name);
      }
    }
    return {
      kind: 'session-serializable',
      message: `Make session attributes Serializable\n\n${done.length ? `${done.join(', ')} now implement${done.length === 1 ? 's' : ''} java.io.Serializable with a serialVersionUID` : 'Nothing to change'}: an external session store (Redis, Memcached) serializes every attribute, and a class that cannot be serialized loses the user's session on the next request.`,
      left: problems,
    };
  },
};
