import ejs from 'ejs';
import { readPackageFile } from '../../analyzers/read/package-files.js';
import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Category, Lang, Notice, Rule } from '../../analyzers/types.js';
import type { VerdictClass } from '../../analyzers/assess/verdict.js';
import {
  CATEGORY_LABEL,
  CONCERN_LABEL,
  CONCERNS,
  concernOf,
  noticeText,
  REFACTOR_LABEL,
  SCOPE_LABEL,
  VERDICT_EXPLAIN,
  VERDICT_LABEL,
  words,
} from './i18n.js';
import { blockerText, moduleRows, profileRows } from './summary.js';

export interface Bar {
  label: string;
  value: number;
  cls: string;
}

/** A horizontal bar chart as inline SVG: no script, no network. */
export function barChart(bars: Bar[], width = 420): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelW = 150;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = bars
    .map((b, i) => {
      const w = Math.round(((width - labelW - 40) * b.value) / max);
      const y = i * row;
      return (
        `<text x="0" y="${y + 17}" class="bar-label">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${Math.max(w, b.value ? 2 : 0)}" height="18" rx="3" class="${b.cls}"/>` +
        `<text x="${labelW + w + 6}" y="${y + 17}" class="bar-value">${b.value}</text>`
      );
    })
    .join('');
  return `<svg role="img" viewBox="0 0 ${width} ${bars.length * row}" width="${width}" height="${bars.length * row}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

const VERDICTS: VerdictClass[] = ['containerize', 'refactor', 'not-recommended'];
const CATEGORIES: Category[] = ['mandatory', 'optional', 'potential'];

/** One self-contained HTML file: portfolio table (when several apps), per-app pages, charts, filters. */
export function htmlReport(apps: Assessment[], rules: Rule[], lang: Lang = 'en', version = '0.0.0'): string {
  const template = readPackageFile('generators/reports/report-html.ejs');
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const concernChart = (a: Assessment[]) =>
    barChart(
      CONCERNS.map((c) => ({
        label: CONCERN_LABEL[lang][c],
        value: a.reduce((n, x) => n + x.findings.filter((f) => !f.scope && concernOf(f.tags) === c).length, 0),
        cls: `concern-${c}`,
      })).filter((b) => b.value > 0 || b.cls !== 'concern-other'),
    );
  return ejs.render(template, {
    lang,
    version,
    w: words(lang),
    apps,
    portfolio: apps.length > 1,
    verdictLabel: VERDICT_LABEL[lang],
    verdictExplain: VERDICT_EXPLAIN[lang],
    categoryLabel: CATEGORY_LABEL[lang],
    concernLabel: CONCERN_LABEL[lang],
    refactorLabel: REFACTOR_LABEL[lang],
    concerns: CONCERNS,
    categories: CATEGORIES,
    verdicts: VERDICTS,
    concernOf,
    noticeText: (n: Notice) => noticeText(n, lang),
    profileRows: (a: Assessment) => profileRows(a, lang),
    moduleRows: (a: Assessment) => moduleRows(a, lang),
    scopeLabel: SCOPE_LABEL[lang],
    blockerText: (a: Assessment) => blockerText(a, lang),
    rule: (id: string) => ruleById.get(id),
    generic: (s: string) => s.replace(/\{value\}|\{detail\}/g, '…'),
    verdictChart: barChart(
      VERDICTS.map((v) => ({
        label: VERDICT_LABEL[lang][v],
        value: apps.filter((a) => a.verdict.class === v).length,
        cls: `verdict-${v}`,
      })),
    ),
    concernChart,
  });
}
