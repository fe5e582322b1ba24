import { describe, expect, it } from "vitest";
import {
  decideSizing,
  gpuSpec,
  instancesInRegion,
  listInstanceTypes,
  SizingError,
  type SizingRequest,
  type TrainingWorkload,
} from "../../infra/sizing";
import type { GpuSpec, InstanceType } from "../../infra/sizing/instances";
import { findModel, type ModelArchitecture } from "../../infra/sizing/model";
import { normalizeServing, normalizeTraining } from "../../infra/sizing/request";
import { trainingSupportProblem } from "../../infra/sizing/select";
import { servingMemory } from "../../infra/sizing/serving";

const MUMBAI_ABSENT = /^(g6e|p4de|p5e)\./;

function plan(
  modelId: string,
  region: string,
  training: TrainingWorkload,
  extra: Partial<SizingRequest> = {},
) {
  return decideSizing({ modelId, region, training, ...extra });
}

describe("region", () => {
  it("offers no g6e, p4de or p5e in ap-south-1", () => {
    const types = listInstanceTypes("ap-south-1");
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((type) => MUMBAI_ABSENT.test(type))).toEqual([]);
  });

  it("offers only g6 in ap-south-2", () => {
    const types = listInstanceTypes("ap-south-2");
    expect(types.length).toBe(8);
    expect(types.every((type) => type.startsWith("g6."))).toBe(true);
  });

  it("never picks a family Mumbai lacks for an India tier", () => {
    const workloads: [string, TrainingWorkload][] = [
      ["qwen2.5-14b", { method: "qlora", seqLen: 8192 }],
      ["qwen3-32b", { method: "qlora", seqLen: 4096 }],
      ["qwen2.5-72b", { method: "qlora", seqLen: 4096 }],
      ["qwen3-8b", { method: "lora", seqLen: 4096 }],
    ];
    for (const [model, training] of workloads) {
      const sized = plan(model, "ap-south-1", training);
      expect(sized.training.instance.instanceType).not.toMatch(MUMBAI_ABSENT);
      for (const rejection of sized.training.rejected) {
        expect(rejection.instanceType).not.toMatch(MUMBAI_ABSENT);
      }
    }
  });

  it("changes the choice between us-east-1 and ap-south-1", () => {
    const training: TrainingWorkload = { method: "qlora", seqLen: 8192 };
    expect(plan("qwen2.5-14b", "us-east-1", training).training.instance.instanceType).toBe(
      "g6e.xlarge",
    );
    expect(plan("qwen2.5-14b", "ap-south-1", training).training.instance.instanceType).not.toBe(
      "g6e.xlarge",
    );
  });

  it("prices ap-south-1 above us-east-1", () => {
    const mumbai = instancesInRegion("ap-south-1").find((i) => i.instanceType === "g5.xlarge");
    const virginia = instancesInRegion("us-east-1").find((i) => i.instanceType === "g5.xlarge");
    expect(mumbai?.price).toBe(1.208);
    expect(virginia?.price).toBe(1.006);
  });

  it("rejects a region without prices", () => {
    expect(() => plan("qwen3-8b", "eu-west-3", { method: "qlora", seqLen: 2048 })).toThrow(
      /no GPU instance type has an on-demand price in region "eu-west-3"/,
    );
  });
});

