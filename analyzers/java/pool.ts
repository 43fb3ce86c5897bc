import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { analyzeJavaFile, type JavaJob, type JavaResult } from './analyze-file.js';
import { createJavaParser } from './parser.js';

export interface PoolOptions {
  threads?: number; // 0 = in this thread
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 24;

function workerScript(): string | undefined {
  // Worker threads need compiled JavaScript; running from TypeScript sources (tests) analyzes in-thread.
  const url = new URL('./worker.js', import.meta.url);
  const file = fileURLToPath(url);
  return import.meta.url.endsWith('.js') && existsSync(file) ? file : undefined;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
}

/** Analyzes Java files on worker threads, one parser each; results come back in job order. */
export async function analyzeJavaFiles(jobs: JavaJob[], opts: PoolOptions = {}): Promise<JavaResult[]> {
  const script = workerScript();
  const threads = Math.min(opts.threads ?? defaultThreads(), Math.ceil(jobs.length / BATCH));
  const results: JavaResult[] = new Array(jobs.length);
  let done = 0;

  if (!script || threads <= 1) {
    const jp = await createJavaParser({ fewFiles: jobs.length <= BATCH });
    for (let i = 0; i < jobs.length; i++) {
      results[i] = analyzeJavaFile(jp, jobs[i]);
      if (++done % BATCH === 0 || done === jobs.length) opts.onProgress?.(done, jobs.length);
    }
    return results;
  }

  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(script);
            workers.push(w);
            // Two batches in flight per worker, so that a worker never waits for the main thread between batches.
            let inFlight = 0;
            const send = () => {
              while (inFlight < 2 && next < jobs.length) {
                const batch = jobs.slice(next, next + BATCH);
                w.postMessage({ id: next, jobs: batch });
                next += batch.length;
                inFlight++;
              }
              if (inFlight === 0) resolve();
            };
            w.on('message', (msg: { id: number; results: JavaResult[] }) => {
              inFlight--;
              msg.results.forEach((r, i) => {
                results[msg.id + i] = r;
              });
              done += msg.results.length;
              opts.onProgress?.(done, jobs.length);
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`java worker stopped with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
