import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe } from "vitest";

// Reference data and evaluation sets live in a `shared` folder beside the repository
// (measured GPU memory, de-identification corpora). CI always has it. A clone without it
// skips the suites that need it, except under CI, where a missing file fails the run so
// that a moved folder can never silently turn those suites off.

/** Absolute path of `relative` inside the shared folder beside the repository. */
export function sharedPath(relative: string): string {
  return path.resolve(__dirname, "../../../shared", relative);
}

/** Runs `body` as a describe block when `file` exists; otherwise skips it, or fails under CI. */
export function describeWithSharedData(name: string, file: string, body: () => void): void {
  if (existsSync(file)) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    throw new Error(
      `shared data file not found: ${file}; CI needs the shared folder beside the repository`,
    );
  }
  describe.skip(`${name} (skipped: ${file} not found)`, body);
}
