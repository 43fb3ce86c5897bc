import type { BatchApp } from './types.js';

/**
 * Which app a worker takes next. A worker claims an app, works on it, then releases it: another coordinator (a
 * ZooKeeper one, shared by several machines) can implement the same three calls without the runner changing.
 */
export interface AppClaims {
  /** The next app nobody has claimed, or undefined when there is none left. */
  claim(worker: number): Promise<BatchApp | undefined>;
  /** The app is finished (done or failed): its state is on disk. */
  release(app: BatchApp): Promise<void>;
  close(): Promise<void>;
}

/** The apps of this machine, in inventory order, handed out one at a time. */
export function localClaims(apps: BatchApp[]): AppClaims {
  const queue = [...apps];
  return {
    claim: () => Promise.resolve(queue.shift()),
    release: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
