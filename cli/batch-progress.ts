import cliProgress from 'cli-progress';
import type { AppOutcome, AppState, BatchApp } from './batch/types.js';

export interface Progress {
  step(app: BatchApp, step: string): void;
  finished(app: BatchApp, outcome: AppOutcome, state: AppState): void;
  stop(): void;
}

const firstLine = (s: string) => s.split('\n')[0];

function outcomeText(outcome: AppOutcome, s: AppState): string {
  if (outcome === 'failed') return `failed: ${firstLine(s.reason ?? '')}`;
  const v = s.assessment?.verdict;
  const what = v ? `${v.class}, score ${v.score}` : '';
  return outcome === 'skipped' ? `unchanged, skipped (${what})` : `done (${what})`;
}

/** A bar on a terminal (the apps finished, failed, and the ones being worked on), a line per app otherwise. */
export function batchProgress(total: number, quiet: boolean): Progress {
  let done = 0;
  if (quiet) return { step: () => undefined, finished: () => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) {
    return {
      step: () => undefined,
      finished: (app, outcome, s) =>
        process.stderr.write(`[${++done}/${total}] ${app.name}: ${outcomeText(outcome, s)}\n`),
      stop: () => undefined,
    };
  }
  const working = new Map<string, string>();
  let failed = 0;
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} apps | {failed} failed | {working}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { failed: 0, working: '' });
  const payload = () => ({ failed, working: [...working].map(([n, s]) => `${n} (${s})`).join(', ') });
  return {
    step(app, step) {
      working.set(app.name, step);
      bar.update(payload());
    },
    finished(app, outcome, s) {
      working.delete(app.name);
      if (outcome === 'failed') {
        failed++;
        bars.log(`${app.name}: ${outcomeText(outcome, s)}\n`);
      }
      bar.increment(1, payload());
    },
    stop: () => bars.stop(),
  };
}
