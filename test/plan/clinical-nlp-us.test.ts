import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// QLoRA of a 14B model is comfortable on a 48 GB GPU, so this tier lands in that class.
describeStackPlan("clinical-nlp-us", (plan) => {
  const training = plan.sizing?.training;
  expect(training?.instance.gpuMemoryGiB).toBeGreaterThan(24);
  expect(training?.instance.gpuMemoryGiB).toBeLessThanOrEqual(48);
  expect(training?.instance.headroomPct).toBeGreaterThanOrEqual(10);
  expect(training?.instance.gpusUsed).toBe(1);
});
