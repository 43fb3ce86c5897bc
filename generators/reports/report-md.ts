import { inDeployedApp } from '../../analyzers/assess/verdict.js';
import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang } from '../../analyzers/types.js';
import { CATEGORY_LABEL, CONCERN_LABEL, CONCERNS, concernOf, VERDICT_LABEL, words } from './i18n.js';
import { blockerText, categoryCounts, refactorText } from './summary.js';

const ICON = { containerize: '🟢', refactor: '🟡', 'not-recommended': '🔴' } as const;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const MAX_ROWS = 15;

/** A short summary fit for a pull-request comment: verdict, score, the worst findings, counts per concern. */
export function markdownReport(apps: Assessment[], lang: Lang = 'en'): string {
  const w = words(lang);
  const out: string[] = [`## ${w.report}`, ''];
  out.push(`| ${w.app} | ${w.verdict} | ${w.score} | ${w.effort} | ${w.blockers} |`, '|---|---|---:|---:|---|');
  for (const a of apps) {
    out.push(
      `| ${cell(a.app.name)} | ${ICON[a.verdict.class]} ${VERDICT_LABEL[lang][a.verdict.class]} | ${a.verdict.score} | ${a.verdict.effortPoints} (${a.verdict.effortSize}) | ${cell(blockerText(a, lang))} |`,
    );
  }
  for (const a of apps) {
    out.push('', `### ${cell(a.app.name)}`, '');
    const counted = a.findings.filter(inDeployedApp);
    out.push(
      `${w.findings}: ${counted.length} (${categoryCounts(a, lang)}). ${w.baseImage}: \`${a.baseImage.image}\`.`,
    );
    if (a.verdict.refactors.length) out.push('', `${w.refactors}: ${refactorText(a, lang)}.`);
    if (a.verdict.devTestOnly) out.push('', `> ${w.devTestOnly}`);
    const concerns = CONCERNS.map((c) => [c, counted.filter((f) => concernOf(f.tags) === c).length] as const).filter(
      ([, n]) => n > 0,
    );
    if (concerns.length) out.push('', concerns.map(([c, n]) => `${CONCERN_LABEL[lang][c]}: ${n}`).join(' · '));
    const worst = counted
      .filter((f) => f.category !== 'potential')
      .sort((x, y) => (x.category === y.category ? 0 : x.category === 'mandatory' ? -1 : 1));
    if (worst.length) {
      out.push('', `<details><summary>${w.findings} (${worst.length})</summary>`, '');
      out.push(`| ${w.category} | ${w.rule} | ${w.file} |`, '|---|---|---|');
      for (const f of worst.slice(0, MAX_ROWS))
        out.push(`| ${CATEGORY_LABEL[lang][f.category]} | ${cell(f.title[lang])} | \`${cell(f.file)}:${f.line}\` |`);
      if (worst.length > MAX_ROWS) out.push(`| … | +${worst.length - MAX_ROWS} | |`);
      out.push('', '</details>');
    }
  }
  return out.join('\n') + '\n';
}
