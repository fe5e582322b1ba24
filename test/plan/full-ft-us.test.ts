import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// Full fine-tuning of an 8B model shards weights, gradients and optimizer states over
// several GPUs with ZeRO-3.
describeStackPlan("full-ft-us", (plan) => {
  const training = plan.sizing?.training;
  expect(training?.parallelism).toBe("zero3");
  expect(training?.instance.gpusUsed).toBe(8);
  expect(training?.breakdown.optimizerStates).toBeGreaterThan(0);
  expect(training?.breakdown.gradients).toBeGreaterThan(0);
});
