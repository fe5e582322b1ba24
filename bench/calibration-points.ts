import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ATTENTION,
  type BaseWeights,
  CHECKPOINTING,
  normalizeServing,
  OPTIMIZERS,
  type Parallelism,
  SERVING_PRECISIONS,
  servingMemory,
  type TrainingWorkload,
} from "../infra/sizing";

const QUANTIZED_BASES: readonly BaseWeights[] = ["nf4", "int4-gptq", "int4-awq"];

import { findModel, gpuSpec, normalizeTraining, trainingMemory } from "../infra/sizing";
import { CALIBRATION, type Calibration } from "../infra/sizing/calibration";

// Turns the public peak-memory measurements into estimator inputs and scores the
// estimator on them. Shared by `npm run bench:estimator` and the calibration test.

export const MEASUREMENTS_PATH = join(
  __dirname,
  "..",
  "..",
  "shared",
  "reference",
  "vram-measurements.json",
);

/** One measurement record, with the fields the scoring reads. */
export interface MeasurementRecord {
  id: string;
  source_group: string;
  model: string | null;
  task: "train" | "serve" | "infer";
  method: "full" | "lora" | "qlora" | null;
  base_weights: string;
  lora_rank: number | null;
  lora_targets: string | null;
  trainable_extra: string[];
  seq_len: number | null;
  seq_len_basis: "full" | "cap" | "unknown" | null;
  micro_batch: number | null;
  packing: boolean | null;
  checkpointing: string | null;
  optimizer: string | null;
  attention: string;
  framework: string;
  gpu_model: string;
  gpu_mem_gib: number | null;
  gpu_count: number;
  parallelism: string;
  measured_peak_gib: number | null;
  measurement: string;
  outcome: "fit" | "oom";
  notes: string;
}

/** The estimator's view of one record: what to size and what capacity it ran on. */
export interface PreparedPoint {
  record: MeasurementRecord;
  workload: TrainingWorkload;
  parallelism: Parallelism;
  gpus: number;
  /** Usable GiB of the record's GPU, or null when the source does not name it. */
  capacityGiB: number | null;
  /** Assumptions made where the record leaves a field unstated. */
  assumed: string[];
}

export type Prepared = PreparedPoint | { record: MeasurementRecord; skip: string };

/** The measurements file is absent, as in a clone without the sibling shared folder. */
export class MeasurementsNotFoundError extends Error {
  override name = "MeasurementsNotFoundError";

  constructor(readonly path: string) {
    super(
      `file not found: ${path} (the public peak-memory measurements the estimator is ` +
        "calibrated and scored on); place it there or pass --measurements <path>",
    );
  }
}

/** Reads the measurement records; throws MeasurementsNotFoundError when the file is absent. */
export function loadMeasurements(path = MEASUREMENTS_PATH): MeasurementRecord[] {
  if (!existsSync(path)) throw new MeasurementsNotFoundError(path);
  const data = JSON.parse(readFileSync(path, "utf8")) as { records: MeasurementRecord[] };
  return data.records;
}

// A record with a nominal size gets the usable size of the catalog GPU of that nominal size.
// Other sizes keep 22.5/24 of nominal, which is the A10G's usable share.
const USABLE_BY_NOMINAL: Record<number, number> = {
  24: gpuSpec("A10G-24GB").usableGiB,
  40: gpuSpec("A100-40GB").usableGiB,
  48: gpuSpec("L40S-48GB").usableGiB,
  80: gpuSpec("A100-80GB").usableGiB,
};

function capacityOf(record: MeasurementRecord): number | null {
  const size = record.gpu_mem_gib;
  if (size === null) return null;
  if (!Number.isInteger(size)) return size;
  return USABLE_BY_NOMINAL[size] ?? size * (22.5 / 24);
}

const PARALLELISM: Record<string, Parallelism | undefined> = {
  single: "single",
  ddp: "ddp",
  zero2: "zero2",
  zero3: "zero3",
  "zero3-offload": "zero3",
  fsdp: "fsdp",
  device_map: "device_map",
};

/** Settings only a record's notes carry, as estimator options. */
function optionsFromNotes(notes: string) {
  const text = notes.toLowerCase();
  return {
    chunkedCrossEntropy: /chunked cross-entropy|fused cross-entropy|liger kernel/.test(text),
    optimizerInBackward: /optimizer step fused into backward/.test(text),
    bf16States: /no fp32 master copy|states take the parameter dtype/.test(text),
  };
}

