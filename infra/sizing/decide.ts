import {
  contextLimitError,
  contextLimitIssues,
  SizingError,
  servingHints,
  trainingHints,
} from "./errors";
import { instancesInRegion, listRegions, type RegionalInstance } from "./instances";
import { customArchitecture, findModel, listModelIds, type ModelArchitecture } from "./model";
import {
  normalizeServing,
  normalizeTraining,
  type Parallelism,
  type ResolvedServing,
  type ResolvedTraining,
  type SizingRequest,
} from "./request";
import {
  type Candidate,
  candidateFits,
  candidateUsdPerHour,
  chooseCheapest,
  memoryLimitGiB,
  round,
  toChoice,
  toFit,
  trainingCandidates,
} from "./select";
import { maxModelLenThatFits, servingMemory } from "./serving";
import { servingUsdPer1000Notes, trainingThroughput } from "./throughput";
import { GIB } from "./training";
import type {
  InstanceChoice,
  InstanceFit,
  ServingSizing,
  SizingPlan,
  TrainingSizing,
} from "./types";

export const DEFAULT_HEADROOM_PCT = 10;
const TENSOR_PARALLEL_DEGREES = [1, 2, 4, 8];

/** Returns the architecture a request names: a catalog id or custom config values. */
export function resolveModel(request: Pick<SizingRequest, "modelId" | "architecture">) {
  if (request.architecture) return customArchitecture(request.architecture);
  const model = request.modelId === undefined ? undefined : findModel(request.modelId);
  if (model === undefined) {
    throw new SizingError(
      `unknown model "${request.modelId ?? ""}"; expected a catalog id (${listModelIds().join(", ")}) ` +
        "or an architecture given by its config values",
    );
  }
  return model;
}

/** Returns the instances of a region, or throws naming the regions that have prices. */
export function regionInstances(region: string): RegionalInstance[] {
  const instances = instancesInRegion(region);
  if (instances.length === 0) {
    throw new SizingError(
      `no GPU instance type has an on-demand price in region "${region}"; ` +
        `regions with prices: ${listRegions().join(", ")}`,
    );
  }
  return instances;
}

/**
 * Lists training candidates in the region. With a GPU count, the requested layout only.
 * Without one, one GPU per instance and all GPUs of each multi-GPU instance, so the
 * cheapest option per hour wins whatever its GPU count.
 */
export function trainingOptions(
  model: ModelArchitecture,
  training: ResolvedTraining,
  instances: RegionalInstance[],
) {
  const requested: Parallelism =
    training.parallelism === "single" && (training.gpus ?? 1) > 1 ? "ddp" : training.parallelism;
  if (training.gpus !== undefined) {
    const gpus = requested === "single" ? undefined : training.gpus;
    const candidates = instances.flatMap((i) =>
      trainingCandidates(model, training, i, requested, gpus),
    );
    return { candidates, comparesGpuCounts: false };
  }

  // Spread over several GPUs with the requested parallelism, or by default with ZeRO-3, or
  // with a layer split for QLoRA as Hugging Face does with device_map for quantized models.
  const fallback: Parallelism = training.method === "qlora" ? "device_map" : "zero3";
  const multiGpu = requested === "single" ? fallback : requested;
  const one = instances.flatMap((i) => trainingCandidates(model, training, i, "single", undefined));
  const all = instances.flatMap((i) => trainingCandidates(model, training, i, multiGpu, undefined));
  return { candidates: [...one, ...all], comparesGpuCounts: true };
}

/** Lists the instances where a candidate fits, cheapest first. */
export function fittingInstances(candidates: Candidate[], headroomPct: number): InstanceFit[] {
  return candidates
    .filter((candidate) => candidateFits(candidate, headroomPct))
    .map(toFit)
    .sort((a, b) => a.usdPerHour - b.usdPerHour);
}

function trainingFailure(
  model: ModelArchitecture,
  training: ResolvedTraining,
  candidates: Candidate[],
  region: string,
  headroomPct: number,
): SizingError {
  const supported = candidates.filter((candidate) => !candidate.unsupported);
  const best = [...supported].sort((a, b) => {
    const spareA = memoryLimitGiB(a.instance.gpu, headroomPct) - a.peakGiB;
    const spareB = memoryLimitGiB(b.instance.gpu, headroomPct) - b.peakGiB;
    return spareB - spareA;
  })[0];
  const closest = best
    ? `the closest is ${best.instance.instanceType} (${best.gpusPerNode * best.nodes} x ${best.instance.gpuModel}, ${best.parallelism}), needing ${best.peakGiB.toFixed(2)} GiB per GPU against ${memoryLimitGiB(best.instance.gpu, headroomPct).toFixed(2)} GiB usable after ${headroomPct}% headroom`
    : "no instance in the region supports the required precision";
  return new SizingError(
    `training ${model.id} (${training.method}, seqLen ${training.seqLen}, microBatch ${training.microBatch}) ` +
      `fits no instance in ${region}: ${closest}`,
    trainingHints(training),
  );
}

