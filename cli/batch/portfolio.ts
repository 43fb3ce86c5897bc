import path from 'node:path';
import type { Lang, Rule } from '../../analyzers/types.js';
import { renderReport } from '../../generators/reports/render.js';
import { writeOutput } from '../write-output.js';
import { groupOfApps } from './marathon-group.js';
import { appOutDir } from './process-app.js';
import type { AppState } from './types.js';

/** The files a portfolio is: the same for one run and for its shards merged. */
export const PORTFOLIO_FILES = ['portfolio.html', 'portfolio.json', 'marathon-group.json', 'batch-report.md'];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** Every app of the inventory, done or failed: its verdict and folder, or why it failed. */
export function batchReport(states: AppState[], out: string): string {
  const failed = states.filter((s) => s.status === 'failed');
  const rows = states.map((s) => {
    const a = s.assessment;
    const result = a
      ? `${a.verdict.class}, score ${a.verdict.score}, effort ${a.verdict.effortSize}`
      : `**failed**: ${cell(s.reason ?? '')}`;
    const where = s.status === 'done' ? path.relative(out, appOutDir(out, s.name)) : '';
    const fixed = s.fixBranch ? `${s.fixCommits} commit(s) on ${s.fixBranch}` : '';
    return `| ${cell(s.name)} | ${cell(s.source)} | ${result} | ${fixed} | ${where} |`;
  });
  const warnings = states.flatMap((s) => s.warnings);
  return [
    '# Portfolio migration',
    '',
    `${states.length} app(s): ${states.length - failed.length} done, ${failed.length} failed.`,
    '',
    '| app | source | result | fix | artifacts |',
    '|---|---|---|---|---|',
    ...rows,
    ...(warnings.length ? ['', '## Warnings', '', ...warnings.map((w) => `- ${w}`)] : []),
    '',
  ].join('\n');
}

/** The portfolio report (HTML and JSON), the Marathon group of the apps done and the batch report, into `out`. */
export async function writePortfolio(
  states: AppState[],
  out: string,
  o: { rules: Rule[]; lang: Lang; version: string; group: string },
): Promise<void> {
  const done = states.filter((s) => s.status === 'done');
  const assessments = done.map((s) => s.assessment!);
  if (assessments.length) {
    for (const format of ['html', 'json'] as const) {
      const r = await renderReport(format, assessments, o.rules, o.lang, o.version);
      await writeOutput(path.join(out, `portfolio.${format}`), r.text, 'the portfolio report', true);
    }
    const version = done[0].marathonVersion ?? '1.5';
    const group = groupOfApps(
      o.group,
      done.map((s) => s.marathon!),
      version,
    );
    await writeOutput(path.join(out, 'marathon-group.json'), group, 'the Marathon group', true);
  }
  await writeOutput(path.join(out, 'batch-report.md'), batchReport(states, out), 'the batch report', true);
}
