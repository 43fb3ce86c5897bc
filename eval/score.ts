import type { Finding } from '../analyzers/types.js';
import type { VerdictClass } from '../analyzers/assess/verdict.js';
import { concernOfRule, CONCERNS, type Concern } from './concerns.js';
import type { AppLabels, LabelLine } from './labels.js';

// a statement over two lines is reported on its first; a label may name either
const LINE_SLACK = 1;

export interface Tally {
  must: number;
  found: number; // must lines a counted finding reports
  tp: number; // counted findings on a must line
  fp: number; // counted findings on a mustNot line
  unjudged: number; // counted findings on lines no label names
}

export interface AppScore {
  app: string;
  verdict: { expected: VerdictClass; actual: VerdictClass };
  total: Tally;
  byConcern: Record<Concern, Tally>;
  misses: LabelLine[];
  noise: { label: LabelLine; finding: Finding }[];
  unjudged: Finding[];
}

export const emptyTally = (): Tally => ({ must: 0, found: 0, tp: 0, fp: 0, unjudged: 0 });

export function addTally(a: Tally, b: Tally): Tally {
  return {
    must: a.must + b.must,
    found: a.found + b.found,
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    unjudged: a.unjudged + b.unjudged,
  };
}

export const recall = (t: Tally) => (t.must ? t.found / t.must : undefined);
export const precision = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : undefined);

const on = (l: LabelLine, f: Finding, c: Concern | undefined) =>
  l.file === f.file && l.concern === c && Math.abs(l.line - f.line) <= LINE_SLACK;

/**
 * Findings against hand labels. Only findings that count (in the deployed app) are judged: one outside it on a
 * mustNot line is right, one on a must line does not find it.
 */
export function scoreApp(labels: AppLabels, findings: Finding[], verdict: VerdictClass): AppScore {
  const byConcern = Object.fromEntries(CONCERNS.map((c) => [c, emptyTally()])) as Record<Concern, Tally>;
  const counted = findings.filter((f) => !f.scope).map((f) => ({ f, c: concernOfRule(f.ruleId, f.tags) }));
  const misses: LabelLine[] = [];
  for (const l of labels.must) {
    byConcern[l.concern].must++;
    if (counted.some(({ f, c }) => on(l, f, c))) byConcern[l.concern].found++;
    else misses.push(l);
  }
  const noise: AppScore['noise'] = [];
  const unjudged: Finding[] = [];
  for (const { f, c } of counted) {
    if (!c) continue;
    const bad = labels.mustNot.find((l) => on(l, f, c));
    if (labels.must.some((l) => on(l, f, c))) byConcern[c].tp++;
    else if (bad) {
      byConcern[c].fp++;
      noise.push({ label: bad, finding: f });
    } else {
      byConcern[c].unjudged++;
      unjudged.push(f);
    }
  }
  return {
    app: labels.app,
    verdict: { expected: labels.verdict, actual: verdict },
    total: Object.values(byConcern).reduce(addTally, emptyTally()),
    byConcern,
    misses,
    noise,
    unjudged,
  };
}
