import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideDatasetGiB,
  decideGpusPerPod,
  decideShmGiB,
  decideTrainingDeadlineSeconds,
} from "../../infra/workloads/training";
import { qloraConfig, sizingPlan } from "../cluster/fixtures";

describe("training decisions", () => {
  it("sizes /dev/shm at 8 GiB per GPU", () => {
    expect(decideShmGiB(1)).toBe(8);
    expect(decideShmGiB(4)).toBe(32);
    expect(decideShmGiB(8)).toBe(64);
    expect(decideShmGiB(16)).toBe(64);
  });

  it("sizes the dataset volume from the config", () => {
    expect(decideDatasetGiB(qloraConfig())).toBe(1);
    const config = qloraConfig();
    const large = {
      ...config,
      training: { ...config.training, datasetExamples: 1_000_000, datasetTokensPerExample: 2_000 },
    };
    // 1e6 x 2,000 tokens x 4 bytes x 2 = 16e9 bytes, 14.9 GiB, rounded up to 15.
    expect(decideDatasetGiB(large)).toBe(15);
  });

  it("spreads GPUs evenly over nodes", () => {
    expect(decideGpusPerPod(sizingPlan({ trainingGpus: 8, trainingNodes: 2 }))).toBe(8);
    const uneven = sizingPlan({ trainingGpus: 8, trainingNodes: 2 });
    uneven.training.instance.gpusUsed = 12;
    uneven.training.instance.nodeCount = 8;
    expect(() => decideGpusPerPod(uneven)).toThrow(
      /gpusUsed \(12\) must divide evenly over nodeCount \(8\)/,
    );
  });

  it("never sets a deadline below the estimate", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10_000, noNaN: true }), (hours) => {
        const seconds = decideTrainingDeadlineSeconds(hours);
        expect(seconds).toBeGreaterThanOrEqual(hours * 1.5 * 3600 + 3600);
        expect(seconds % 3600).toBe(0);
      }),
    );
  });
});
