import { beforeAll, expect, it } from "vitest";
import { type PlanRun, planInProcess } from "./harness";

// A program that imports a package missing from node_modules exits 2 with one line that
// names the package, not a module-resolution error from the plan runner.

let run: PlanRun;
beforeAll(async () => {
  run = await planInProcess(["--program", "test/plan/fixtures/missing-module.ts"]);
}, 120_000);

it("names the missing package", () => {
  expect(run.code).toBe(2);
  expect(run.err.filter((line) => line.startsWith("error:"))).toEqual([
    "error: --program test/plan/fixtures/missing-module.ts: cannot import " +
      "@pulumi/hcft-not-installed; install it, or move the program inside a folder whose " +
      "node_modules has it, such as this repository",
  ]);
});

it("writes no plan.json", () => {
  expect(run.plan).toBeUndefined();
});
