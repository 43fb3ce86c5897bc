import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { VerdictClass } from '../analyzers/assess/verdict.js';
import { CONCERNS, type Concern } from './concerns.js';

export interface LabelLine {
  file: string;
  line: number;
  concern: Concern;
  what: string;
}

export interface AppLabels {
  app: string; // the folder under the corpus
  repo: string;
  commit: string;
  verdict: VerdictClass;
  must: LabelLine[];
  mustNot: LabelLine[];
  source: string; // the label file
}

const VERDICTS: VerdictClass[] = ['containerize', 'refactor', 'not-recommended'];

function lines(raw: unknown, where: string): LabelLine[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${where}: a list is expected`);
  return raw.map((x: Record<string, unknown>, i) => {
    const at = `${where}[${i}]`;
    if (typeof x?.file !== 'string' || !Number.isInteger(x.line) || (x.line as number) < 1)
      throw new Error(`${at}: file and a line number (1-based) are required`);
    if (!CONCERNS.includes(x.concern as Concern))
      throw new Error(`${at}: concern must be one of ${CONCERNS.join(', ')}`);
    return { file: x.file, line: x.line as number, concern: x.concern as Concern, what: String(x.what ?? '') };
  });
}

/** One label file, checked: a wrong key says which file and entry. */
export function parseLabels(text: string, source: string): AppLabels {
  const doc = parse(text) as Record<string, unknown>;
  for (const k of ['app', 'repo', 'commit'])
    if (typeof doc?.[k] !== 'string' && typeof doc?.[k] !== 'number') throw new Error(`${source}: ${k} is required`);
  if (!VERDICTS.includes(doc.verdict as VerdictClass))
    throw new Error(`${source}: verdict must be one of ${VERDICTS.join(', ')}`);
  return {
    app: String(doc.app),
    repo: String(doc.repo),
    commit: String(doc.commit),
    verdict: doc.verdict as VerdictClass,
    must: lines(doc.must, `${source}: must`),
    mustNot: lines(doc.mustNot, `${source}: mustNot`),
    source,
  };
}

export function loadLabels(dir: string): AppLabels[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseLabels(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
}
