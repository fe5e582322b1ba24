import type { GpuSpec, RegionalInstance } from "./instances";
import type { ModelArchitecture } from "./model";
import type { Parallelism, ResolvedTraining } from "./request";
import { trainingMemory } from "./training";
import type { InstanceChoice, InstanceFit, MemoryBreakdown, Rejection } from "./types";

/** One way to run a job on an instance type: how many GPUs and nodes, and what it needs. */
export interface Candidate {
  instance: RegionalInstance;
  /** GPUs the job uses on each node. */
  gpusPerNode: number;
  nodes: number;
  parallelism: Parallelism;
  peakGiB: number;
  breakdown: MemoryBreakdown;
  /** Reason the GPU cannot run the job at all (precision or kernel support), or null. */
  unsupported: string | null;
  /** Display name of the split when `parallelism` does not describe it, as for serving. */
  layoutName?: string;
}

/** GPUs per instance below which a run may not span nodes. */
const MULTI_NODE_GPUS = 8;

/** Memory a job may use per GPU: usable memory less the headroom. */
export function memoryLimitGiB(gpu: GpuSpec, headroomPct: number): number {
  return gpu.usableGiB * (1 - headroomPct / 100);
}

/** Returns why a GPU cannot train this workload, or null when it can. */
export function trainingSupportProblem(gpu: GpuSpec, training: ResolvedTraining): string | null {
  if (!gpu.bf16) {
    const workloadKind = training.method === "qlora" ? "NF4 with bf16 compute" : "bf16 training";
    return `${workloadKind} needs bf16 support (Ampere or newer); ${gpu.architecture} has none`;
  }
  if (training.baseWeights === "fp8" && !gpu.fp8) {
    return `fp8 base weights need fp8 support (Ada Lovelace or Hopper); ${gpu.architecture} has none`;
  }
  if (training.attention === "flash" && !gpu.flashAttention2) {
    return `FlashAttention-2 needs Ampere or newer; ${gpu.architecture} cannot run it (use sdpa)`;
  }
  return null;
}

/** Prices a candidate: one instance's price times the nodes it takes. */
export function candidateUsdPerHour(candidate: Candidate): number {
  return candidate.instance.price * candidate.nodes;
}

/** Builds the fit record of a candidate, with usable memory and headroom per GPU. */
export function toFit(candidate: Candidate): InstanceFit {
  const usable = candidate.instance.gpu.usableGiB;
  return {
    instanceType: candidate.instance.instanceType,
    gpuModel: candidate.instance.gpuModel,
    gpuCount: candidate.instance.gpuCount,
    gpuMemoryGiB: usable,
    headroomPct: round(((usable - candidate.peakGiB) / usable) * 100, 1),
    usdPerHour: round(candidateUsdPerHour(candidate), 4),
  };
}

/** True when the candidate's GPU supports the job and its peak fits with the headroom. */
export function candidateFits(candidate: Candidate, headroomPct: number): boolean {
  if (candidate.unsupported) return false;
  return candidate.peakGiB <= memoryLimitGiB(candidate.instance.gpu, headroomPct);
}

/** States why a candidate was not chosen. */
export function rejectionReason(candidate: Candidate, headroomPct: number): string {
  if (candidate.unsupported) return candidate.unsupported;
  const gpu = candidate.instance.gpu;
  const limit = memoryLimitGiB(gpu, headroomPct);
  const layout =
    candidate.gpusPerNode * candidate.nodes > 1
      ? ` with ${candidate.layoutName ?? `${candidate.parallelism} over ${candidate.gpusPerNode * candidate.nodes} GPUs`}`
      : "";
  return (
    `needs ${candidate.peakGiB.toFixed(2)} GiB per GPU${layout}, above ${limit.toFixed(2)} GiB ` +
    `(${gpu.usableGiB.toFixed(2)} GiB usable on ${candidate.instance.gpuModel} less ${round(headroomPct, 1)}% headroom)`
  );
}

