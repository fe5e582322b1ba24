import {
  regionInstances,
  resolveModel,
  servingCandidates,
  sizeServing,
  sizeTraining,
  trainingOptions,
} from "./decide";
import { contextLimitError, contextLimitIssues, SizingError } from "./errors";
import { type EstimateInput, FLAG_VOCABULARY } from "./estimate-input";
import type { RegionalInstance } from "./instances";
import type { ModelArchitecture } from "./model";
import {
  normalizeServing,
  normalizeTraining,
  type ResolvedServing,
  type ResolvedTraining,
} from "./request";
import { type Candidate, candidateFits, round, toFit } from "./select";
import { servingMemory } from "./serving";
import { trainingMemory } from "./training";
import type { InstanceChoice, InstanceFit, MemoryBreakdown, Rejection } from "./types";

// `hcft estimate` as a pure function: one result object per validated input.

export interface Recommendation {
  instanceType: string;
  gpuModel: string;
  /** GPUs the job uses in total. */
  gpuCount: number;
  nodeCount: number;
  /** GPUs on one instance, used or not. */
  gpusPerInstance: number;
  /** GPUs billed but not used by the job. */
  idleGpus: number;
  parallelism: string;
  peakGiB: number;
  usdPerHour: number;
  reason: string;
}

/** The GPU count and split of a job; serving names its split "tensor parallel N". */
export interface Layout {
  gpus: number;
  parallelism: string;
}

/** An instance where the job fits, with the layout it fits in. */
export interface EstimateFit extends InstanceFit {
  gpusUsed: number;
  parallelism: string;
}

export interface EstimatePart {
  /** Peak memory per GPU in GiB: of the recommendation, or of the requested layout without one. */
  peakGiB: number;
  breakdown: MemoryBreakdown;
  /** The layout `peakGiB` and `breakdown` describe. */
  layout: Layout;
  fits: EstimateFit[];
  recommendation: Recommendation | null;
  rejected: Rejection[];
  /** Present when gpuMemoryGiB is given: `peakGiB` is at most that much, without headroom. */
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
  "public measurements. Sizes are per GPU, in GiB (2^30 bytes), and fit checks use the " +
  "memory PyTorch can use on each GPU.";

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
    weightPrecision: input.weightPrecision,
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
    gpuModel: choice.gpuModel,
    gpuCount: choice.gpusUsed,
    nodeCount: choice.nodeCount,
    gpusPerInstance: choice.gpuCount,
    idleGpus: choice.gpuCount * choice.nodeCount - choice.gpusUsed,
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

/** Lists the candidates that fit, cheapest first, with the layout of each. */
function fittingLayouts(candidates: Candidate[], headroomPct: number): EstimateFit[] {
  return candidates
    .filter((candidate) => candidateFits(candidate, headroomPct))
    .map((candidate) => ({
      ...toFit(candidate),
      gpusUsed: candidate.gpusPerNode * candidate.nodes,
      parallelism: candidate.layoutName ?? candidate.parallelism,
    }))
    .sort((a, b) => a.usdPerHour - b.usdPerHour);
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
  const { candidates } = trainingOptions(model, training, instances);
  const part: EstimatePart = {
    peakGiB: round(requested.peakGiB, 2),
    breakdown: roundAll(requested.breakdown),
    layout: { gpus, parallelism },
    fits: fittingLayouts(candidates, input.headroomPct),
    recommendation: null,
    rejected: [],
  };

  let throughput: EstimateResult["throughput"] = null;
  try {
    const sized = sizeTraining(model, training, instances, input.region, input.headroomPct);
    part.recommendation = toRecommendation(sized.instance, sized.parallelism, sized.peakGiB);
    part.rejected = sized.rejected;
    // Show the memory of the layout that was recommended, not of the one first requested.
    part.peakGiB = sized.peakGiB;
    part.breakdown = sized.breakdown;
    part.layout = { gpus: sized.instance.gpusUsed, parallelism: sized.parallelism };
    const { tokensPerSecond, hoursForDataset, usdForDataset } = sized.throughput;
    throughput = { tokensPerSecond, hoursForDataset, usdForDataset };
  } catch (error) {
    if (!(error instanceof SizingError)) throw error;
    part.problem = error.describe(FLAG_VOCABULARY);
  }
  if (input.gpuMemoryGiB !== null) part.fitsGivenGpu = part.peakGiB <= input.gpuMemoryGiB;
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
    layout: { gpus: 1, parallelism: "tensor parallel 1" },
    fits: fittingLayouts(candidates, round(headroom, 1)),
    recommendation: null,
    rejected: [],
    tensorParallelSize: null,
    maxModelLenThatFits: null,
    usdPer1000Notes: null,
  };
  try {
    const sized = sizeServing(model, serving, instances, input.region, input.headroomPct);
    const parallelism = `tensor parallel ${sized.tensorParallelSize}`;
    part.recommendation = toRecommendation(sized.instance, parallelism, sized.peakGiB);
    part.rejected = sized.rejected;
    part.peakGiB = sized.peakGiB;
    part.breakdown = sized.breakdown;
    part.layout = { gpus: sized.tensorParallelSize, parallelism };
    part.tensorParallelSize = sized.tensorParallelSize;
    part.maxModelLenThatFits = sized.maxModelLenThatFits;
    part.usdPer1000Notes = sized.usdPer1000Notes;
  } catch (error) {
    if (!(error instanceof SizingError)) throw error;
    part.problem = error.describe(FLAG_VOCABULARY);
  }
  if (input.gpuMemoryGiB !== null) part.fitsGivenGpu = part.peakGiB <= input.gpuMemoryGiB;
  return part;
}

/**
 * Estimates peak memory per GPU for a validated input, lists the instances in its region
 * that fit, and recommends the cheapest. A workload that fits nowhere is a valid result:
 * its recommendation is null and `problem` names the numbers and the flags to change.
 * Throws SizingError for a length past the model's max_position_embeddings.
 */
export function estimate(input: EstimateInput): EstimateResult {
  const model = resolveModel({ modelId: input.model });
  const maxModelLen = input.serve ? input.maxModelLen : null;
  const tooLong = contextLimitIssues(model.maxPositionEmbeddings, input.seqLen, maxModelLen);
  if (tooLong.length > 0) throw contextLimitError(model.id, tooLong);
  const instances = regionInstances(input.region);
  const { part, throughput } = estimateTraining(input, model, instances);
  const result: EstimateResult = { inputs: input, ...part, throughput, note: NOTE };
  if (input.serve) result.serving = estimateServing(input, model, instances);
  return result;
}
