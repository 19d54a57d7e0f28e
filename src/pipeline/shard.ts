import { createHash } from 'node:crypto';

/** `--shard k/n`: this run is part k (1-based) of n. */
export interface Shard {
  index: number;
  total: number;
}

/** Parses `k/n` (1 ≤ k ≤ n); undefined when the text is not a shard. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const [index, total] = [Number(m[1]), Number(m[2])];
  return index >= 1 && total >= 1 && index <= total ? { index, total } : undefined;
}

/**
 * Whether a dataset (or a file's own findings) belongs to a shard: a stable hash of its
 * identity — the file relative to the working directory plus the JSON pointer — so the same
 * inputs split the same way on every machine and every run.
 */
export function inShard(shard: Shard | undefined, identity: string): boolean {
  if (!shard || shard.total === 1) return true;
  const h = createHash('sha1').update(identity).digest().readUInt32BE(0);
  return h % shard.total === shard.index - 1;
}
