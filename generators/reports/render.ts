import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang, Rule } from '../../analyzers/types.js';
import { appsCsv, findingsCsv } from './report-csv.js';
import { htmlReport } from './report-html.js';
import { jsonReport } from './report-json.js';
import { markdownReport } from './report-md.js';
import { sarifReport } from './report-sarif.js';
import { textReport } from './report-text.js';

export const REPORT_FORMATS = ['text', 'json', 'html', 'sarif', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  text: string;
  findingsCsv?: string; // a portfolio in CSV: the apps table is the report, the findings go to a second file
}

/** The report of one or several assessments in a format and a language. */
export function renderReport(
  format: ReportFormat,
  apps: Assessment[],
  rules: Rule[],
  lang: Lang,
  version: string,
): RenderedReport {
  switch (format) {
    case 'json':
      return { text: jsonReport(apps, lang, { name: 'paasport', version }) };
    case 'html':
      return { text: htmlReport(apps, rules, lang, version) };
    case 'sarif':
      return { text: sarifReport(apps, rules, lang, version) };
    case 'md':
      return { text: markdownReport(apps, lang) };
    case 'csv':
      return apps.length > 1
        ? { text: appsCsv(apps, lang), findingsCsv: findingsCsv(apps, lang) }
        : { text: findingsCsv(apps, lang) };
    default:
      return { text: textReport(apps, lang) };
  }
}
