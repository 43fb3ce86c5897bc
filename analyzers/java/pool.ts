import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { analyzeJavaFile, type JavaJob, type JavaResult } from './analyze-file.js';
import { internFacts } from './intern.js';
import { createJavaParser } from './parser.js';

export interface PoolOptions {
  threads?: number; // 0 = in this thread
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 24;
// A batch also ends at this many bytes of source: the largest files go alone, so that no worker is left with a long
// batch while the other has nothing more to do.
const BATCH_BYTES = 256 * 1024;
// A worker's garbage is the tree's node objects of one file at a time, short-lived: a small young generation collects
// it as well as V8's default size does, and each worker holds about 30 MB less.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };
// A file this large leaves its worker with a heap sized for it (V8 sets its next collection by the memory the file
// needed, about sixty times its size) and a parser's memory that never shrinks: the worker is replaced once the file
// is read, so that the rest of the run does not carry both.
const LARGE_FILE_BYTES = 512 * 1024;
// Below this much source, workers make a run no faster, and hold about 25–45 MB more: each starts, loads its parser
// and warms its own compiled code, which costs what it saves. Measured on real apps, two workers against this thread:
// 1.10x and 1.08x the time at 0.3 and 1.1 MB of Java and JSP, 0.95x to 0.93x from 2.1 MB up.
const WORKER_MIN_BYTES = 1.5 * 1024 * 1024;

/**
 * How many workers jobs are worth, one or none meaning this thread: none below WORKER_MIN_BYTES of source (or a batch
 * of files, their sizes unknown).
 */
function workersFor(jobs: readonly Pick<JavaJob, 'size'>[], threads: number): number {
  const sized = jobs.every((j) => j.size !== undefined);
  if (sized && jobs.reduce((n, j) => n + j.size!, 0) < WORKER_MIN_BYTES) return 0;
  return Math.min(threads, Math.ceil(jobs.length / BATCH));
}

/** Starts the pool's workers, counting them. */
function workerStarter(script: string) {
  let started = 0;
  return {
    start: () => {
      started++;
      return new Worker(script, { resourceLimits: WORKER_LIMITS });
    },
    started: () => started,
  };
}

function workerScript(): string | undefined {
  // Worker threads need compiled JavaScript; running from TypeScript sources (tests) analyzes in-thread.
  const url = new URL('./worker.js', import.meta.url);
  const file = fileURLToPath(url);
  return import.meta.url.endsWith('.js') && existsSync(file) ? file : undefined;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
}

/** Worker threads that analyze Java files, started before the jobs are known so that they load while others work. */
export interface JavaPool {
  analyze(jobs: JavaJob[], onProgress?: PoolOptions['onProgress']): Promise<JavaResult[]>;
  close(): Promise<void>;
  workersStarted(): number; // so far, the ones that replaced a worker included
}

/** The job indexes in batches, largest files first (when the jobs say their size), each batch in job order. */
function batches(jobs: JavaJob[]): number[][] {
  const order = jobs.map((_, i) => i);
  if (jobs.some((j) => j.size !== undefined)) order.sort((a, b) => (jobs[b].size ?? 0) - (jobs[a].size ?? 0) || a - b);
  const out: number[][] = [];
  let batch: number[] = [];
  let bytes = 0;
  for (const i of order) {
    batch.push(i);
    bytes += jobs[i].size ?? 0;
    if (batch.length >= BATCH || bytes >= BATCH_BYTES) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) out.push(batch);
  return out;
}

/** This thread's parser; a pool that serves a portfolio's apps (`shared`) gets V8's default tiering budget. */
function inThread({ shared = false } = {}): JavaPool {
  let parser: ReturnType<typeof createJavaParser> | undefined; // one for every run of this pool
  return {
    async analyze(jobs, onProgress) {
      if (!jobs.length) return [];
      // the budget is set once per parser: the first app's few files must not set it for the larger apps after it
      const jp = await (parser ??= createJavaParser({ fewFiles: !shared && jobs.length <= BATCH }));
      const results: JavaResult[] = new Array(jobs.length);
      for (let i = 0; i < jobs.length; i++) {
        results[i] = analyzeJavaFile(jp, jobs[i]);
        if ((i + 1) % BATCH === 0 || i + 1 === jobs.length) onProgress?.(i + 1, jobs.length);
      }
      return results;
    },
    close: () => Promise.resolve(),
    workersStarted: () => 0,
  };
}

/**
 * A pool that serves several runs (the apps of a portfolio) with the same workers and parsers, until closed: no
 * start-up per app. Its workers start on the first run that has enough source for them.
 */
export function sharedJavaPool(threads = defaultThreads()): JavaPool {
  const script = workerScript();
  if (!script || threads <= 1) return inThread({ shared: true });
  let workers: Worker[] | undefined;
  const small = inThread({ shared: true });
  const starter = workerStarter(script);
  return {
    analyze(jobs, onProgress) {
      if (!workers && workersFor(jobs, threads) <= 1) return small.analyze(jobs, onProgress);
      workers ??= Array.from({ length: threads }, starter.start);
      // the next app gets a fresh worker too, in place of one that read a large file among this app's last ones
      return runOn(workers, starter.start, jobs, onProgress, { replaceLast: true });
    },
    async close() {
      await Promise.all((workers ?? []).map((w) => w.terminate()));
      workers = undefined;
    },
    workersStarted: starter.started,
  };
}

/**
 * A pool for these jobs: at most `threads` workers, none (in this thread) for little source or from sources. Their
 * sizes are enough, so that the workers load their parsers while the caller gets the jobs ready.
 */
export function javaPool(jobs: readonly Pick<JavaJob, 'size'>[], threads = defaultThreads()): JavaPool {
  const script = workerScript();
  const count = workersFor(jobs, threads);
  if (!script || count <= 1) return inThread();
  const starter = workerStarter(script);
  const workers = Array.from({ length: count }, starter.start);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return {
    async analyze(jobs, onProgress) {
      try {
        return await runOn(workers, starter.start, jobs, onProgress);
      } finally {
        await close();
      }
    },
    close,
    workersStarted: starter.started,
  };
}

/** The results of a run, as the workers' batches come back: facts read from JSON, their repeated strings made one. */
function resultsOf(jobs: JavaJob[], queue: number[][], onProgress: PoolOptions['onProgress']) {
  const results: JavaResult[] = new Array(jobs.length);
  const strings = new Map<string, string>();
  let done = 0;
  const receive = (msg: { id: number; results: string }) => {
    const batch = queue[msg.id];
    (JSON.parse(msg.results) as JavaResult[]).forEach((r, k) => {
      if (r.facts) internFacts(r.facts, strings);
      results[batch[k]] = r;
    });
    done += batch.length;
    onProgress?.(done, jobs.length);
  };
  return { results, receive };
}

/**
 * Runs the jobs on the workers, two batches in flight each, so that a worker never waits for the main thread between
 * batches. A worker that reads a large file gets no more batches and is replaced (in `workers`, which the pool
 * closes) once its batches are back, if work is left or `replaceLast` says the pool serves more runs.
 */
function runOn(
  workers: Worker[],
  startWorker: () => Worker,
  jobs: JavaJob[],
  onProgress: PoolOptions['onProgress'],
  { replaceLast = false } = {},
): Promise<JavaResult[]> {
  const queue = batches(jobs);
  const { results, receive } = resultsOf(jobs, queue, onProgress);
  let next = 0;
  let idle = 0;
  const listening: (() => void)[] = [];
  // the workers may serve another run after this one (a portfolio): this run's listeners go when it ends
  const settle =
    <T>(f: (x: T) => void) =>
    (x: T) => {
      for (const off of listening.splice(0)) off();
      f(x);
    };
  const hasLargeFile = (batch: number[]) => batch.some((i) => (jobs[i].size ?? 0) >= LARGE_FILE_BYTES);
  return new Promise<JavaResult[]>((resolveRun, rejectRun) => {
    const resolve = settle(resolveRun);
    const reject = settle(rejectRun);
    const serve = (slot: number) => {
      const w = workers[slot];
      let inFlight = 0;
      let retiring = false;
      const send = () => {
        while (!retiring && inFlight < 2 && next < queue.length) {
          retiring = hasLargeFile(queue[next]);
          w.postMessage({ id: next, jobs: queue[next].map((i) => jobs[i]) });
          next++;
          inFlight++;
        }
        if (inFlight > 0) return;
        if (retiring && (next < queue.length || replaceLast)) {
          off();
          // idle, so nothing should come from it any more; an error on its way out is not this run's
          w.on('error', () => undefined);
          void w.terminate();
          workers[slot] = startWorker();
          serve(slot);
        } else if (++idle === workers.length) resolve(results);
      };
      const onMessage = (msg: { id: number; results: string }) => {
        inFlight--;
        receive(msg);
        send();
      };
      const onExit = (code: number) => {
        if (code !== 0) reject(new Error(`java worker stopped with code ${code}`));
      };
      const off = () => w.off('message', onMessage).off('error', reject).off('exit', onExit);
      w.on('message', onMessage).on('error', reject).on('exit', onExit);
      listening.push(off);
      send();
    };
    for (let slot = 0; slot < workers.length; slot++) serve(slot);
  });
}

/** Analyzes Java files on worker threads, one parser each; results come back in job order. */
export async function analyzeJavaFiles(jobs: JavaJob[], opts: PoolOptions = {}): Promise<JavaResult[]> {
  return javaPool(jobs, opts.threads ?? defaultThreads()).analyze(jobs, opts.onProgress);
}
