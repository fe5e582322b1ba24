import { describe, expect, it } from "vitest";
import { decideSizing, instancesInRegion } from "../../infra/sizing";
import { findModel, type ModelArchitecture, parameterGroups } from "../../infra/sizing/model";
import { normalizeTraining } from "../../infra/sizing/request";
import { trainingFlopsPerToken, trainingThroughput } from "../../infra/sizing/throughput";

const model = findModel("qwen3-8b") as ModelArchitecture;
const active = parameterGroups(model).active;
// Causal attention per token and pass: 2 x 36 layers x 2048 tokens x 32 heads x 128.
const attentionPerPass = 2 * 36 * 2048 * 32 * 128;

describe("training FLOPs per token", () => {
  it("counts LoRA as forward, input gradients and recompute", () => {
    const training = normalizeTraining({ method: "qlora", seqLen: 2048 });
    expect(trainingFlopsPerToken(model, training)).toBe(6 * active + 3 * attentionPerPass);
  });

  it("adds weight gradients for full fine-tuning", () => {
    const training = normalizeTraining({ method: "full", seqLen: 2048, checkpointing: "none" });
    expect(trainingFlopsPerToken(model, training)).toBe(6 * active + 3 * attentionPerPass);
    const checkpointed = normalizeTraining({ method: "full", seqLen: 2048 });
    expect(trainingFlopsPerToken(model, checkpointed)).toBe(8 * active + 4 * attentionPerPass);
  });
});

describe("training throughput estimate", () => {
  const g6 = instancesInRegion("us-east-1").find((i) => i.instanceType === "g6.xlarge");
  if (!g6) throw new Error("g6.xlarge missing from us-east-1");

  it("derives tokens per second from the bf16 peak and utilization", () => {
    const training = normalizeTraining({ method: "qlora", seqLen: 2048, datasetExamples: 1000 });
    const estimate = trainingThroughput(model, training, g6, 1, 1);
    const flops = 6 * active + 3 * attentionPerPass;
    // L4: 121 TFLOPS bf16 dense, at 25% utilization for QLoRA.
    expect(estimate.tokensPerSecond).toBeCloseTo((121e12 * 0.25) / flops, 6);
    const hours = (1000 * 1000) / estimate.tokensPerSecond / 3600;
    expect(estimate.hoursForDataset).toBeCloseTo(hours, 6);
    expect(estimate.usdForDataset).toBeCloseTo(hours * 0.8048, 6);
  });

  it("counts one computing GPU for a layer split", () => {
    const sized = decideSizing({
      modelId: "qwen2.5-72b",
      region: "us-east-1",
      training: { method: "qlora", seqLen: 32_768 },
    });
    expect(sized.training.parallelism).toBe("device_map");
    const p4de = instancesInRegion("us-east-1").find((i) => i.instanceType === "p4de.24xlarge");
    if (!p4de) throw new Error("p4de.24xlarge missing from us-east-1");
    const training = normalizeTraining({ method: "qlora", seqLen: 32_768 });
    const single = trainingThroughput(
      findModel("qwen2.5-72b") as ModelArchitecture,
      training,
      p4de,
      1,
      1,
    );
    expect(sized.training.throughput.tokensPerSecond).toBe(Math.round(single.tokensPerSecond));
  });
});
