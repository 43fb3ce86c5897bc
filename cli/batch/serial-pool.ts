import type { JavaPool } from '../../analyzers/java/pool.js';

/**
 * The shared pool of Java workers for apps assessed side by side: one app's files at a time go to the workers (a
 * pool serves one run at a time), while the other apps scan, read configuration, run rules and generate on the
 * main thread. The threads stay the pool's, whatever the number of jobs.
 */
export function oneRunAtATime(pool: JavaPool): JavaPool {
  let last: Promise<unknown> = Promise.resolve();
  return {
    analyze(jobs, onProgress) {
      const run = last.then(() => pool.analyze(jobs, onProgress));
      last = run.catch(() => undefined);
      return run;
    },
    close: () => last.then(() => pool.close()),
    workersStarted: () => pool.workersStarted(),
  };
}
