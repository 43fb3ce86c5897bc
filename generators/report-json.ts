import type { Assessment } from '../analyzers/assess.js';
import type { Lang } from '../analyzers/types.js';

export const REPORT_SCHEMA_VERSION = '1.0';

/** The machine-readable report; its shape is generators/schemas/assess-report.schema.json. */
export function jsonReport(a: Assessment, lang: Lang = 'en', tool = { name: 'paasport', version: '0.0.0' }): string {
  const report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool,
    app: { root: a.root, build: { tool: a.build.tool, packaging: a.build.packaging ?? null, javaVersion: a.build.javaVersion ?? null } },
    stats: a.stats,
    summary: {
      findings: a.findings.length,
      byCategory: {
        mandatory: a.findings.filter((f) => f.category === 'mandatory').length,
        optional: a.findings.filter((f) => f.category === 'optional').length,
        potential: a.findings.filter((f) => f.category === 'potential').length,
      },
    },
    findings: a.findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      effort: f.effort,
      tags: f.tags,
      file: f.file,
      line: f.line,
      column: f.column,
      title: f.title[lang],
      message: f.message[lang],
      snippet: f.snippet,
      ...(f.fix ? { fix: f.fix } : {}),
    })),
    notices: a.notices.map((n) => ({ kind: n.kind, ...(n.file ? { file: n.file } : {}), ...(n.line ? { line: n.line } : {}), message: n.message })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