describe("selection", () => {
  it("picks the cheapest instance that fits", () => {
    const sized = plan("qwen3-8b", "us-east-1", { method: "qlora", seqLen: 2048 });
    expect(sized.training.instance.instanceType).toBe("g6.xlarge");
    expect(sized.training.instance.headroomPct).toBeGreaterThanOrEqual(10);
    expect(sized.training.rejected).toEqual([]);
  });

  it("gives a reason for each cheaper instance", () => {
    const sized = plan("qwen2.5-14b", "us-east-1", { method: "qlora", seqLen: 8192 });
    const chosenPrice = sized.training.instance.usdPerHour;
    expect(sized.training.rejected.length).toBeGreaterThan(0);
    for (const rejection of sized.training.rejected) {
      const price = instancesInRegion("us-east-1").find(
        (i) => i.instanceType === rejection.instanceType,
      )?.price;
      expect(price).toBeLessThanOrEqual(chosenPrice);
      expect(rejection.reason).toMatch(/needs \d+\.\d\d GiB per GPU, above \d+\.\d\d GiB/);
    }
  });

  it("respects a larger headroom", () => {
    const training: TrainingWorkload = { method: "qlora", seqLen: 4096 };
    const loose = plan("qwen3-8b", "us-east-1", training, { headroomPct: 0 });
    const strict = plan("qwen3-8b", "us-east-1", training, { headroomPct: 40 });
    expect(loose.training.instance.gpuMemoryGiB).toBe(22.5);
    expect(strict.training.instance.gpuMemoryGiB).toBeGreaterThan(22.5);
  });

  it("rejects GPUs without fp8 for fp8 base weights", () => {
    const fp8 = normalizeTraining({ method: "lora", seqLen: 2048, baseWeights: "fp8" });
    expect(trainingSupportProblem(gpuSpec("A10G-24GB"), fp8)).toMatch(
      /fp8 base weights need fp8 support/,
    );
    expect(trainingSupportProblem(gpuSpec("A100-80GB"), fp8)).toMatch(/Ampere has none/);
    expect(trainingSupportProblem(gpuSpec("L4-24GB"), fp8)).toBeNull();
    const sized = plan("qwen3-8b", "ap-south-1", {
      method: "lora",
      seqLen: 2048,
      baseWeights: "fp8",
    });
    expect(sized.training.instance.gpuModel).not.toMatch(/A10G|A100/);
  });

  it("requires Ampere or newer for NF4 with bf16 compute", () => {
    const turing: GpuSpec = {
      architecture: "Turing",
      nominalGB: 16,
      usableGiB: 14.74,
      bf16: false,
      flashAttention2: false,
      fp8: false,
      bf16DenseTflops: 65,
      memoryBandwidthGBs: 320,
    };
    const qlora = normalizeTraining({ method: "qlora", seqLen: 2048, attention: "sdpa" });
    expect(trainingSupportProblem(turing, qlora)).toMatch(
      /NF4 with bf16 compute needs bf16 support \(Ampere or newer\)/,
    );
    const ampere: GpuSpec = {
      ...turing,
      architecture: "Ampere",
      bf16: true,
      flashAttention2: true,
    };
    expect(trainingSupportProblem(ampere, qlora)).toBeNull();
  });

  it("skips instances the catalog lists without a region price", () => {
    const catalog: InstanceType[] = [
      {
        instanceType: "x1.large",
        family: "x1",
        gpuModel: "A10G-24GB",
        gpuCount: 1,
        vcpu: 4,
        ramGiB: 16,
        usdPerHour: { "us-east-1": 1 },
        regions: ["us-east-1", "ap-south-1"],
      },
    ];
    expect(instancesInRegion("ap-south-1", catalog)).toEqual([]);
    expect(instancesInRegion("us-east-1", catalog).map((i) => i.instanceType)).toEqual([
      "x1.large",
    ]);
  });
});

