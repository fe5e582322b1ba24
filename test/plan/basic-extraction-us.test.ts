import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// LoRA on a 3B model at 2K tokens needs one 24 GB GPU in us-east-1.
describeStackPlan("basic-extraction-us", (plan) => {
  const training = plan.sizing?.training;
  expect(training?.instance.gpuMemoryGiB).toBeLessThanOrEqual(24);
  expect(training?.instance.gpusUsed).toBe(1);
  expect(training?.instance.headroomPct).toBeGreaterThanOrEqual(10);
});
