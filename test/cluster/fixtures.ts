import { parseStackConfig, type StackConfig } from "../../infra/config";
import type { InstanceChoice, MemoryBreakdown, SizingPlan } from "../../infra/sizing/types";

// Stack configurations and sizing plans shared by the cluster and workload tests.

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const registry = "123456789012.dkr.ecr.ap-south-1.amazonaws.com";

export const images = {
  deid: `${registry}/hcft/deid@${digest("a")}`,
  trainer: `${registry}/hcft/axolotl@${digest("b")}`,
  vllm: `${registry}/hcft/vllm@${digest("c")}`,
};

function baseRaw(training: Record<string, unknown>, serving: Record<string, unknown>) {
  return {
    environment: "qwen7b",
    region: "ap-south-1",
    compliance: { profiles: ["hipaa", "dpdp"], dataResidency: "IN" },
    model: { id: "qwen2.5-7b" },
    training,
    serving,
    cost: { maxUsdPerHour: 40 },
    cluster: { adminRoleArn: "arn:aws:iam::123456789012:role/platform-admin" },
    images,
    deid: { shards: 8, mode: "surrogate" },
  };
}

/** Returns a QLoRA tier with serving and two adapter slots. */
export function qloraConfig(): StackConfig {
  return parseStackConfig(
    "test-qlora",
    baseRaw(
      {
        method: "qlora",
        seqLen: 4096,
        microBatch: 2,
        globalBatch: 32,
        packing: true,
        lora: { rank: 32, alpha: 64, dropout: 0.1, targets: "attention" },
        trainModules: ["lm_head"],
      },
      {
        enabled: true,
        maxModelLen: 8192,
        maxNumSeqs: 32,
        replicas: 2,
        adapters: { maxLoras: 2, maxLoraRank: 32 },
      },
    ),
  );
}

/** Returns a full fine-tuning tier with ZeRO-3 and serving disabled. */
export function fullConfig(): StackConfig {
  return parseStackConfig(
    "test-full",
    baseRaw(
      {
        method: "full",
        seqLen: 2048,
        microBatch: 1,
        globalBatch: 64,
        checkpointing: "offload",
        attention: "sdpa",
        optimizer: "adamw",
        parallelism: "zero3",
      },
      { enabled: false },
    ),
  );
}

const zeroBreakdown: MemoryBreakdown = {
  weights: 0,
  quantConstants: 0,
  adapters: 0,
  gradients: 0,
  optimizerStates: 0,
  activations: 0,
  logits: 0,
  kvCache: 0,
  runtimeOverhead: 0,
};

function instance(type: string, gpuCount: number, nodeCount: number): InstanceChoice {
  return {
    instanceType: type,
    gpuModel: "H100",
    gpuCount,
    gpuMemoryGiB: 80,
    headroomPct: 20,
    usdPerHour: 10,
    nodeCount,
    gpusUsed: gpuCount * nodeCount,
    reason: "fixture",
  };
}

/** Builds a sizing plan: training on `trainingNodes` x `trainingType`, serving on one node. */
export function sizingPlan(options: {
  trainingType?: string;
  trainingGpus?: number;
  trainingNodes?: number;
  servingType?: string;
  servingGpus?: number;
  tensorParallelSize?: number;
  serving?: boolean;
  gradientAccumulationSteps?: number;
  bf16?: boolean;
  flashAttention?: boolean;
  modelWeightsGiB?: number;
  parallelism?: SizingPlan["training"]["parallelism"];
}): SizingPlan {
  const gpus = options.trainingGpus ?? 1;
  return {
    modelId: "qwen2.5-7b",
    region: "ap-south-1",
    headroomPct: 10,
    modelWeightsGiB: options.modelWeightsGiB ?? 14.2,
    training: {
      peakGiB: 30,
      breakdown: zeroBreakdown,
      parallelism: options.parallelism ?? "single",
      instance: instance(options.trainingType ?? "g6e.xlarge", gpus, options.trainingNodes ?? 1),
      rejected: [],
      trainer: {
        gradientAccumulationSteps: options.gradientAccumulationSteps ?? 16,
        bf16: options.bf16 ?? true,
        flashAttention: options.flashAttention ?? true,
      },
      throughput: {
        tokensPerSecond: 3000,
        modelFlopsUtilization: 0.35,
        hoursForDataset: 10,
        usdForDataset: 100,
      },
    },
    serving:
      options.serving === false
        ? null
        : {
            peakGiB: 40,
            breakdown: zeroBreakdown,
            instance: instance(options.servingType ?? "g6e.2xlarge", options.servingGpus ?? 1, 1),
            rejected: [],
            tensorParallelSize: options.tensorParallelSize ?? 1,
            maxModelLen: 8192,
            maxNumSeqs: 32,
            gpuMemoryUtilization: 0.9,
            maxModelLenThatFits: 16384,
            usdPer1000Notes: 0.5,
          },
  };
}
