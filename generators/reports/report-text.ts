import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang } from '../../analyzers/types.js';
import {
  CATEGORY_LABEL,
  CONCERN_LABEL,
  CONCERNS,
  concernOf,
  noticeText,
  SCOPE_LABEL,
  VERDICT_EXPLAIN,
  VERDICT_LABEL,
  words,
} from './i18n.js';
import {
  blockerText,
  categoryCounts,
  displayWidth,
  moduleRows,
  padDisplay,
  profileRows,
  refactorText,
} from './summary.js';
import { inDeployedApp } from '../../analyzers/assess/verdict.js';

/** A file name on one line: a line break or tab in the name (legal on Linux) is shown escaped, as JSON writes it. */
const oneLine = (name: string) =>
  [...name].map((c) => (c < ' ' || c === '\x7f' ? JSON.stringify(c).slice(1, -1) : c)).join('');

function appText(a: Assessment, lang: Lang): string[] {
  const w = words(lang);
  const v = a.verdict;
  const out: string[] = [];
  out.push(`${w.app}: ${a.app.name} (${a.root})`);
  out.push(`  ${w.verdict}: ${VERDICT_LABEL[lang][v.class]} — ${VERDICT_EXPLAIN[lang][v.class]}`);
  if (v.devTestOnly) out.push(`  ${w.devTestOnly}`);
  out.push(
    `  ${w.score}: ${v.score}/100   ${w.effort}: ${v.effortPoints} ${w.points} (${v.effortSize})   ${w.blockers}: ${blockerText(a, lang)}`,
  );
  if (v.refactors.length) out.push(`  ${w.refactors}: ${refactorText(a, lang)}`);
  out.push(`  ${a.stats.files} ${w.files}, ${a.stats.javaLines} ${w.javaLines}`);
  out.push('');
  out.push(`${w.profile}:`);
  for (const [k, val] of profileRows(a, lang)) out.push(`  ${k}: ${val}`);
  out.push('');
  const mods = moduleRows(a, lang);
  if (mods.length) out.push(`${w.modules}:`, ...mods.map((m) => `  ${m}`), '');
  const counted = a.findings.filter(inDeployedApp);
  const outside = a.findings.filter((f) => !inDeployedApp(f));
  if (!counted.length) out.push(w.noFindings, '');
  for (const concern of CONCERNS) {
    const group = counted.filter((f) => concernOf(f.tags) === concern);
    if (!group.length) continue;
    out.push(`== ${CONCERN_LABEL[lang][concern]} (${group.length}) ==`);
    for (const f of group) {
      out.push(`  [${CATEGORY_LABEL[lang][f.category]}] ${f.ruleId}  ${oneLine(f.file)}:${f.line}:${f.column}`);
      out.push(`      ${f.title[lang]}: ${f.message[lang]}`);
      if (f.snippet) out.push(`      | ${f.snippet}`);
    }
    out.push('');
  }
  if (outside.length) {
    out.push(`== ${w.outsideApp} (${outside.length}) ==`);
    for (const f of outside)
      out.push(`  [${SCOPE_LABEL[lang][f.scope ?? 'app']}] ${f.ruleId}  ${oneLine(f.file)}:${f.line}:${f.column}`);
    out.push('');
  }
  out.push(`${w.findings}: ${counted.length} (${categoryCounts(a, lang)})`);
  if (a.notices.length) {
    out.push('', `${w.notices} (${a.notices.length}):`);
    for (const n of a.notices)
      out.push(`  ${oneLine(n.file ?? '')}${n.line ? `:${n.line}` : ''}: ${noticeText(n, lang)}`);
  }
  return out;
}

function portfolioTable(apps: Assessment[], lang: Lang): string[] {
  const w = words(lang);
  const rows = apps.map((a) => [
    a.app.name,
    VERDICT_LABEL[lang][a.verdict.class],
    String(a.verdict.score),
    `${a.verdict.effortPoints} (${a.verdict.effortSize})`,
    blockerText(a, lang),
  ]);
  const head = [w.app, w.verdict, w.score, w.effort, w.blockers];
  const cols = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : padDisplay(c, cols[i]))).join('  ');
  return [
    `${w.portfolio} (${apps.length} ${w.apps})`,
    fmt(head),
    fmt(cols.map((n) => '-'.repeat(n))),
    ...rows.map(fmt),
    '',
  ];
}

/** The human report: verdict, profile, findings by concern; a portfolio table first when there are several apps. */
export function textReport(apps: Assessment[], lang: Lang = 'en'): string {
  const out: string[] = apps.length > 1 ? portfolioTable(apps, lang) : [];
  apps.forEach((a, i) => {
    if (i > 0 || apps.length > 1) out.push('='.repeat(72));
    for (const line of appText(a, lang)) out.push(line); // not push(...): 100,000 lines overflow the stack
    out.push('');
  });
  out.push(`${words(lang).howScored}: ${words(lang).scoreFormula} ${words(lang).effortFormula}`);
  return out.join('\n') + '\n';
}
