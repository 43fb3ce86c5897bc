import type { Category, Finding } from '../types.js';

export type VerdictClass = 'containerize' | 'refactor' | 'not-recommended';

export interface Blocker {
  ruleId: string;
  category: Category;
  count: number;
}

export interface Verdict {
  class: VerdictClass;
  devTestOnly: boolean; // the app only suits development and test environments as it is
  score: number; // readiness 0–100
  effortPoints: number;
  effortSize: 'XS' | 'S' | 'M' | 'L' | 'XL';
  blockers: Blocker[]; // the rules that stand between the app and the platform, worst first
  refactors: string[]; // fix ids that apply, in the order they should be done
}

// The formulas, documented in the README and shown in reports.
export const SCORE_WEIGHTS: Record<Category, number> = { mandatory: 15, optional: 6, potential: 1 };
export const NOT_RECOMMENDED_CAP = 25;
export const SCORE_SCALE = 100;
const STATE_TAGS = ['session', 'state', 'local-files'];
const REFACTOR_ORDER = ['session-serializable', 'session-store', 'local-files', 'externalize-config', 'logs'];
const CATEGORY_RANK: Record<Category, number> = { mandatory: 0, optional: 1, potential: 2 };

/** A finding in code that ships and runs in the deployed app: only these count in verdicts, scores and fixes. */
export const inDeployedApp = (f: Finding) => !f.scope;

/** Repeats of one rule weigh less than new rules: the same fix covers them (1 + log2 n). */
export const repeatFactor = (n: number) => 1 + Math.log2(n);

export function effortSize(points: number): Verdict['effortSize'] {
  return points <= 3 ? 'XS' : points <= 8 ? 'S' : points <= 21 ? 'M' : points <= 55 ? 'L' : 'XL';
}

/**
 * The platform team's four classes: stateless apps containerize now; stateful ones refactor first;
 * apps that are (or embed) a database, broker or cache are not recommended; dev/test-only is a note.
 */
export function judge(findings: Finding[]): Verdict {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = byRule.get(f.ruleId);
    if (group) group.push(f);
    else byRule.set(f.ruleId, [f]);
  }

  let penalty = 0;
  let effort = 0;
  for (const group of byRule.values()) {
    const k = repeatFactor(group.length);
    penalty += SCORE_WEIGHTS[group[0].category] * k;
    effort += group[0].effort * k;
  }

  const counts = (pred: (f: Finding) => boolean) => findings.some(pred);
  const middleware = counts((f) => f.tags.includes('stateful-middleware') && f.category === 'mandatory');
  const stateful = counts((f) => f.category !== 'potential' && f.tags.some((t) => STATE_TAGS.includes(t)));
  const cls: VerdictClass = middleware ? 'not-recommended' : stateful ? 'refactor' : 'containerize';

  // saturates instead of hitting zero: a long tail of small findings never hides the difference between apps
  let score = Math.round(100 * Math.exp(-penalty / SCORE_SCALE));
  if (cls === 'not-recommended') score = Math.min(score, NOT_RECOMMENDED_CAP);

  const blockers = [...byRule.values()]
    .filter((g) => g[0].category !== 'potential')
    .map((g) => ({ ruleId: g[0].ruleId, category: g[0].category, count: g.length }))
    .sort(
      (a, b) =>
        CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1),
    );

  const fixes = new Set(findings.filter((f) => f.fix && f.category !== 'potential').map((f) => f.fix!));
  const refactors = [
    ...REFACTOR_ORDER.filter((r) => fixes.has(r)),
    ...[...fixes].filter((r) => !REFACTOR_ORDER.includes(r)).sort(),
  ];

  return {
    class: cls,
    devTestOnly: counts((f) => f.tags.includes('dev-test')),
    score,
    effortPoints: Math.round(effort),
    effortSize: effortSize(effort),
    blockers,
    refactors,
  };
}
