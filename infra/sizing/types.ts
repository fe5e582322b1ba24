// The contract between the estimator and everything that consumes it (the Pulumi
// program, the command line, the tier table). Sizes are GiB (2^30 bytes) per GPU.

/** Peak memory split into its terms, in GiB per GPU. Terms that do not apply are 0. */
export interface MemoryBreakdown {
  weights: number;
  quantConstants: number;
  adapters: number;
  gradients: number;
  optimizerStates: number;
  activations: number;
  logits: number;
  kvCache: number;
  runtimeOverhead: number;
}

/** One instance type that was considered, with its verdict. */
export interface InstanceFit {
  instanceType: string;
  gpuModel: string;
  /** GPUs on one instance. */
  gpuCount: number;
  gpuMemoryGiB: number;
  /** (GPU memory - peak) / GPU memory, in percent; negative when it does not fit. */
  headroomPct: number;
  usdPerHour: number;
}

/** The chosen instance and how many nodes of it a job needs. */
export interface InstanceChoice extends InstanceFit {
  /** Nodes of this instance type, for runs that span instances. */
  nodeCount: number;
  /** GPUs the job uses in total (nodeCount x GPUs used per node). */
  gpusUsed: number;
  reason: string;
}

export interface Rejection {
  instanceType: string;
  reason: string;
}

export interface TrainingSizing {
  peakGiB: number;
  breakdown: MemoryBreakdown;
  parallelism: "single" | "ddp" | "zero2" | "zero3" | "fsdp" | "device_map";
  instance: InstanceChoice;
  /** Cheaper instances in the region, each with why it was not chosen. */
  rejected: Rejection[];
  /** Settings the trainer must run with for the estimate to hold. */
  trainer: {
    gradientAccumulationSteps: number;
    bf16: boolean;
    flashAttention: boolean;
  };
  /** Estimates, not measurements: tokens/s from FLOPs per token at a stated utilization. */
  throughput: {
    tokensPerSecond: number;
    modelFlopsUtilization: number;
    hoursForDataset: number;
    usdForDataset: number;
  };
}

export interface ServingSizing {
  peakGiB: number;
  breakdown: MemoryBreakdown;
  instance: InstanceChoice;
  rejected: Rejection[];
  tensorParallelSize: number;
  maxModelLen: number;
  maxNumSeqs: number;
  gpuMemoryUtilization: number;
  /** The largest max model length whose KV cache fits, at the configured concurrency. */
  maxModelLenThatFits: number;
  /** Estimate, from decode throughput at the configured concurrency. */
  usdPer1000Notes: number;
}

/** Everything the program needs from the estimator for one stack. */
export interface SizingPlan {
  modelId: string;
  region: string;
  headroomPct: number;
  /** bf16 size of the full model weights, for root volume and download sizing. */
  modelWeightsGiB: number;
  training: TrainingSizing;
  serving: ServingSizing | null;
}
