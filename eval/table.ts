import { CONCERNS } from './concerns.js';
import { addTally, emptyTally, precision, recall, type AppScore, type Tally } from './score.js';

const pct = (x: number | undefined) => (x === undefined ? '–' : `${Math.round(x * 100)} %`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const tallyCells = (t: Tally) => [
  pct(recall(t)),
  `${t.found}/${t.must}`,
  pct(precision(t)),
  `${t.tp}/${t.tp + t.fp}`,
  t.unjudged,
];
const HEAD = ['recall', 'found', 'precision', 'right', 'unjudged'];

/** Per app, per concern and overall, as Markdown tables. */
export function scoreTables(scores: AppScore[]): string {
  const out = [row(['app', 'verdict (expected → actual)', ...HEAD]), row(Array(7).fill('---'))];
  for (const s of scores) {
    const v =
      s.verdict.expected === s.verdict.actual
        ? `${s.verdict.actual} ✓`
        : `${s.verdict.expected} → ${s.verdict.actual} ✗`;
    out.push(row([s.app, v, ...tallyCells(s.total)]));
  }
  const all = scores.reduce((t, s) => addTally(t, s.total), emptyTally());
  const right = scores.filter((s) => s.verdict.expected === s.verdict.actual).length;
  out.push(row(['**all**', `${right}/${scores.length} right`, ...tallyCells(all)]));
  out.push('', row(['concern', ...HEAD]), row(Array(6).fill('---')));
  for (const c of CONCERNS) {
    const t = scores.reduce((acc, s) => addTally(acc, s.byConcern[c]), emptyTally());
    out.push(row([c, ...tallyCells(t)]));
  }
  return out.join('\n') + '\n';
}

/** What to read when a number is low: the misses, the noise and the findings no label judges. */
export function scoreDetails(s: AppScore): string {
  const out = [`## ${s.app}`];
  for (const m of s.misses) out.push(`  missed  ${m.concern.padEnd(8)} ${m.file}:${m.line}  ${m.what}`);
  for (const n of s.noise)
    out.push(
      `  noise   ${n.label.concern.padEnd(8)} ${n.finding.file}:${n.finding.line} ${n.finding.ruleId}  (${n.label.what})`,
    );
  for (const f of s.unjudged) out.push(`  unjudged ${f.ruleId} ${f.file}:${f.line}  ${f.snippet.slice(0, 80)}`);
  return out.join('\n') + '\n';
}
