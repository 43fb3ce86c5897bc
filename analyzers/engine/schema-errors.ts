import type { ErrorObject } from 'ajv';

// An error inside one alternative of a oneOf only says that alternative does not apply; the summary of the
// alternatives says little more. Shown only when nothing more specific is wrong.
const SUMMARY = new Set(['oneOf', 'anyOf']);
const inAlternative = (e: ErrorObject) => /\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath);

function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const direct = errors.filter((e) => !inAlternative(e));
  const specific = direct.filter((e) => !SUMMARY.has(e.keyword));
  return specific.length ? specific : direct.length ? direct : errors;
}

/** The value at a JSON pointer. */
function valueAt(data: unknown, pointer: string): unknown {
  const steps = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return steps.reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], data);
}

/** The keys of a oneOf whose alternatives each require one key (a condition: one key of a condition module each). */
function requiredKeys(alternatives: unknown): string[] {
  if (!Array.isArray(alternatives)) return [];
  const keys = alternatives.map((a) => (a as { required?: unknown[] } | null)?.required);
  return keys.every((k) => k?.length === 1 && typeof k[0] === 'string') ? keys.map((k) => k![0] as string) : [];
}

/** One schema error in words: which rule, where in it, what is wrong. */
function describe(e: ErrorObject, data: unknown): string {
  const [, index, ...rest] = e.instancePath.split('/');
  const rule = Array.isArray(data) && /^\d+$/.test(index ?? '') ? data[Number(index)] : undefined;
  const id = rule && typeof rule === 'object' && typeof rule.id === 'string' ? rule.id : `#${Number(index) + 1}`;
  const where = rule === undefined ? e.instancePath || '/' : `rule ${id}${rest.length ? `: /${rest.join('/')}` : ''}`;
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  const node = valueAt(data, e.instancePath);
  const all = e.keyword === 'oneOf' ? requiredKeys(e.schema) : [];
  if (all.length && node && typeof node === 'object' && !Array.isArray(node)) {
    const keys = Object.keys(node).filter((k) => all.includes(k));
    return `${where}: a condition has exactly one of the keys ${all.join(', ')}; this one has ${keys.join(', ') || 'none'}`;
  }
  return `${where}: ${e.message}`;
}

/** The first few schema errors of a rule pack, in words. */
export function schemaErrors(errors: ErrorObject[], data: unknown): string {
  return [...new Set(mostSpecific(errors).map((e) => describe(e, data)))].slice(0, 3).join('; ');
}
