import { describe, expect, it } from "vitest";
import {
  decideSizing,
  FLAG_VOCABULARY,
  findModel,
  SizingError,
  type SizingRequest,
  type TrainingWorkload,
} from "../../infra/sizing";
import { trainingOptions } from "../../infra/sizing/decide";
import { instancesInRegion } from "../../infra/sizing/instances";
import { normalizeTraining } from "../../infra/sizing/request";
import { candidateFits, candidateUsdPerHour } from "../../infra/sizing/select";

// Context limits, the cheapest-overall rule without a GPU count, idle GPUs and hints in
// the caller's vocabulary.

function plan(modelId: string, training: TrainingWorkload, extra: Partial<SizingRequest> = {}) {
  return decideSizing({ modelId, region: "us-east-1", training, ...extra });
}

function sizingError(run: () => unknown): SizingError {
  try {
    run();
  } catch (error) {
    if (error instanceof SizingError) return error;
    throw error;
  }
  throw new Error("expected a SizingError");
}

describe("context limit", () => {
  it("rejects seqLen past the limit", () => {
    const error = sizingError(() => plan("llama-2-7b", { method: "lora", seqLen: 65_536 }));
    expect(error.message).toContain("invalid training.seqLen 65536");
    expect(error.message).toContain("expected at most 4096");
  });

  it("rejects maxModelLen past the limit", () => {
    const serving = { enabled: true as const, maxModelLen: 200_000 };
    const error = sizingError(() =>
      plan("qwen3-8b", { method: "qlora", seqLen: 2048 }, { serving }),
    );
    expect(error.message).toContain("invalid serving.maxModelLen 200000");
    expect(error.message).toContain("expected at most 40960");
  });

  it("names flags in the flag vocabulary", () => {
    const error = sizingError(() => plan("llama-2-7b", { method: "lora", seqLen: 65_536 }));
    expect(error.describe(FLAG_VOCABULARY)).toContain("invalid --seq-len 65536");
  });

  it("caps the largest length that fits", () => {
    const serving = {
      enabled: true as const,
      maxModelLen: 2048,
      maxNumSeqs: 1,
      weightPrecision: "int4-awq" as const,
    };
    const sized = plan("qwen3-8b", { method: "qlora", seqLen: 2048 }, { serving });
    const limit = findModel("qwen3-8b")?.maxPositionEmbeddings;
    expect(sized.serving?.maxModelLenThatFits).toBe(limit);
  });
});

describe("choice without a GPU count", () => {
  it("prefers one GPU when cheaper", () => {
    const sized = plan("qwen3-8b", { method: "lora", seqLen: 2048, parallelism: "zero3" });
    expect(sized.training.instance.instanceType).toBe("g6e.xlarge");
    expect(sized.training.instance.gpusUsed).toBe(1);
  });

  it("picks the cheapest fitting candidate", () => {
    const model = findModel("qwen3-8b");
    if (model === undefined) throw new Error("qwen3-8b missing from the catalog");
    for (const method of ["full", "lora", "qlora"] as const) {
      const workload: TrainingWorkload = { method, seqLen: 8192 };
      const training = normalizeTraining(workload);
      const { candidates } = trainingOptions(model, training, instancesInRegion("us-east-1"));
      const prices = candidates.filter((c) => candidateFits(c, 10)).map(candidateUsdPerHour);
      const chosen = plan("qwen3-8b", workload).training.instance.usdPerHour;
      expect(chosen).toBeCloseTo(Math.min(...prices), 4);
    }
  });
});

describe("rejections", () => {
  it("show the closest layout per type", () => {
    const { rejected } = plan("qwen3-8b", { method: "full", seqLen: 2048 }).training;
    const g6 = rejected.find((rejection) => rejection.instanceType === "g6.12xlarge");
    expect(g6?.reason).toContain("with zero3 over 4 GPUs");
  });
});

describe("idle GPUs", () => {
  it("counts idle GPUs and a cheaper instance", () => {
    const workload: TrainingWorkload = {
      method: "full",
      seqLen: 2048,
      gpus: 4,
      parallelism: "zero3",
    };
    const { instance } = plan("qwen3-8b", workload).training;
    expect(instance.instanceType).toBe("p4de.24xlarge");
    expect(instance.reason).toContain("4 of the 8 GPUs billed sit idle");
    expect(instance.reason).toContain("p4d.24xlarge runs zero3 on all 8 of its GPUs for $21.96");
  });

  it("says nothing when every GPU works", () => {
    const { instance } = plan("qwen3-8b", { method: "qlora", seqLen: 2048 }).training;
    expect(instance.gpusUsed).toBe(instance.gpuCount);
    expect(instance.reason).not.toContain("idle");
  });
});

describe("hints", () => {
  it("skip knobs already in effect", () => {
    const workload: TrainingWorkload = { method: "qlora", seqLen: 32_768, gpus: 1 };
    const error = sizingError(() => plan("qwen2.5-72b", workload, { region: "ap-south-2" }));
    expect(error.message).toContain("shorter context (training.seqLen)");
    expect(error.message).not.toContain("micro-batch");
    expect(error.message).not.toContain("QLoRA");
    expect(error.message).not.toContain("gradient checkpointing");
  });

  it("use flags in the flag vocabulary", () => {
    const workload: TrainingWorkload = { method: "full", seqLen: 32_768, checkpointing: "none" };
    const error = sizingError(() => plan("qwen2.5-72b", workload, { region: "ap-south-2" }));
    const text = error.describe(FLAG_VOCABULARY);
    expect(text).toContain("shorter context (--seq-len)");
    expect(text).toContain("QLoRA (--method qlora)");
    expect(text).toContain("gradient checkpointing (--checkpointing standard or offload)");
    expect(text).not.toContain("training.");
  });

  it("serving rejections name tensor parallel", () => {
    const serving = { enabled: true as const, maxModelLen: 32_768, maxNumSeqs: 64 };
    const sized = plan("qwen3-8b", { method: "qlora", seqLen: 2048 }, { serving });
    const multi = sized.serving?.rejected.filter((r) => / over \d+ GPUs|tensor/.test(r.reason));
    expect(multi?.length).toBeGreaterThan(0);
    for (const rejection of multi ?? []) {
      expect(rejection.reason).toMatch(/with tensor parallel \d/);
      expect(rejection.reason).not.toContain("single");
    }
  });
});
