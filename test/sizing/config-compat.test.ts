import { describe, expect, it } from "vitest";
import type { StackConfig } from "../../infra/config/schema";
import { decideSizing, type SizingRequest } from "../../infra/sizing";

// A parsed stack config must pass to the estimator field for field, without mapping.
function requestFromConfig(config: StackConfig): SizingRequest {
  return {
    modelId: config.model.id,
    region: config.region,
    headroomPct: config.sizing.headroomPct,
    training: config.training,
    serving: config.serving,
  };
}

describe("stack config compatibility", () => {
  it("sizes a request built from a parsed config", () => {
    const training = {
      method: "qlora",
      seqLen: 4096,
      microBatch: 1,
      globalBatch: 16,
      checkpointing: "standard",
      attention: "flash",
      packing: false,
      trainModules: [],
      datasetExamples: 10_000,
      datasetTokensPerExample: 1_000,
      baseWeights: "nf4",
      optimizer: "paged-adamw-8bit",
      parallelism: "single",
      lora: { rank: 16, alpha: 32, dropout: 0.05, targets: "all-linear" },
    } satisfies StackConfig["training"];
    const partial = {
      model: { id: "qwen3-8b" },
      region: "us-east-1",
      sizing: { headroomPct: 10 },
      training,
      serving: { enabled: false },
    } as unknown as StackConfig;
    const plan = decideSizing(requestFromConfig(partial));
    expect(plan.modelId).toBe("qwen3-8b");
    expect(plan.serving).toBeNull();
  });
});
