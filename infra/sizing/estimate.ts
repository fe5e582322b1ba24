import {
  fittingInstances,
  regionInstances,
  resolveModel,
  servingCandidates,
  sizeServing,
  sizeTraining,
  trainingOptions,
} from "./decide";
import { SizingError } from "./errors";
import type { EstimateInput } from "./estimate-input";
import type { RegionalInstance } from "./instances";
import type { ModelArchitecture } from "./model";
import {
  normalizeServing,
  normalizeTraining,
  type ResolvedServing,
  type ResolvedTraining,
} from "./request";
import { round } from "./select";
import { servingMemory } from "./serving";
import { trainingMemory } from "./training";
import type { InstanceChoice, InstanceFit, MemoryBreakdown, Rejection } from "./types";

// `hcft estimate` as a pure function: one result object per validated input.

export interface Recommendation {
  instanceType: string;
  /** GPUs the job uses in total. */
  gpuCount: number;
  nodeCount: number;
  parallelism: string;
  peakGiB: number;
  usdPerHour: number;
  reason: string;
}

export interface EstimatePart {
  /** Peak memory per GPU for the requested layout, in GiB. */
  peakGiB: number;
  breakdown: MemoryBreakdown;
  fits: InstanceFit[];
  recommendation: Recommendation | null;
  rejected: Rejection[];
  /** Present when gpuMemoryGiB is given: the peak is at most that much, without headroom. */
  fitsGivenGpu?: boolean;
  /** Reason nothing fits, with the knobs to turn. Present when recommendation is null. */
  problem?: string;
}

export interface EstimateResult extends EstimatePart {
  inputs: EstimateInput;
  /** Training speed and cost estimates on the recommended instance. */
  throughput: { tokensPerSecond: number; hoursForDataset: number; usdForDataset: number } | null;
  serving?: EstimatePart & {
    tensorParallelSize: number | null;
    maxModelLenThatFits: number | null;
    usdPer1000Notes: number | null;
  };
  note: string;
}

const NOTE =
  "Peak memory, speeds and costs are estimates from an analytical model calibrated on " +
  "public measurements; GiB are 2^30 bytes per GPU and fit checks use usable GPU memory.";

/** Vision inputs for VL models: one image at the default pixel cap of the stack config. */
function trainingWorkload(input: EstimateInput, model: ModelArchitecture): ResolvedTraining {
  return normalizeTraining({
    method: input.method,
    seqLen: input.seqLen,
    microBatch: input.microBatch,
    checkpointing: input.checkpointing,
    optimizer: input.optimizer,
    attention: input.attention,
    packing: input.packing,
    trainModules: input.trainModules,
    baseWeights: input.baseWeights,
    parallelism: input.parallelism,
    lora: { rank: input.loraRank },
    ...(input.gpus === null ? {} : { gpus: input.gpus }),
    ...(model.vision ? { vision: {} } : {}),
  });
}

function servingWorkload(input: EstimateInput): ResolvedServing {
  const adapters =
    input.maxLoras === null ? undefined : { maxLoras: input.maxLoras, maxLoraRank: input.loraRank };
  const serving = normalizeServing({
    enabled: true,
    maxModelLen: input.maxModelLen,
    maxNumSeqs: input.maxNumSeqs,
    ...(adapters ? { adapters } : {}),
  });
  return serving as ResolvedServing;
}

function toRecommendation(
  choice: InstanceChoice,
  parallelism: string,
  peakGiB: number,
): Recommendation {
  return {
    instanceType: choice.instanceType,
    gpuCount: choice.gpusUsed,
    nodeCount: choice.nodeCount,
    parallelism,
    peakGiB,
    usdPerHour: choice.usdPerHour,
    reason: choice.reason,
  };
}

function roundAll(breakdown: MemoryBreakdown): MemoryBreakdown {
  const rounded = { ...breakdown };
  for (const key of Object.keys(rounded) as (keyof MemoryBreakdown)[]) {
    rounded[key] = round(rounded[key], 3);
  }
  return rounded;
}

function estimateTraining(
  input: EstimateInput,
  model: ModelArchitecture,
  instances: RegionalInstance[],
) {
  const training = trainingWorkload(input, model);
  const gpus = input.gpus ?? 1;
  const parallelism = input.parallelism === "single" && gpus > 1 ? "ddp" : input.parallelism;
  const requested = trainingMemory({ model, training, parallelism, gpus });
  const { candidates } = trainingOptions(model, training, instances, input.headroomPct);
  const part: EstimatePart = {
    peakGiB: round(requested.peakGiB, 2),
    breakdown: roundAll(requested.breakdown),
    fits: fittingInstances(candidates, input.headroomPct),
    recommendation: null,
    rejected: [],
  };
  if (input.gpuMemoryGiB !== null) part.fitsGivenGpu = requested.peakGiB <= input.gpuMemoryGiB;

  let throughput: EstimateResult["throughput"] = null;
  try {
    const sized = sizeTraining(model, training, instances, input.region, input.headroomPct);
    part.recommendation = toRecommendation(sized.instance, sized.parallelism, sized.peakGiB);
    part.rejected = sized.rejected;
    const { tokensPerSecond, hoursForDataset, usdForDataset } = sized.throughput;
    throughput = { tokensPerSecond, hoursForDataset, usdForDataset };
  } catch (error) {
    if (!(error instanceof SizingError)) throw error;
    part.problem = error.message;
  }
  return { part, throughput };
}

function estimateServing(
  input: EstimateInput,
  model: ModelArchitecture,
  instances: RegionalInstance[],
) {
  const serving = servingWorkload(input);
  const single = servingMemory(model, serving, 1);
  const { candidates, headroom } = servingCandidates(model, serving, instances, input.headroomPct);
  const part: NonNullable<EstimateResult["serving"]> = {
    peakGiB: round(single.peakGiB, 2),
    breakdown: roundAll(single.breakdown),
    fits: fittingInstances(candidates, round(headroom, 1)),
    recommendation: null,
    rejected: [],
    tensorParallelSize: null,
    maxModelLenThatFits: null,
    usdPer1000Notes: null,
  };
  if (input.gpuMemoryGiB !== null) part.fitsGivenGpu = single.peakGiB <= input.gpuMemoryGiB;
  try {
    const sized = sizeServing(model, serving, instances, input.region, input.headroomPct);
    const parallelism = `tensor parallel ${sized.tensorParallelSize}`;
    part.recommendation = toRecommendation(sized.instance, parallelism, sized.peakGiB);
    part.rejected = sized.rejected;
    part.tensorParallelSize = sized.tensorParallelSize;
    part.maxModelLenThatFits = sized.maxModelLenThatFits;
    part.usdPer1000Notes = sized.usdPer1000Notes;
  } catch (error) {
    if (!(error instanceof SizingError)) throw error;
    part.problem = error.message;
  }
  return part;
}

/**
 * Estimates peak memory per GPU for a validated input, lists the instances in its region
 * that fit, and recommends the cheapest. A workload that fits nowhere is a valid result:
 * its recommendation is null and `problem` names the numbers and the knobs to turn.
 */
export function estimate(input: EstimateInput): EstimateResult {
  const model = resolveModel({ modelId: input.model });
  const instances = regionInstances(input.region);
  const { part, throughput } = estimateTraining(input, model, instances);
  const result: EstimateResult = { inputs: input, ...part, throughput, note: NOTE };
  if (input.serve) result.serving = estimateServing(input, model, instances);
  return result;
}
