import { stringify } from 'csv-stringify/sync';
import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang } from '../../analyzers/types.js';
import { CATEGORY_LABEL, CONCERN_LABEL, concernOf, SCOPE_LABEL, VERDICT_LABEL, words } from './i18n.js';
import { blockerText } from './summary.js';

// A BOM and CRLF so that spreadsheet programs read UTF-8 (Chinese text included) and rows correctly; a text cell
// starting with = + - @ (an app or file name, a snippet) gets a leading ' so a spreadsheet never runs it as a formula
const csv = (rows: (string | number)[][]) =>
  '\ufeff' + stringify(rows, { record_delimiter: 'windows', quoted_match: /[\s,"]/, escape_formulas: true });

/** One row per finding; with several apps, each row names its app. */
export function findingsCsv(apps: Assessment[], lang: Lang = 'en'): string {
  const w = words(lang);
  const many = apps.length > 1;
  const head = [
    ...(many ? [w.app] : []),
    w.rule,
    w.category,
    w.concern,
    w.file,
    w.line,
    w.column,
    w.title,
    w.message,
    w.snippet,
    w.fix,
    w.scope,
  ];
  const rows = apps.flatMap((a) =>
    a.findings.map((f) => [
      ...(many ? [a.app.name] : []),
      f.ruleId,
      CATEGORY_LABEL[lang][f.category],
      CONCERN_LABEL[lang][concernOf(f.tags)],
      f.file,
      f.line,
      f.column,
      f.title[lang],
      f.message[lang],
      f.snippet,
      f.fix ?? '',
      SCOPE_LABEL[lang][f.scope ?? 'app'],
    ]),
  );
  return csv([head, ...rows]);
}

/** One row per application: the portfolio table. */
export function appsCsv(apps: Assessment[], lang: Lang = 'en'): string {
  const w = words(lang);
  const head = [
    w.app,
    w.owner,
    w.team,
    w.verdict,
    w.score,
    w.effort,
    'size',
    w.findings,
    w.blockers,
    w.servlet,
    w.java,
    w.baseImage,
  ];
  const rows = apps.map((a) => [
    a.app.name,
    a.app.owner ?? '',
    a.app.team ?? '',
    VERDICT_LABEL[lang][a.verdict.class],
    a.verdict.score,
    a.verdict.effortPoints,
    a.verdict.effortSize,
    a.findings.length,
    blockerText(a, lang),
    `${a.profile.servlet.namespace} ${a.profile.servlet.version ?? ''}`.trim(),
    a.profile.javaVersion ?? '',
    a.baseImage.image,
  ]);
  return csv([head, ...rows]);
}
