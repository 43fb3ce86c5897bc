// The trial's output: a table per app, then one line per app with every check's result.
import type { AppTrial, CheckStatus } from './types.js';

const MARK: Record<CheckStatus, string> = { pass: 'ok', fail: 'FAIL', skip: '-' };

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

export function appTable(trial: AppTrial): string {
  const width = Math.max(...trial.checks.map((c) => c.check.length), 5) + 2;
  const lines = [`== ${trial.app} (${trial.source})`, `${pad('check', width)}${pad('result', 8)}detail`];
  for (const c of trial.checks) lines.push(`${pad(c.check, width)}${pad(MARK[c.status], 8)}${c.detail}`);
  return lines.join('\n') + '\n';
}

/** Every app in a row, every check in a column (a check an app did not reach is blank). */
export function summaryTable(trials: AppTrial[]): string {
  const checks = [...new Set(trials.flatMap((t) => t.checks.map((c) => c.check)))];
  const appWidth = Math.max(...trials.map((t) => t.app.length), 3) + 2;
  const widths = checks.map((c) => Math.max(c.length, 4) + 2);
  const header = pad('app', appWidth) + checks.map((c, i) => pad(c, widths[i])).join('');
  const rows = trials.map((t) => {
    const cells = checks.map((name, i) =>
      pad(MARK[t.checks.find((c) => c.check === name)?.status ?? 'skip'], widths[i]),
    );
    return pad(t.app, appWidth) + cells.join('');
  });
  return ['== summary', header, ...rows].map((l) => l.trimEnd()).join('\n') + '\n';
}

export function failures(trials: AppTrial[]): number {
  return trials.reduce((n, t) => n + t.checks.filter((c) => c.status === 'fail').length, 0);
}
