import path from 'node:path';
import type { Finding } from '../../analyzers/types.js';
import { chooseEnvName } from '../edit/env-names.js';
import type { TextEdit } from '../edit/text-edit.js';
import { addEnv } from '../record.js';
import type { FixContext } from '../types.js';
import { springPlaceholder } from './spring-placeholders.js';

/** Spring Boot's own YAML files, whose values Spring resolves ${NAME} placeholders in. */
export const isSpringBootYaml = (ctx: FixContext, file: string) =>
  ctx.assessment.profile.springBoot && /^(application|bootstrap)(-[\w-]+)?\.ya?ml$/.test(path.posix.basename(file));

/** The keys from the top of the document down to the one on a line, by indentation (spring, datasource, password). */
function keyPath(lines: string[], index: number): string[] {
  const keyOf = (line: string) => /^(\s*)(?:-\s+)?([\w.-]+)\s*:/.exec(line);
  const own = keyOf(lines[index]);
  if (!own) return [];
  const keys = [own[2]];
  let indent = own[1].length;
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    const m = keyOf(lines[i]);
    if (m && m[1].length < indent) {
      keys.unshift(m[2]);
      indent = m[1].length;
    }
  }
  return keys.flatMap((k) => k.split('.'));
}

/** The value a finding points at on its line, as written: plain, or between quotes of either kind. */
function scalarAt(text: string, offset: number, value: string): { start: number; end: number } | undefined {
  const q = text[offset];
  if ((q === '"' || q === "'") && text.startsWith(value + q, offset + 1))
    return { start: offset, end: offset + value.length + 2 };
  if (!text.startsWith(value, offset)) return undefined;
  const rest = text.slice(offset + value.length).split(/\r?\n/)[0];
  return /^\s*(#.*)?$/.test(rest) ? { start: offset, end: offset + value.length } : undefined;
}

export function fixSpringYaml(
  ctx: FixContext,
  file: string,
  findings: Finding[],
  left: string[],
  isSecret: (f: Finding, value: string) => boolean,
): void {
  const current = ctx.ws.read(file)!;
  const lines = current.text.split('\n');
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const value = finding.matched.value;
    const offset = ctx.ws.locate(file, finding);
    const span = value !== undefined && offset !== undefined ? scalarAt(current.text, offset, value) : undefined;
    if (!span || value === undefined) {
      left.push(`${file}:${finding.line}: move this value to a \${NAME} placeholder by hand`);
      continue;
    }
    if (edits.some((e) => e.start === span.start)) continue;
    const line = current.text.slice(0, span.start).split('\n').length - 1;
    const parts = keyPath(lines, line);
    const name = chooseEnvName(ctx.record, [], { parts: parts.length ? parts : ['value'], qualifiers: [], value })!;
    const secret = isSecret(finding, value);
    const placeholder = springPlaceholder(ctx, { name, value, secret }, left, `${file}:${finding.line}`);
    // quoted, so that a default holding `: ` or ` #` stays one YAML string
    edits.push({ ...span, text: `"${placeholder.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` });
    addEnv(ctx.record, { name, value, secret, usedBy: [file] });
  }
  ctx.ws.edit(file, current, edits);
}
