import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { tempDir } from "./helpers";

// A clone without the shared folder has no evaluation sets: the bench names the missing
// file in one line and exits 2 instead of printing a stack trace.

it("bench:deid exits 2 on a missing file", () => {
  const empty = tempDir();
  try {
    const bench = spawnSync(
      process.execPath,
      ["--import", "tsx", "bench/deid.ts", "--data", empty.path, "--large-mb", "0"],
      { encoding: "utf8", timeout: 60_000 },
    );
    const lines = bench.stderr.trim().split("\n");
    expect(bench.status).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`evaluation file not found: ${join(empty.path, "dev.jsonl")}`);
    expect(bench.stdout).toBe("");
  } finally {
    empty.remove();
  }
}, 60_000);
