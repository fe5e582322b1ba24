import type { CustomArchitecture } from "./model";

// The estimator's input. Field names mirror the stack config, so a parsed config can be
// passed as is. Fields with a default are optional here, and `normalizeTraining` fills them.

export type Method = "full" | "lora" | "qlora";
export type Checkpointing = "none" | "standard" | "offload";
export type Optimizer = "adamw" | "adamw-8bit" | "paged-adamw-8bit";
export type Attention = "flash" | "sdpa" | "eager";
export type Parallelism = "single" | "ddp" | "zero2" | "zero3" | "fsdp" | "device_map";
export type BaseWeights = "bf16" | "nf4" | "int4-gptq" | "int4-awq" | "fp8";
export type ServingPrecision = "bf16" | "fp8" | "int4-awq" | "int4-gptq";
export type TrainModule = "lm_head" | "embed_tokens";
export type LoraTargets = "attention" | "all-linear";

export const METHODS: readonly Method[] = ["full", "lora", "qlora"];
export const CHECKPOINTING: readonly Checkpointing[] = ["none", "standard", "offload"];
export const OPTIMIZERS: readonly Optimizer[] = ["adamw", "adamw-8bit", "paged-adamw-8bit"];
export const ATTENTION: readonly Attention[] = ["flash", "sdpa", "eager"];
export const PARALLELISM: readonly Parallelism[] = [
  "single",
  "ddp",
  "zero2",
  "zero3",
  "fsdp",
  "device_map",
];
export const BASE_WEIGHTS: readonly BaseWeights[] = ["bf16", "nf4", "int4-gptq", "int4-awq", "fp8"];
export const SERVING_PRECISIONS: readonly ServingPrecision[] = [
  "bf16",
  "fp8",
  "int4-awq",
  "int4-gptq",
];
export const TRAIN_MODULES: readonly TrainModule[] = ["lm_head", "embed_tokens"];

/** The training workload of one stack. */
export interface TrainingWorkload {
  method: Method;
  /** Tokens per row (sample or packed row). */
  seqLen: number;
  microBatch?: number;
  globalBatch?: number;
  checkpointing?: Checkpointing;
  optimizer?: Optimizer;
  attention?: Attention;
  /** Rows packed to seqLen. Unpacked rows are sized at seqLen too, the longest a row gets. */
  packing?: boolean;
  /** Modules trained in full next to the adapters; costed as full fine-tuning. */
  trainModules?: readonly TrainModule[];
  /** GPUs for the run; unset picks the cheaper per hour of one GPU or all GPUs of one instance. */
  gpus?: number;
  parallelism?: Parallelism;
  baseWeights?: BaseWeights;
  lora?: { rank?: number; alpha?: number; targets?: LoraTargets };
  /** Images per sample and their pixel cap, for VL models; image tokens add to seqLen. */
  vision?: { imagesPerSample?: number; maxPixels?: number };
  datasetExamples?: number;
  datasetTokensPerExample?: number;
  /** Full fine-tuning keeps fp32 master weights (mixed precision, DeepSpeed). Default true. */
  masterWeights?: boolean;
  /** Cross-entropy computed in chunks or fused, so full fp32 logits never exist at once. */
  chunkedCrossEntropy?: boolean;
  /** Optimizer step fused into backward, so no gradients are stored. */
  optimizerInBackward?: boolean;
}

export interface ServingAdapters {
  maxLoras?: number;
  maxLoraRank: number;
}

/** The vLLM serving workload of one stack. */
export type ServingWorkload =
  | { enabled: false }
  | {
      enabled: true;
      maxModelLen: number;
      maxNumSeqs?: number;
      weightPrecision?: ServingPrecision;
      replicas?: number;
      gpuMemoryUtilization?: number;
      adapters?: ServingAdapters;
      noteInputTokens?: number;
      noteOutputTokens?: number;
    };

