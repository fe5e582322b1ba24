import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideNodeGroups,
  decideRootVolumeGiB,
  validateGpuAmiType,
} from "../../infra/cluster/nodes";
import { fullConfig, qloraConfig, sizingPlan } from "./fixtures";

describe("decideRootVolumeGiB", () => {
  it("sizes a QLoRA training volume for one copy of the weights", () => {
    // (80 + 14.2 x 1.5) x 1.2 = 121.56, rounded up to 130.
    expect(decideRootVolumeGiB(14.2, "training", "qlora")).toBe(130);
  });

  it("sizes full fine-tuning for checkpoints with optimizer states", () => {
    // (80 + 14.2 x 7) x 1.2 = 215.28, rounded up to 220.
    expect(decideRootVolumeGiB(14.2, "training", "full")).toBe(220);
  });

  it("sizes serving for one copy of the weights", () => {
    // (80 + 14.2 x 1.1) x 1.2 = 114.74, rounded up to 120.
    expect(decideRootVolumeGiB(14.2, "serving", "lora")).toBe(120);
  });

  it("never sizes below the weights plus the image allowance", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1500, noNaN: true }), (weights) => {
        const size = decideRootVolumeGiB(weights, "serving", "qlora");
        expect(size).toBeGreaterThanOrEqual(weights + 80);
        expect(size % 10).toBe(0);
      }),
    );
  });

  it("grows with the weights", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1800, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (weights, extra) => {
          const small = decideRootVolumeGiB(weights, "training", "full");
          const large = decideRootVolumeGiB(weights + extra, "training", "full");
          expect(large).toBeGreaterThanOrEqual(small);
        },
      ),
    );
  });

  it("rejects a non-positive weight size", () => {
    expect(() => decideRootVolumeGiB(0, "serving", "lora")).toThrow(
      /modelWeightsGiB must be a positive number of GiB \(got 0\)/,
    );
  });

  it("rejects a volume above the gp3 maximum", () => {
    expect(() => decideRootVolumeGiB(3000, "training", "full")).toThrow(/gp3 maximum of 16384/);
  });
});

describe("validateGpuAmiType", () => {
  it("rejects a standard AMI on a GPU pool", () => {
    expect(() => validateGpuAmiType("training", "AL2023_x86_64_STANDARD")).toThrow(
      /AMI type AL2023_x86_64_STANDARD.*AL2023_x86_64_NVIDIA, BOTTLEROCKET_x86_64_NVIDIA/,
    );
  });

  it("accepts both NVIDIA AMI types", () => {
    expect(() => validateGpuAmiType("serving", "AL2023_x86_64_NVIDIA")).not.toThrow();
    expect(() => validateGpuAmiType("serving", "BOTTLEROCKET_x86_64_NVIDIA")).not.toThrow();
  });
});

describe("decideNodeGroups", () => {
  it("lets training scale to zero with max from the plan", () => {
    const groups = decideNodeGroups(fullConfig(), sizingPlan({ trainingNodes: 2, serving: false }));
    const training = groups.find((g) => g.pool === "training")!;
    expect(training.minSize).toBe(0);
    expect(training.maxSize).toBe(2);
    expect(training.desiredSize).toBe(2);
  });

  it("omits the serving pool when serving is off", () => {
    const groups = decideNodeGroups(fullConfig(), sizingPlan({ serving: false }));
    expect(groups.map((g) => g.pool)).toEqual(["system", "training"]);
  });

  it("sizes serving nodes from the replica count", () => {
    const groups = decideNodeGroups(qloraConfig(), sizingPlan({}));
    const serving = groups.find((g) => g.pool === "serving")!;
    expect(serving.instanceType).toBe("g6e.2xlarge");
    expect(serving.minSize).toBe(2);
    expect(serving.desiredSize).toBe(2);
    expect(serving.maxSize).toBe(2);
  });

  it("gives GPU pools the NVIDIA AMI, taint and labels", () => {
    const groups = decideNodeGroups(qloraConfig(), sizingPlan({}));
    for (const group of groups.filter((g) => g.gpu)) {
      expect(group.amiType).toBe("AL2023_x86_64_NVIDIA");
      expect(group.taints).toEqual([
        { key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" },
      ]);
      expect(group.labels["nvidia.com/gpu.present"]).toBe("true");
      expect(group.labels["hcft.io/pool"]).toBe(group.pool);
    }
  });

  it("keeps the system pool CPU-only and untainted", () => {
    const system = decideNodeGroups(qloraConfig(), sizingPlan({})).find(
      (g) => g.pool === "system",
    )!;
    expect(system.gpu).toBe(false);
    expect(system.amiType).toBe("AL2023_x86_64_STANDARD");
    expect(system.taints).toEqual([]);
    expect(system.labels["nvidia.com/gpu.present"]).toBeUndefined();
  });

  it("rejects a plan with zero training nodes", () => {
    expect(() => decideNodeGroups(qloraConfig(), sizingPlan({ trainingNodes: 0 }))).toThrow(
      /nodeCount must be a positive integer \(got 0\)/,
    );
  });
});