/** Maps a record to an estimator input, or returns the reason it cannot be scored. */
export function prepare(record: MeasurementRecord, previous?: PreparedPoint): Prepared {
  if (record.task !== "train") return { record, skip: `not fine-tuning (${record.task})` };
  if (record.model === null || !findModel(record.model)) {
    return { record, skip: `model ${record.model ?? "unknown"} not in the catalog` };
  }
  if (record.method === null) return { record, skip: "method unstated" };
  const parallelism = PARALLELISM[record.parallelism];
  if (parallelism === undefined)
    return { record, skip: `parallelism ${record.parallelism} not modeled` };

  const assumed: string[] = [];
  const seqLen = record.seq_len ?? 512;
  if (record.seq_len === null) assumed.push("seq_len 512");
  if (record.lora_rank === null && record.method !== "full") assumed.push("rank 8");
  const notes = optionsFromNotes(record.notes);

  // Rows of a table that add one option to the row before ("Adds ...") or repeat another
  // row's options ("the same options as") keep the options of the row before.
  const continues = /^adds |same options as/i.test(record.notes);
  const inherits = previous && continues && previous.record.source_group === record.source_group;
  const inherited = inherits ? previous.workload : undefined;

  const workload: TrainingWorkload = {
    method: record.method,
    seqLen,
    microBatch: record.micro_batch ?? 1,
    checkpointing: pick(record.checkpointing, CHECKPOINTING, "standard"),
    optimizer: pick(record.optimizer, OPTIMIZERS, "adamw"),
    attention: pick(record.attention, ATTENTION, "sdpa"),
    packing: record.packing ?? false,
    trainModules: record.trainable_extra.filter((m) => m === "lm_head" || m === "embed_tokens"),
    gpus: record.gpu_count,
    parallelism,
    baseWeights: baseWeightsOf(record),
    masterWeights: !(notes.bf16States || record.framework === "torchtune"),
    chunkedCrossEntropy: notes.chunkedCrossEntropy || (inherited?.chunkedCrossEntropy ?? false),
    optimizerInBackward: notes.optimizerInBackward || (inherited?.optimizerInBackward ?? false),
  };
  if (record.method !== "full") {
    const targets = record.lora_targets === "attention" ? "attention" : "all-linear";
    workload.lora = { rank: record.lora_rank ?? 8, targets };
  }
  const pixels = /max_pixels (\d+)/i.exec(record.notes);
  if (pixels && findModel(record.model)?.vision) {
    workload.vision = { imagesPerSample: 1, maxPixels: Number(pixels[1]) };
  }
  return {
    record,
    workload,
    parallelism,
    gpus: record.gpu_count,
    capacityGiB: capacityOf(record),
    assumed,
  };
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function baseWeightsOf(record: MeasurementRecord): TrainingWorkload["baseWeights"] {
  if (record.method === "full") return "bf16";
  if (record.method === "lora") return record.base_weights === "fp8" ? "fp8" : "bf16";
  return pick(record.base_weights, QUANTIZED_BASES, "nf4");
}

/** Prepares every record in order, so "Adds ..." rows can inherit from the row before. */
export function prepareAll(records: MeasurementRecord[]): Prepared[] {
  const prepared: Prepared[] = [];
  let previous: PreparedPoint | undefined;
  for (const record of records) {
    const point = prepare(record, previous);
    prepared.push(point);
    if (!("skip" in point)) previous = point;
  }
  return prepared;
}

/** Predicted peak per GPU for a prepared point, in the record's measurement kind. */
export function predictPeak(point: PreparedPoint, c: Calibration = CALIBRATION): number {
  const model = findModel(point.record.model as string);
  if (!model) throw new Error(`model ${point.record.model} missing from the catalog`);
  const training = normalizeTraining(point.workload);
  const { peakGiB } = trainingMemory(
    { model, training, parallelism: point.parallelism, gpus: point.gpus },
    c,
  );
  // torch's allocated and reserved counters leave out the CUDA context.
  const kind = point.record.measurement;
  return kind === "allocated" || kind === "reserved" ? peakGiB - c.runtimeOverheadGiB : peakGiB;
}

export interface ScoredPoint {
  point: PreparedPoint;
  predicted: number;
  measured: number | null;
  errorPct: number | null;
  predictedFits: boolean | null;
  verdictRight: boolean | null;
  /** `cap` when seq_len only caps shorter samples, so the run is reported apart. */
  group: "real" | "cap";
}

/** Scores every prepared point against its measured peak and its fit/OOM outcome. */
export function score(prepared: Prepared[], c: Calibration = CALIBRATION): ScoredPoint[] {
  const scored: ScoredPoint[] = [];
  for (const entry of prepared) {
    if ("skip" in entry) continue;
    const predicted = predictPeak(entry, c);
    const measured = entry.record.measured_peak_gib;
    const errorPct = measured === null ? null : (Math.abs(predicted - measured) / measured) * 100;
    const capacity = entry.capacityGiB;
    const predictedFits = capacity === null ? null : predicted <= capacity;
    const verdictRight =
      predictedFits === null ? null : predictedFits === (entry.record.outcome === "fit");
    const group = entry.record.seq_len_basis === "cap" ? "cap" : "real";
    scored.push({
      point: entry,
      predicted,
      measured,
      errorPct,
      predictedFits,
      verdictRight,
      group,
    });
  }
  return scored;
}

export interface Summary {
  /** Mean absolute percentage error on measured peaks of real length. */
  mape: number;
  medianApe: number;
  peaks: number;
  capMape: number;
  capPeaks: number;
  verdicts: number;
  verdictsRight: number;
  oomReports: number;
  oomPredicted: number;
  fitReports: number;
  fitPredicted: number;
  capVerdicts: number;
  capVerdictsRight: number;
}

/** Summarizes scored points: error on real-length peaks, verdict accuracy, cap runs apart. */
export function summarize(scored: ScoredPoint[]): Summary {
  const real = scored.filter(
    (s) => s.group === "real" && s.errorPct !== null && s.point.record.seq_len !== null,
  );
  const cap = scored.filter((s) => s.group === "cap" && s.errorPct !== null);
  const errors = real.map((s) => s.errorPct as number).sort((a, b) => a - b);
  const verdicts = scored.filter((s) => s.verdictRight !== null && s.group === "real");
  const ooms = verdicts.filter((s) => s.point.record.outcome === "oom");
  const fits = verdicts.filter((s) => s.point.record.outcome === "fit");
  const capVerdicts = scored.filter((s) => s.verdictRight !== null && s.group === "cap");
  return {
    mape: mean(errors),
    medianApe: errors[Math.floor(errors.length / 2)] ?? Number.NaN,
    peaks: real.length,
    capMape: mean(cap.map((s) => s.errorPct as number)),
    capPeaks: cap.length,
    verdicts: verdicts.length,
    verdictsRight: verdicts.filter((s) => s.verdictRight).length,
    oomReports: ooms.length,
    oomPredicted: ooms.filter((s) => s.predictedFits === false).length,
    fitReports: fits.length,
    fitPredicted: fits.filter((s) => s.predictedFits === true).length,
    capVerdicts: capVerdicts.length,
    capVerdictsRight: capVerdicts.filter((s) => s.verdictRight).length,
  };
}

function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** A vLLM record's settings and whether the estimator predicts that it starts. */
export interface ServingVerdict {
  record: MeasurementRecord;
  tensorParallel: number;
  peakGiB: number;
  budgetGiB: number;
  predictedFits: boolean;
  verdictRight: boolean;
}

interface ServeSettings {
  max_model_len: number;
  max_num_seqs: number | null;
  gpu_memory_utilization: number;
  tensor_parallel: number;
}

/**
 * Checks the vLLM records: vLLM starts when weights, activations and the KV cache of one
 * max-length sequence fit the gpu-memory-utilization share of each GPU.
 */
export function scoreServing(records: MeasurementRecord[]): ServingVerdict[] {
  const verdicts: ServingVerdict[] = [];
  for (const record of records) {
    const settings = (record as MeasurementRecord & { serve: ServeSettings | null }).serve;
    const model = record.model === null ? undefined : findModel(record.model);
    const capacity = capacityOf(record);
    if (record.task !== "serve" || !settings || !model || capacity === null) continue;
    const weightPrecision = pick(record.base_weights, SERVING_PRECISIONS, "bf16");
    const serving = normalizeServing({
      enabled: true,
      maxModelLen: settings.max_model_len,
      // The benchmarks sent one request at a time.
      maxNumSeqs: settings.max_num_seqs ?? 1,
      weightPrecision,
      gpuMemoryUtilization: settings.gpu_memory_utilization,
    });
    if (serving === null) continue;
    const tensorParallel = settings.tensor_parallel;
    const peakGiB = servingMemory(model, serving, tensorParallel).peakGiB;
    const budgetGiB = capacity * settings.gpu_memory_utilization;
    const predictedFits = peakGiB <= budgetGiB;
    const verdictRight = predictedFits === (record.outcome === "fit");
    verdicts.push({ record, tensorParallel, peakGiB, budgetGiB, predictedFits, verdictRight });
  }
  return verdicts;
}