/** Everything the estimator needs for one stack: the model, the workloads and the region. */
export interface SizingRequest {
  /** Catalog model id, such as qwen3-8b; ignored when `architecture` is given. */
  modelId?: string;
  /** Config values of a model that is not in the catalog. */
  architecture?: CustomArchitecture;
  region: string;
  /** Free memory to keep per GPU, in percent of usable memory. Default 10. */
  headroomPct?: number;
  training: TrainingWorkload;
  serving?: ServingWorkload;
}

/** A training workload with every default filled in. */
export interface ResolvedTraining {
  method: Method;
  seqLen: number;
  microBatch: number;
  globalBatch: number;
  checkpointing: Checkpointing;
  optimizer: Optimizer;
  attention: Attention;
  packing: boolean;
  trainModules: TrainModule[];
  gpus: number | undefined;
  parallelism: Parallelism;
  baseWeights: BaseWeights;
  lora: { rank: number; alpha: number; targets: LoraTargets } | null;
  vision: { imagesPerSample: number; maxPixels: number } | null;
  datasetExamples: number;
  datasetTokensPerExample: number;
  masterWeights: boolean;
  chunkedCrossEntropy: boolean;
  optimizerInBackward: boolean;
}

/** A serving workload with every default filled in. */
export interface ResolvedServing {
  maxModelLen: number;
  maxNumSeqs: number;
  weightPrecision: ServingPrecision;
  replicas: number;
  gpuMemoryUtilization: number;
  adapters: { maxLoras: number; maxLoraRank: number } | null;
  noteInputTokens: number;
  noteOutputTokens: number;
}

const DEFAULT_BASE_WEIGHTS: Record<Method, BaseWeights> = {
  full: "bf16",
  lora: "bf16",
  qlora: "nf4",
};

/** Fills the defaults of a training workload, the same ones the stack config applies. */
export function normalizeTraining(training: TrainingWorkload): ResolvedTraining {
  const method = training.method;
  const lora =
    method === "full"
      ? null
      : {
          rank: training.lora?.rank ?? 16,
          alpha: training.lora?.alpha ?? 32,
          targets: training.lora?.targets ?? "all-linear",
        };
  const vision =
    training.vision === undefined
      ? null
      : {
          imagesPerSample: training.vision.imagesPerSample ?? 1,
          maxPixels: training.vision.maxPixels ?? 1_003_520,
        };
  return {
    method,
    seqLen: training.seqLen,
    microBatch: training.microBatch ?? 1,
    globalBatch: training.globalBatch ?? 16,
    checkpointing: training.checkpointing ?? "standard",
    optimizer: training.optimizer ?? (method === "qlora" ? "paged-adamw-8bit" : "adamw"),
    attention: training.attention ?? "flash",
    packing: training.packing ?? false,
    trainModules: [...(training.trainModules ?? [])],
    gpus: training.gpus,
    parallelism: training.parallelism ?? "single",
    baseWeights: training.baseWeights ?? DEFAULT_BASE_WEIGHTS[method],
    lora,
    vision,
    datasetExamples: training.datasetExamples ?? 10_000,
    datasetTokensPerExample: training.datasetTokensPerExample ?? 1_000,
    masterWeights: training.masterWeights ?? true,
    chunkedCrossEntropy: training.chunkedCrossEntropy ?? false,
    optimizerInBackward: training.optimizerInBackward ?? false,
  };
}

/** Fills the defaults of an enabled serving workload; returns null when serving is off. */
export function normalizeServing(serving: ServingWorkload | undefined): ResolvedServing | null {
  if (serving === undefined || !serving.enabled) return null;
  return {
    maxModelLen: serving.maxModelLen,
    maxNumSeqs: serving.maxNumSeqs ?? 16,
    weightPrecision: serving.weightPrecision ?? "bf16",
    replicas: serving.replicas ?? 1,
    gpuMemoryUtilization: serving.gpuMemoryUtilization ?? 0.9,
    adapters:
      serving.adapters === undefined
        ? null
        : { maxLoras: serving.adapters.maxLoras ?? 4, maxLoraRank: serving.adapters.maxLoraRank },
    noteInputTokens: serving.noteInputTokens ?? 1_500,
    noteOutputTokens: serving.noteOutputTokens ?? 300,
  };
}
