import { createHash } from "node:crypto";

/** One shard of N: the job processes only the objects whose key hashes to `index`. */
export interface Shard {
  index: number;
  count: number;
}

/** Returns the shard (0-based) that owns a key: SHA-256 of the key, first 4 bytes, mod N. */
export function shardOf(key: string, count: number): number {
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % count;
}

/**
 * Parses "I/N" or "/N" (index from JOB_COMPLETION_INDEX) into a shard. Without a flag,
 * JOB_COMPLETION_INDEX and SHARD_COUNT give it; with neither, the job is one shard.
 */
export function parseShard(flag: string | undefined, env: NodeJS.ProcessEnv): Shard {
  const fromEnv = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    if (!/^\d+$/.test(value)) {
      throw new Error(`invalid ${name} "${value}": expected a non-negative integer`);
    }
    return Number(value);
  };
  let index: number | undefined;
  let count: number | undefined;
  if (flag !== undefined) {
    const match = /^(\d*)\/(\d+)$/.exec(flag);
    if (match === null) {
      throw new Error(`invalid --shard "${flag}": expected I/N (for example 0/4) or /N`);
    }
    index = match[1] === "" ? fromEnv("JOB_COMPLETION_INDEX") : Number(match[1]);
    count = Number(match[2]);
    if (index === undefined) {
      throw new Error(`--shard "${flag}" has no index and JOB_COMPLETION_INDEX is not set`);
    }
  } else {
    index = fromEnv("JOB_COMPLETION_INDEX");
    count = fromEnv("SHARD_COUNT");
    if (index === undefined && count === undefined) return { index: 0, count: 1 };
    if (index === undefined || count === undefined) {
      throw new Error("set both JOB_COMPLETION_INDEX and SHARD_COUNT, or pass --shard I/N");
    }
  }
  if (count < 1 || index >= count) {
    throw new Error(`invalid shard ${index}/${count}: expected 0 <= index < count and count >= 1`);
  }
  return { index, count };
}
