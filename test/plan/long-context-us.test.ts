import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// A 16K context pushes QLoRA of a 14B model to the 80 GB class or to several GPUs.
describeStackPlan("long-context-us", (plan) => {
  const instance = plan.sizing?.training.instance;
  const eightyClass = (instance?.gpuMemoryGiB ?? 0) >= 70;
  const severalGpus = (instance?.gpusUsed ?? 0) > 1;
  expect(eightyClass || severalGpus, JSON.stringify(instance)).toBe(true);
  expect(plan.sizing?.serving?.maxModelLen).toBe(16384);
});