/** Training layouts to try on one instance type for the requested GPUs and parallelism. */
export function trainingCandidates(
  model: ModelArchitecture,
  training: ResolvedTraining,
  instance: RegionalInstance,
  parallelism: Parallelism,
  requestedGpus: number | undefined,
): Candidate[] {
  const unsupported = trainingSupportProblem(instance.gpu, training);
  const build = (gpusPerNode: number, nodes: number, layoutParallelism: Parallelism) => {
    const gpus = gpusPerNode * nodes;
    const layout = { model, training, parallelism: layoutParallelism, gpus };
    const memory = trainingMemory(layout);
    return { instance, gpusPerNode, nodes, parallelism: layoutParallelism, ...memory, unsupported };
  };

  if (parallelism === "single") return [build(1, 1, "single")];
  if (requestedGpus !== undefined) {
    // A layer split runs inside one node; the data-parallel layouts may span nodes.
    if (parallelism === "device_map") {
      return requestedGpus <= instance.gpuCount ? [build(requestedGpus, 1, parallelism)] : [];
    }
    if (requestedGpus <= instance.gpuCount) return [build(requestedGpus, 1, parallelism)];
    // NOTE: runs span nodes only on 8-GPU instances, the sizes with EFA networking; spanning
    // smaller instances would fit in memory but run at Ethernet speed.
    if (instance.gpuCount < MULTI_NODE_GPUS) return [];
    return [build(instance.gpuCount, Math.ceil(requestedGpus / instance.gpuCount), parallelism)];
  }
  return instance.gpuCount > 1 ? [build(instance.gpuCount, 1, parallelism)] : [];
}

/** True when `a` needs less memory per GPU than `b`, counting a supported GPU first. */
function closerToFitting(a: Candidate, b: Candidate): boolean {
  if ((a.unsupported === null) !== (b.unsupported === null)) return a.unsupported === null;
  return a.peakGiB < b.peakGiB;
}

/** Picks the cheapest fitting candidate and gives a reason for each cheaper instance type. */
export function chooseCheapest(
  candidates: Candidate[],
  headroomPct: number,
): { chosen: Candidate | null; rejected: Rejection[] } {
  const sorted = [...candidates].sort((a, b) => candidateUsdPerHour(a) - candidateUsdPerHour(b));
  const chosen = sorted.find((candidate) => candidateFits(candidate, headroomPct)) ?? null;
  const limit = chosen ? candidateUsdPerHour(chosen) : Number.POSITIVE_INFINITY;
  // One rejection per cheaper instance type, for its layout that came closest to fitting.
  const closest = new Map<string, Candidate>();
  for (const candidate of sorted) {
    const type = candidate.instance.instanceType;
    if (candidate === chosen || candidateUsdPerHour(candidate) > limit) continue;
    if (type === chosen?.instance.instanceType) continue;
    const previous = closest.get(type);
    if (previous === undefined || closerToFitting(candidate, previous))
      closest.set(type, candidate);
  }
  const rejected = [...closest].map(([type, candidate]) => ({
    instanceType: type,
    reason: rejectionReason(candidate, headroomPct),
  }));
  return { chosen, rejected };
}

/** Builds the chosen instance record with the reason it was picked. */
export function toChoice(candidate: Candidate, headroomPct: number, basis: string): InstanceChoice {
  const gpusUsed = candidate.gpusPerNode * candidate.nodes;
  const fit = toFit(candidate);
  const reason =
    `${basis}: ${candidate.peakGiB.toFixed(2)} GiB per GPU fits ${fit.gpuMemoryGiB.toFixed(2)} GiB usable ` +
    `on ${fit.gpuModel} with ${fit.headroomPct}% headroom (at least ${headroomPct}% required)`;
  return { ...fit, nodeCount: candidate.nodes, gpusUsed, reason };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