describe("custom architecture", () => {
  it("sizes a model given by config values", () => {
    const sized = decideSizing({
      architecture: {
        id: "clinic-7b",
        hiddenSize: 4096,
        intermediateSize: 11_008,
        layers: 32,
        attentionHeads: 32,
        kvHeads: 8,
        vocabSize: 32_000,
      },
      region: "us-east-1",
      training: { method: "qlora", seqLen: 2048 },
    });
    expect(sized.modelId).toBe("clinic-7b");
    expect(sized.modelWeightsGiB).toBeGreaterThan(11);
    expect(sized.modelWeightsGiB).toBeLessThan(13);
    expect(sized.training.instance.instanceType).toBe("g6.xlarge");
  });

  it("rejects an unknown model id with the catalog", () => {
    const request = () =>
      decideSizing({
        modelId: "qwen9-1t",
        region: "us-east-1",
        training: { method: "qlora", seqLen: 2048 },
      });
    expect(request).toThrow(SizingError);
    expect(request).toThrow(/unknown model "qwen9-1t"; expected a catalog id \(.*qwen3-8b/);
  });
});

describe("multi-GPU", () => {
  it("shards full fine-tuning with ZeRO-3 when one GPU is too small", () => {
    const sized = plan("qwen2.5-32b", "us-east-1", { method: "full", seqLen: 4096 });
    expect(sized.training.parallelism).toBe("zero3");
    expect(sized.training.instance.gpusUsed).toBeGreaterThan(1);
    expect(sized.training.instance.reason).toMatch(
      /comparing one GPU with all GPUs of one instance by price per hour/,
    );
  });

  it("splits layers for a large QLoRA run", () => {
    const sized = plan("qwen2.5-72b", "us-east-1", { method: "qlora", seqLen: 32_768 });
    expect(sized.training.parallelism).toBe("device_map");
    expect(sized.training.instance.gpusUsed).toBe(sized.training.instance.gpuCount);
  });

  it("spans nodes for a requested GPU count", () => {
    const training: TrainingWorkload = {
      method: "full",
      seqLen: 4096,
      gpus: 16,
      parallelism: "zero3",
    };
    const sized = plan("qwen2.5-72b", "us-east-1", training);
    expect(sized.training.instance.gpusUsed).toBe(16);
    expect(sized.training.instance.nodeCount).toBe(16 / sized.training.instance.gpuCount);
  });

  it("spans nodes only on 8-GPU instances", () => {
    const training: TrainingWorkload = {
      method: "full",
      seqLen: 4096,
      gpus: 8,
      parallelism: "zero3",
    };
    const sized = plan("qwen3-8b", "us-east-1", training);
    const { gpuCount, nodeCount } = sized.training.instance;
    expect(gpuCount * nodeCount).toBe(8);
    expect(nodeCount === 1 || gpuCount === 8).toBe(true);
  });

  it("sets gradient accumulation from the data-parallel degree", () => {
    const training: TrainingWorkload = {
      method: "lora",
      seqLen: 2048,
      gpus: 4,
      parallelism: "ddp",
      globalBatch: 32,
    };
    expect(plan("qwen3-8b", "us-east-1", training).training.trainer.gradientAccumulationSteps).toBe(
      8,
    );
  });

  it("fails with the knobs in order when nothing fits", () => {
    const training: TrainingWorkload = {
      method: "full",
      seqLen: 32_768,
      microBatch: 2,
      checkpointing: "none",
    };
    let error: unknown;
    try {
      plan("qwen2.5-72b", "ap-south-2", training);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SizingError);
    const message = (error as Error).message;
    expect(message).toMatch(/fits no instance in ap-south-2/);
    expect(message).toMatch(/needing \d+\.\d\d GiB per GPU against 20\.25 GiB/);
    const knobs = [
      "shorter context",
      "smaller micro-batch",
      "QLoRA",
      "gradient checkpointing",
      "smaller model",
      "more GPUs",
    ];
    const positions = knobs.map((knob) => message.indexOf(knob));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe("serving", () => {
  it("uses tensor parallelism when one GPU is not enough", () => {
    const sized = plan(
      "qwen2.5-72b",
      "us-east-1",
      { method: "qlora", seqLen: 2048 },
      {
        serving: { enabled: true, maxModelLen: 32_768, maxNumSeqs: 8 },
      },
    );
    expect(sized.serving?.tensorParallelSize).toBeGreaterThan(1);
    expect(sized.serving?.maxModelLenThatFits).toBeGreaterThanOrEqual(32_768);
  });

  it("names the largest max model length that fits", () => {
    const request = () =>
      plan(
        "qwen3-8b",
        "ap-south-2",
        { method: "qlora", seqLen: 2048 },
        {
          serving: { enabled: true, maxModelLen: 40_960, maxNumSeqs: 1024 },
        },
      );
    expect(request).toThrow(SizingError);
    expect(request).toThrow(
      /largest serving\.maxModelLen that fits at serving\.maxNumSeqs 1024 is \d+ tokens/,
    );
  });

  it("grows the KV cache with length and concurrency", () => {
    const serve = (maxModelLen: number, maxNumSeqs: number) =>
      plan(
        "qwen3-8b",
        "us-east-1",
        { method: "qlora", seqLen: 2048 },
        {
          serving: { enabled: true, maxModelLen, maxNumSeqs },
        },
      ).serving?.breakdown.kvCache ?? 0;
    // 147,456 bytes per token x 8,192 tokens x 4 sequences = 4.5 GiB.
    expect(serve(8192, 4)).toBeCloseTo(4.5, 3);
    expect(serve(16_384, 4)).toBeCloseTo(9, 3);
    expect(serve(8192, 8)).toBeCloseTo(9, 3);
  });

  it("keeps one KV head per GPU beyond the KV head count", () => {
    const serving = { enabled: true as const, maxModelLen: 32_768, maxNumSeqs: 64 };
    const model = findModel("qwen2.5-0.5b") as ModelArchitecture;
    const resolved = normalizeServing(serving);
    if (resolved === null) throw new Error("serving is enabled");
    // Two KV heads: tensor parallel 2 halves the cache, and 4 GPUs still keep one head each.
    const tp1 = servingMemory(model, resolved, 1).breakdown.kvCache;
    expect(servingMemory(model, resolved, 2).breakdown.kvCache).toBeCloseTo(tp1 / 2, 6);
    expect(servingMemory(model, resolved, 4).breakdown.kvCache).toBeCloseTo(tp1 / 2, 6);
  });

  it("shrinks weights with int4 AWQ", () => {
    const serve = (weightPrecision: "bf16" | "int4-awq") =>
      plan(
        "qwen3-8b",
        "us-east-1",
        { method: "qlora", seqLen: 2048 },
        {
          serving: { enabled: true, maxModelLen: 4096, weightPrecision },
        },
      ).serving?.breakdown.weights ?? 0;
    expect(serve("int4-awq")).toBeLessThan(serve("bf16") / 2);
  });

  it("estimates cost per 1,000 notes", () => {
    const sized = plan(
      "qwen3-8b",
      "us-east-1",
      { method: "qlora", seqLen: 2048 },
      {
        serving: { enabled: true, maxModelLen: 8192 },
      },
    );
    expect(sized.serving?.usdPer1000Notes).toBeGreaterThan(0);
    expect(sized.training.throughput.tokensPerSecond).toBeGreaterThan(0);
    expect(sized.training.throughput.usdForDataset).toBeGreaterThan(0);
  });
});
