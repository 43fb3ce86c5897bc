import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang, Rule } from '../../analyzers/types.js';
import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, type ReportFormat } from './formats.js';

export interface RenderedReport {
  text: string;
  findingsCsv?: string; // a portfolio in CSV: the apps table is the report, the findings go to a second file
}

/** The report of one or several assessments in a format and a language; only that format's module is loaded. */
export async function renderReport(
  format: ReportFormat,
  apps: Assessment[],
  rules: Rule[],
  lang: Lang,
  version: string,
): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return { text: (await import('./report-json.js')).jsonReport(apps, lang, { name: 'paasport', version }) };
    case 'html':
      return { text: (await import('./report-html.js')).htmlReport(apps, rules, lang, version) };
    case 'sarif':
      return { text: (await import('./report-sarif.js')).sarifReport(apps, rules, lang, version) };
    case 'md':
      return { text: (await import('./report-md.js')).markdownReport(apps, lang) };
    case 'csv': {
      const { appsCsv, findingsCsv } = await import('./report-csv.js');
      return apps.length > 1
        ? { text: appsCsv(apps, lang), findingsCsv: findingsCsv(apps, lang) }
        : { text: findingsCsv(apps, lang) };
    }
    default:
      return { text: (await import('./report-text.js')).textReport(apps, lang) };
  }
}
