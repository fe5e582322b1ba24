import { beforeAll, expect, it } from "vitest";
import { type PlanRun, planInProcess } from "./harness";

// An error inside the program (here a throwing `apply`) fails the plan with exit 1 and
// the error's message, instead of a hang or a partial plan.json.

let run: PlanRun;
beforeAll(async () => {
  run = await planInProcess(["--program", "test/plan/fixtures/failing-apply.ts"]);
}, 120_000);

it("exits 1 with the program's error", () => {
  expect(run.code).toBe(1);
  const text = run.err.join("\n");
  expect(text).toContain("hcft plan failed:");
  expect(text).toContain("tag callback failed for arn:aws:kms:us-east-1:123456789012:key/");
});

it("writes no plan.json", () => {
  expect(run.plan).toBeUndefined();
});
