import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang } from '../../analyzers/types.js';
import { noticeText } from './i18n.js';
import { inDeployedApp } from '../../analyzers/assess/verdict.js';

export const REPORT_SCHEMA_VERSION = '1.2';

function appReport(a: Assessment, lang: Lang) {
  const counted = a.findings.filter(inDeployedApp);
  return {
    app: {
      name: a.app.name,
      root: a.root,
      ...(a.app.owner ? { owner: a.app.owner } : {}),
      ...(a.app.team ? { team: a.app.team } : {}),
      ...(a.app.tags ? { tags: a.app.tags } : {}),
      build: {
        tool: a.build.tool,
        packaging: a.build.packaging ?? null,
        javaSource: a.build.javaSource ?? null,
        javaTarget: a.build.javaTarget ?? null,
        ...(a.build.modules ? { modules: a.build.modules } : {}),
      },
      profile: a.profile,
      baseImage: { image: a.baseImage.image, reason: a.baseImage.reason[lang] },
    },
    verdict: a.verdict,
    stats: a.stats,
    summary: {
      findings: counted.length,
      byCategory: {
        mandatory: counted.filter((f) => f.category === 'mandatory').length,
        optional: counted.filter((f) => f.category === 'optional').length,
        potential: counted.filter((f) => f.category === 'potential').length,
      },
      outsideApp: a.findings.length - counted.length,
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
      ...(f.scope ? { scope: f.scope } : {}),
    })),
    notices: a.notices.map((n) => ({
      kind: n.kind,
      ...(n.file ? { file: n.file } : {}),
      ...(n.line ? { line: n.line } : {}),
      message: noticeText(n, lang),
    })),
  };
}

/**
 * The machine-readable report (generators/reports/schemas/assess-report.schema.json): one application's report,
 * or `kind: portfolio` with one such report per application.
 */
export function jsonReport(
  apps: Assessment[],
  lang: Lang = 'en',
  tool = { name: 'paasport', version: '0.0.0' },
): string {
  const head = { schemaVersion: REPORT_SCHEMA_VERSION, tool, lang };
  const doc =
    apps.length === 1
      ? { ...head, kind: 'app', ...appReport(apps[0], lang) }
      : { ...head, kind: 'portfolio', apps: apps.map((a) => appReport(a, lang)) };
  return JSON.stringify(doc, null, 2) + '\n';
}