/**
 * States how many GPUs of the chosen instances sit idle but are billed and, for a sharded
 * layout, the cheapest instance that could run it with all of its GPUs. Empty when none idle.
 */
function idleGpuNote(
  model: ModelArchitecture,
  training: ResolvedTraining,
  instances: RegionalInstance[],
  chosen: Candidate,
  headroomPct: number,
): string {
  const idle = (chosen.instance.gpuCount - chosen.gpusPerNode) * chosen.nodes;
  if (idle <= 0) return "";
  const total = chosen.instance.gpuCount * chosen.nodes;
  const note = `${idle} of the ${total} GPUs billed sit idle`;
  if (chosen.parallelism === "single") return note;

  const price = candidateUsdPerHour(chosen);
  const cheaper = instances
    .flatMap((i) => trainingCandidates(model, training, i, chosen.parallelism, undefined))
    .filter((c) => candidateFits(c, headroomPct) && candidateUsdPerHour(c) < price)
    .sort((a, b) => candidateUsdPerHour(a) - candidateUsdPerHour(b))[0];
  if (cheaper === undefined) return note;
  return (
    `${note}; ${cheaper.instance.instanceType} runs ${chosen.parallelism} on all ` +
    `${cheaper.gpusPerNode} of its GPUs for $${candidateUsdPerHour(cheaper).toFixed(2)}/hour`
  );
}

function withNote(choice: InstanceChoice, note: string): InstanceChoice {
  return note === "" ? choice : { ...choice, reason: `${choice.reason}; ${note}` };
}

export function sizeTraining(
  model: ModelArchitecture,
  training: ResolvedTraining,
  instances: RegionalInstance[],
  region: string,
  headroomPct: number,
): TrainingSizing {
  const { candidates, comparesGpuCounts } = trainingOptions(model, training, instances);
  const { chosen, rejected } = chooseCheapest(candidates, headroomPct);
  if (chosen === null) throw trainingFailure(model, training, candidates, region, headroomPct);

  const gpusUsed = chosen.gpusPerNode * chosen.nodes;
  const rule = comparesGpuCounts
    ? ", comparing one GPU with all GPUs of one instance by price per hour"
    : "";
  const basis = `cheapest instance in ${region} that fits${rule}`;
  const idle = idleGpuNote(model, training, instances, chosen, headroomPct);
  const dataParallel = chosen.parallelism === "device_map" ? 1 : gpusUsed;
  // A device_map split runs its GPUs one after another, so only one computes at a time.
  const computing = chosen.parallelism === "device_map" ? 1 : gpusUsed;
  const throughput = trainingThroughput(model, training, chosen.instance, computing, chosen.nodes);
  return {
    peakGiB: round(chosen.peakGiB, 2),
    breakdown: roundBreakdown(chosen.breakdown),
    parallelism: chosen.parallelism,
    instance: withNote(toChoice(chosen, headroomPct, basis), idle),
    rejected,
    trainer: {
      gradientAccumulationSteps: Math.max(
        1,
        Math.ceil(training.globalBatch / (training.microBatch * dataParallel)),
      ),
      bf16: chosen.instance.gpu.bf16,
      flashAttention: training.attention === "flash" && chosen.instance.gpu.flashAttention2,
    },
    throughput: {
      tokensPerSecond: round(throughput.tokensPerSecond, 0),
      modelFlopsUtilization: throughput.modelFlopsUtilization,
      hoursForDataset: round(throughput.hoursForDataset, 2),
      usdForDataset: round(throughput.usdForDataset, 2),
    },
  };
}

/** Builds one serving candidate per instance at the smallest tensor-parallel degree that fits. */
export function servingCandidates(
  model: ModelArchitecture,
  serving: ResolvedServing,
  instances: RegionalInstance[],
  headroomPct: number,
) {
  // vLLM claims gpu-memory-utilization of each GPU, and the stack's headroom may ask for less.
  const limitFraction = Math.min(serving.gpuMemoryUtilization, 1 - headroomPct / 100);
  const candidates: Candidate[] = [];
  for (const instance of instances) {
    const unsupported = servingSupportProblem(instance, serving);
    const degrees = TENSOR_PARALLEL_DEGREES.filter(
      (tp) => tp <= instance.gpuCount && model.attentionHeads % tp === 0,
    );
    let last: Candidate | null = null;
    for (const tp of degrees) {
      const memory = servingMemory(model, serving, tp);
      last = {
        instance,
        gpusPerNode: tp,
        nodes: 1,
        parallelism: "single",
        layoutName: `tensor parallel ${tp}`,
        ...memory,
        unsupported,
      };
      if (memory.peakGiB <= instance.gpu.usableGiB * limitFraction) break;
    }
    if (last) candidates.push(last);
  }
  return { candidates, headroom: (1 - limitFraction) * 100 };
}

