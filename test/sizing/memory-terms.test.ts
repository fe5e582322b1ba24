import { describe, expect, it } from "vitest";
import type { Calibration } from "../../infra/sizing/calibration";
import {
  customArchitecture,
  findModel,
  type ModelArchitecture,
  parameterGroups,
} from "../../infra/sizing/model";
import { normalizeTraining, type TrainingWorkload } from "../../infra/sizing/request";
import { kvBytesPerToken } from "../../infra/sizing/serving";
import {
  GIB,
  loraParamsPerLayer,
  trainingMemory,
  visionTokensPerSample,
} from "../../infra/sizing/training";

// A small made-up architecture whose every term is easy to compute by hand:
// hidden 1024, MLP 4096, 10 layers, 8 query heads and 2 KV heads of 128, vocabulary 10,000.
const tiny = customArchitecture({
  id: "tiny",
  hiddenSize: 1024,
  intermediateSize: 4096,
  layers: 10,
  attentionHeads: 8,
  kvHeads: 2,
  headDim: 128,
  vocabSize: 10_000,
  tiedEmbeddings: false,
});

// Round constants so the expected bytes below stay exact.
const c: Calibration = {
  checkpointBytesPerHidden: 2,
  layerActivationBytesPerHidden: 30,
  logitsBytesPerVocab: 8,
  chunkedLogitsBytesPerVocab: 2,
  runtimeOverheadGiB: 1,
  fragmentation: 0,
};

const EMBEDDING = 10_000 * 1024;
const LINEAR_PER_LAYER = 2 * 1024 * 1024 + 2 * 1024 * 256 + 3 * 1024 * 4096;
const LINEAR = 10 * LINEAR_PER_LAYER;
const TOTAL = 2 * EMBEDDING + 10 * (LINEAR_PER_LAYER + 2 * 1024) + 1024;

function memory(workload: Partial<TrainingWorkload>, model: ModelArchitecture = tiny) {
  const training = normalizeTraining({ method: "lora", seqLen: 512, microBatch: 2, ...workload });
  return trainingMemory({ model, training, parallelism: "single", gpus: 1 }, c).breakdown;
}

function bytes(gib: number): number {
  return Math.round(gib * GIB);
}

describe("parameter groups", () => {
  it("counts a custom architecture from its config", () => {
    const groups = parameterGroups(tiny);
    expect(groups.embedding).toBe(EMBEDDING);
    expect(groups.lmHead).toBe(EMBEDDING);
    expect(groups.decoderLinear).toBe(LINEAR);
    expect(Math.round(groups.total)).toBe(TOTAL);
    expect(Math.round(groups.other)).toBe(TOTAL - 2 * EMBEDDING - LINEAR);
  });

  it("reproduces catalog totals from config values", () => {
    for (const id of ["qwen2.5-7b", "qwen3-8b", "qwen3-32b", "qwen2.5-72b", "qwen3-30b-a3b"]) {
      const entry = findModel(id) as ModelArchitecture;
      const rebuilt = customArchitecture({ ...entry, headDim: entry.headDim });
      // Qwen2.5's q/k/v biases and Qwen3's q/k norms are the only parameters left out.
      expect(Math.abs(rebuilt.paramsTotalB / entry.paramsTotalB - 1)).toBeLessThan(0.005);
    }
  });
});

describe("weights", () => {
  it("stores bf16 weights at 2 bytes per parameter", () => {
    expect(bytes(memory({ baseWeights: "bf16" }).weights)).toBe(2 * TOTAL);
    expect(memory({ baseWeights: "bf16" }).quantConstants).toBe(0);
  });

  it("stores NF4 linear layers at 4 bits with double-quant constants", () => {
    const breakdown = memory({ method: "qlora", baseWeights: "nf4" });
    const sixteenBit = TOTAL - LINEAR;
    expect(bytes(breakdown.weights)).toBe(0.5 * LINEAR + 2 * sixteenBit);
    // One 8-bit absmax per 64 weights plus fp32 constants per 256 blocks.
    expect(bytes(breakdown.quantConstants)).toBe(Math.round(LINEAR * (1 / 64 + 8 / 16_384)));
  });

  it("stores GPTQ constants per group of 128", () => {
    const breakdown = memory({ method: "qlora", baseWeights: "int4-gptq" });
    expect(bytes(breakdown.quantConstants)).toBe(Math.round((LINEAR * 2.5) / 128));
  });
});

