import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// QLoRA of a 32B model fits a 48 GB GPU and is comfortable on 80 GB; the tier sets
// 25% headroom, so it lands on an 80 GB GPU.
describeStackPlan("reasoning-us", (plan) => {
  const training = plan.sizing?.training;
  expect(plan.sizing?.headroomPct).toBe(25);
  expect(training?.peakGiB).toBeLessThan(44);
  expect(training?.instance.gpuMemoryGiB).toBeGreaterThanOrEqual(70);
  expect(training?.instance.headroomPct).toBeGreaterThanOrEqual(25);
});