function servingSupportProblem(
  instance: RegionalInstance,
  serving: ResolvedServing,
): string | null {
  // NOTE: vLLM can also run fp8 weights on Ampere as weight-only Marlin kernels; this
  // estimator requires native fp8 support (Ada Lovelace or Hopper).
  if (serving.weightPrecision === "fp8" && !instance.gpu.fp8) {
    return `fp8 weights need fp8 support (Ada Lovelace or Hopper); ${instance.gpu.architecture} has none`;
  }
  return null;
}

export function sizeServing(
  model: ModelArchitecture,
  serving: ResolvedServing,
  instances: RegionalInstance[],
  region: string,
  headroomPct: number,
): ServingSizing {
  const { candidates, headroom } = servingCandidates(model, serving, instances, headroomPct);
  const { chosen, rejected } = chooseCheapest(candidates, round(headroom, 1));
  if (chosen === null) {
    // Report the largest max model length any instance could hold at this concurrency.
    const best = candidates
      .filter((candidate) => !candidate.unsupported)
      .map((candidate) => ({
        candidate,
        length: cappedMaxModelLen(
          model,
          serving,
          candidate.gpusPerNode,
          memoryLimitGiB(candidate.instance.gpu, headroom),
        ),
      }))
      .sort((a, b) => b.length - a.length)[0];
    const where = best
      ? ` is ${best.length} tokens, on ${best.candidate.instance.instanceType} with tensor parallel ${best.candidate.gpusPerNode}`
      : " is 0";
    throw new SizingError(
      (w) =>
        `serving ${model.id} with ${w.name("serving.maxModelLen")} ${serving.maxModelLen} and ` +
        `${w.name("serving.maxNumSeqs")} ${serving.maxNumSeqs} fits no instance in ${region}: ` +
        `the KV cache cannot hold it. The largest ${w.name("serving.maxModelLen")} that fits at ` +
        `${w.name("serving.maxNumSeqs")} ${serving.maxNumSeqs}${where}`,
      servingHints(serving),
    );
  }
  const tp = chosen.gpusPerNode;
  const budget = memoryLimitGiB(chosen.instance.gpu, headroom);
  const weightBytes = chosen.breakdown.weights * GIB;
  return {
    peakGiB: round(chosen.peakGiB, 2),
    breakdown: roundBreakdown(chosen.breakdown),
    instance: toChoice(chosen, round(headroom, 1), `cheapest instance in ${region} that serves it`),
    rejected,
    tensorParallelSize: tp,
    maxModelLen: serving.maxModelLen,
    maxNumSeqs: serving.maxNumSeqs,
    gpuMemoryUtilization: serving.gpuMemoryUtilization,
    maxModelLenThatFits: cappedMaxModelLen(model, serving, tp, budget),
    usdPer1000Notes: round(
      servingUsdPer1000Notes(model, serving, chosen.instance, tp, weightBytes),
      4,
    ),
  };
}

/** Computes the largest max model length that fits the budget, capped at the model's limit. */
function cappedMaxModelLen(
  model: ModelArchitecture,
  serving: ResolvedServing,
  tp: number,
  budgetGiB: number,
): number {
  const fits = maxModelLenThatFits(model, serving, tp, budgetGiB);
  return Math.min(fits, model.maxPositionEmbeddings);
}

function roundBreakdown<T extends object>(breakdown: T): T {
  const rounded = {} as Record<string, number>;
  for (const [key, value] of Object.entries(breakdown)) rounded[key] = round(value as number, 3);
  return rounded as T;
}

/**
 * Sizes one stack: peak training and serving memory per GPU with their breakdowns, the
 * cheapest instance in the region that fits each with the headroom, and cost estimates.
 * Throws SizingError with the numbers and the knobs to turn when nothing fits, and when a
 * length is longer than the model's max_position_embeddings.
 */
export function decideSizing(request: SizingRequest): SizingPlan {
  const model = resolveModel(request);
  const training = normalizeTraining(request.training);
  const serving = normalizeServing(request.serving);
  const headroomPct = request.headroomPct ?? DEFAULT_HEADROOM_PCT;
  const maxModelLen = serving?.maxModelLen ?? null;
  const tooLong = contextLimitIssues(model.maxPositionEmbeddings, training.seqLen, maxModelLen);
  if (tooLong.length > 0) throw contextLimitError(model.id, tooLong);
  const instances = regionInstances(request.region);
  return {
    modelId: model.id,
    region: request.region,
    headroomPct,
    modelWeightsGiB: round((model.paramsTotalB * 1e9 * 2) / GIB, 2),
    training: sizeTraining(model, training, instances, request.region, headroomPct),
    serving: serving ? sizeServing(model, serving, instances, request.region, headroomPct) : null,
  };
}
