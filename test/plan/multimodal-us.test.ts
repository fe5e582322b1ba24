import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// LoRA of Qwen2.5-VL-7B with two images per example needs the 48-80 GB class.
describeStackPlan("multimodal-us", (plan) => {
  const training = plan.sizing?.training;
  expect(plan.sizing?.modelId).toBe("qwen2.5-vl-7b");
  expect(training?.instance.gpuMemoryGiB).toBeGreaterThan(24);
  expect(training?.instance.gpuMemoryGiB).toBeLessThanOrEqual(80);
});
