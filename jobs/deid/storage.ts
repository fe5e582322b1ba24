import type { Readable } from "node:stream";
import type { Location } from "./uri";

/** Outcome of one atomic write. */
export interface WriteResult {
  bytes: number;
  sha256: string;
}

/** Appends text to an output that is not yet visible. */
export type Writer = (chunk: string) => Promise<void>;

/**
 * A place objects are read from and published to. `publish` makes the object visible
 * under its final name only after `produce` has finished. If `produce` throws, or the
 * process dies, nothing appears under that name.
 */
export interface Store {
  /** Relative keys of the objects under a prefix, sorted, skipping job bookkeeping. */
  list(prefix: Location): Promise<string[]>;
  /** True when a location is a prefix (a directory, or a key ending in "/"). */
  isPrefix(location: Location): Promise<boolean>;
  read(location: Location): Promise<Readable>;
  publish(location: Location, produce: (write: Writer) => Promise<void>): Promise<WriteResult>;
}

/** Folder names the job writes next to its outputs and never reads back as input. */
export const BOOKKEEPING_PREFIXES = ["_reports/", "_tmp/", "deid-lineage/"];

/** True when a relative key is job bookkeeping or a hidden temporary file. */
export function isBookkeeping(relative: string): boolean {
  if (BOOKKEEPING_PREFIXES.some((prefix) => relative.startsWith(prefix))) return true;
  return relative.split("/").some((part) => part.startsWith("."));
}