describe("LoRA terms", () => {
  const rank = 8;
  const perLayer = rank * 2048 * 2 + rank * 1280 * 2 + 3 * rank * (1024 + 4096);

  it("counts adapter parameters for all-linear and attention targets", () => {
    expect(loraParamsPerLayer(tiny, rank, "all-linear")).toBe(perLayer);
    expect(loraParamsPerLayer(tiny, rank, "attention")).toBe(rank * 2048 * 2 + rank * 1280 * 2);
  });

  it("keeps adapters, gradients and AdamW states in fp32", () => {
    const breakdown = memory({ lora: { rank, targets: "all-linear" }, optimizer: "adamw" });
    expect(bytes(breakdown.adapters)).toBe(4 * 10 * perLayer);
    expect(bytes(breakdown.gradients)).toBe(4 * 10 * perLayer);
    expect(bytes(breakdown.optimizerStates)).toBe(8 * 10 * perLayer);
  });

  it("uses 2 bytes per parameter for 8-bit optimizers", () => {
    for (const optimizer of ["adamw-8bit", "paged-adamw-8bit"] as const) {
      const breakdown = memory({ lora: { rank, targets: "all-linear" }, optimizer });
      expect(bytes(breakdown.optimizerStates)).toBe(2 * 10 * perLayer);
    }
  });

  it("costs a trainable lm_head as full fine-tuning", () => {
    const plain = memory({ lora: { rank } });
    const withHead = memory({ lora: { rank }, trainModules: ["lm_head"] });
    expect(bytes(withHead.weights - plain.weights)).toBe(2 * EMBEDDING);
    expect(bytes(withHead.gradients - plain.gradients)).toBe(2 * EMBEDDING);
    expect(bytes(withHead.optimizerStates - plain.optimizerStates)).toBe(8 * EMBEDDING);
  });
});

describe("full fine-tuning terms", () => {
  it("keeps fp32 master weights and gradients under mixed precision", () => {
    const breakdown = memory({ method: "full", optimizer: "adamw" });
    expect(bytes(breakdown.gradients)).toBe(6 * TOTAL);
    expect(bytes(breakdown.optimizerStates)).toBe(12 * TOTAL);
  });

  it("keeps bf16 states without a master copy", () => {
    const breakdown = memory({ method: "full", optimizer: "adamw", masterWeights: false });
    expect(bytes(breakdown.gradients)).toBe(2 * TOTAL);
    expect(bytes(breakdown.optimizerStates)).toBe(4 * TOTAL);
  });

  it("stores no gradients with the optimizer step in backward", () => {
    const breakdown = memory({ method: "full", optimizerInBackward: true });
    expect(breakdown.gradients).toBe(0);
  });
});

describe("activations and logits", () => {
  const tokens = 2 * 512;

  it("keeps one state per layer plus one layer with checkpointing", () => {
    const breakdown = memory({ checkpointing: "standard" });
    expect(bytes(breakdown.activations)).toBe(10 * 2 * 1024 * tokens + 30 * 1024 * tokens);
  });

  it("keeps every layer's activations without checkpointing", () => {
    expect(bytes(memory({ checkpointing: "none" }).activations)).toBe(10 * 30 * 1024 * tokens);
  });

  it("keeps one layer on the GPU with offloaded checkpoints", () => {
    expect(bytes(memory({ checkpointing: "offload" }).activations)).toBe(30 * 1024 * tokens);
  });

  it("adds score matrices for eager attention only", () => {
    const flash = memory({ attention: "flash" }).activations;
    const sdpa = memory({ attention: "sdpa" }).activations;
    const eager = memory({ attention: "eager" }).activations;
    expect(sdpa).toBe(flash);
    expect(bytes(eager - flash)).toBe(2 * 8 * 512 * 512 * 6);
  });

  it("sizes logits over the vocabulary for every token", () => {
    expect(bytes(memory({}).logits)).toBe(tokens * 10_000 * 8);
    expect(bytes(memory({ chunkedCrossEntropy: true }).logits)).toBe(tokens * 10_000 * 2);
  });

  it("sizes packed rows like full rows", () => {
    expect(memory({ packing: true })).toEqual(memory({ packing: false }));
  });

  it("adds runtime overhead on top of the terms", () => {
    expect(memory({}).runtimeOverhead).toBe(1);
  });
});

describe("vision and KV cache", () => {
  it("turns a pixel cap into LLM tokens per image", () => {
    const model = findModel("qwen2.5-vl-7b") as ModelArchitecture;
    const training = normalizeTraining({
      method: "lora",
      seqLen: 2048,
      vision: { imagesPerSample: 2, maxPixels: 1_003_520 },
    });
    // 28 x 28 pixels per token after the 2 x 2 merge: 1,003,520 / 784 = 1,280.
    expect(visionTokensPerSample(model, training)).toBe(2560);
  });

  it("computes KV bytes per token from the config", () => {
    // 2 x 28 layers x 4 KV heads x 128 x 2 bytes.
    expect(kvBytesPerToken(findModel("qwen2.5-7b") as ModelArchitecture)).toBe(57_344);
    expect(kvBytesPerToken(findModel("qwen3-8b") as ModelArchitecture)).toBe(147_456);
  });
});
