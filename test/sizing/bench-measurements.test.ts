import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadMeasurements, MeasurementsNotFoundError } from "../../bench/calibration-points";

// A clone without the sibling shared folder has no measurements file: the bench must name
// the missing file and what it contains, in one line, and exit 2.

const missing = join(__dirname, "no-such-dir", "vram-measurements.json");

it("loadMeasurements names the missing file", () => {
  expect(() => loadMeasurements(missing)).toThrow(MeasurementsNotFoundError);
  expect(() => loadMeasurements(missing)).toThrow(`file not found: ${missing}`);
  expect(() => loadMeasurements(missing)).toThrow(/public peak-memory measurements/);
});

it("bench exits 2 with one line", () => {
  const bench = spawnSync("npx", ["tsx", "bench/estimator.ts", "--measurements", missing], {
    encoding: "utf8",
    timeout: 60_000,
  });
  const lines = bench.stderr.trim().split("\n");
  expect(bench.status).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`error: file not found: ${missing}`);
  expect(bench.stdout).toBe("");
}, 60_000);
