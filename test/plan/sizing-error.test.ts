import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { type PlanRun, planInProcess } from "./harness";

// A tier that fits no instance is the user's to fix in the stack file: the plan exits 2
// with the estimator's numbers and the knobs to turn, before any resource is registered.

let run: PlanRun;
beforeAll(async () => {
  const source = readFileSync("stacks/Pulumi.full-ft-us.yaml", "utf8");
  const tooBig = source
    .replace("id: qwen3-8b", "id: qwen2.5-72b")
    .replace("seqLen: 4096", "seqLen: 32768")
    .replace("gpus: 8", "gpus: 1")
    .replace("parallelism: zero3", "parallelism: single");
  const dir = mkdtempSync(path.join(tmpdir(), "hcft-stack-"));
  const file = path.join(dir, "Pulumi.too-big.yaml");
  writeFileSync(file, tooBig);
  run = await planInProcess(["--stack-file", file]);
}, 120_000);

it("exits 2 with the sizing message", () => {
  const text = run.err.join("\n");
  expect(run.code).toBe(2);
  expect(text).toContain("qwen2.5-72b (full, seqLen 32768");
  expect(text).toContain("fits no instance in us-east-1");
  expect(text).toContain("shorter context (training.seqLen)");
  expect(text).not.toMatch(/\n\s+at /);
});

it("registers no resource", () => {
  expect(run.plan).toBeUndefined();
  expect(run.out.some((line) => line.startsWith("Resources:"))).toBe(false);
});
