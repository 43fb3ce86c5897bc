import { createHash } from 'node:crypto';

/** One of n parts of an inventory, 1-based: `--shard 2/3`. */
export interface Shard {
  index: number;
  count: number;
}

/** `i/n` with 1 <= i <= n, or undefined. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Whether an app belongs to a shard: by a hash of its name, not its place in the list, so that adding or moving an
 * app in the inventory leaves every other app on the machine that had it.
 */
export function inShard(name: string, shard: Shard): boolean {
  const h = createHash('sha256').update(name).digest().readUInt32BE(0);
  return h % shard.count === shard.index - 1;
}
