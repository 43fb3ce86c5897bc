// Where a run spends its time, for `paasport assess --profile` and PAASPORT_PROFILE=1: each stage wraps its work in
// timeStage(). This is the one module with state of its own: a switch for the whole process, like a profiler; while
// it is off, timeStage() only calls the function.

/** The stages in pipeline order. A stage inside another (the call graph, which rules build) counts only once. */
export const STAGES = ['load', 'scan', 'config', 'parse+extract', 'index', 'call graph', 'rules', 'report'] as const;
export type Stage = (typeof STAGES)[number];

const WHAT: Record<Stage, string> = {
  load: "loading the command's modules and the rules",
  scan: 'walking the tree',
  config: 'build files',
  'parse+extract': 'Java and JSP files and the other configuration files',
  index: 'type index',
  'call graph': 'call graph and reach, built when a rule needs them',
  rules: 'rules, without the call graph',
  report: 'rendering and writing the report',
};

interface Frame {
  inner: number; // time of the stages inside this one
}

let enabled = false;
const totals = new Map<Stage, number>();
const open: Frame[] = [];
let workerThreads = 0; // the most a pool had started once an app's Java was read

/** The worker threads a pool has started once an app's Java is read (none: it was read in this thread). */
export function noteWorkerThreads(started: number): void {
  if (enabled) workerThreads = Math.max(workerThreads, started);
}

/** Where the Java was parsed: a slow run on worker threads and one in this thread have different fixes. */
const parsedOn = () =>
  workerThreads
    ? `, the Java on worker threads (${workerThreads} started)`
    : ', the Java in this thread (worker threads start at 1.5 MB of Java and JSP)';

export function enableStageTimes(): void {
  enabled = true;
}

export const stageTimesEnabled = (): boolean => enabled;

function record(stage: Stage, frame: Frame, started: number): void {
  const elapsed = performance.now() - started;
  totals.set(stage, (totals.get(stage) ?? 0) + elapsed - frame.inner);
  const parent = open.at(-1);
  if (parent) parent.inner += elapsed;
}

/** Runs fn as (part of) a stage. */
export function timeStage<T>(stage: Stage, fn: () => T): T {
  if (!enabled) return fn();
  const frame: Frame = { inner: 0 };
  open.push(frame);
  const started = performance.now();
  try {
    return fn();
  } finally {
    open.pop();
    record(stage, frame, started);
  }
}

/** Runs an asynchronous fn as (part of) a stage; nothing else may be timed while it runs. */
export async function timeStageAsync<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const frame: Frame = { inner: 0 };
  open.push(frame);
  const started = performance.now();
  try {
    return await fn();
  } finally {
    open.pop();
    record(stage, frame, started);
  }
}

/** The time of each stage that ran, in pipeline order (benchmarks print it their own way). */
export const stageTimes = (): [Stage, number][] => STAGES.filter((s) => totals.has(s)).map((s) => [s, totals.get(s)!]);

/**
 * The table printed on standard error: start-up (Node and paasport's own modules, until the command ran), each stage
 * that ran (the sum over the apps of a portfolio), the rest, and the total since the process started.
 */
export function stageTimesTable(startup: number): string {
  const now = performance.now();
  const ms = (n: number) => `${n.toFixed(1).padStart(9)} ms`;
  const rows: string[] = [`  ${'start-up'.padEnd(14)}${ms(startup)}  Node and paasport, until the command ran`];
  let staged = 0;
  for (const stage of STAGES) {
    const t = totals.get(stage);
    if (t === undefined) continue;
    staged += t;
    rows.push(`  ${stage.padEnd(14)}${ms(t)}  ${WHAT[stage]}${stage === 'parse+extract' ? parsedOn() : ''}`);
  }
  rows.push(`  ${'rest'.padEnd(14)}${ms(Math.max(0, now - startup - staged))}  everything else`);
  rows.push(`  ${'total'.padEnd(14)}${ms(now)}`);
  return `paasport: time of each stage\n${rows.join('\n')}\n`;
}
