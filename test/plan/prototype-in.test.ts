import { expect } from "vitest";
import { describeStackPlan } from "./harness";

// QLoRA of a 7-8B model at 2-4K tokens fits a 16 GB GPU and is comfortable on 24 GB, so
// the India tier lands on a 24 GB GPU that Mumbai offers. It is the default stack, so the
// plan runs without --stack, with both packs named.
describeStackPlan(
  "prototype-in",
  (plan) => {
    const training = plan.sizing?.training;
    expect(training?.instance.gpuMemoryGiB).toBeLessThanOrEqual(24);
    expect(training?.instance.gpusUsed).toBe(1);
    expect(training?.peakGiB).toBeGreaterThan(8);
    expect(training?.peakGiB).toBeLessThan(20);
    expect(plan.sizing?.region).toBe("ap-south-1");
  },
  ["--packs", "hipaa,dpdp"],
);
