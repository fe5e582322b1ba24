import { listRegions } from "./instances";
import { listModelIds } from "./model";
import {
  ATTENTION,
  type Attention,
  type BaseWeights,
  CHECKPOINTING,
  type Checkpointing,
  METHODS,
  type Method,
  OPTIMIZERS,
  type Optimizer,
  PARALLELISM,
  type Parallelism,
  TRAIN_MODULES,
  type TrainModule,
} from "./request";

// Inputs of `hcft estimate`: the command-line flags in camelCase, validated, with every
// default made explicit.

/** Invalid estimate input; the message names the flag, the value and the accepted values. */
export class EstimateInputError extends Error {
  override name = "EstimateInputError";
}

/** One estimate request with every default filled in. */
export interface EstimateInput {
  model: string;
  method: Method;
  seqLen: number;
  microBatch: number;
  loraRank: number;
  checkpointing: Checkpointing;
  optimizer: Optimizer;
  attention: Attention;
  packing: boolean;
  trainModules: TrainModule[];
  baseWeights: BaseWeights;
  /** GPUs requested; null lets the estimator use one, or more only when one is too small. */
  gpus: number | null;
  parallelism: Parallelism;
  region: string;
  headroomPct: number;
  gpuMemoryGiB: number | null;
  serve: boolean;
  maxModelLen: number;
  maxNumSeqs: number;
  maxLoras: number | null;
}

export const ESTIMATE_FLAGS: Record<keyof EstimateInput, string> = {
  model: "--model",
  method: "--method",
  seqLen: "--seq-len",
  microBatch: "--micro-batch",
  loraRank: "--lora-rank",
  checkpointing: "--checkpointing",
  optimizer: "--optimizer",
  attention: "--attention",
  packing: "--packing",
  trainModules: "--train-modules",
  baseWeights: "--base-weights",
  gpus: "--gpus",
  parallelism: "--parallelism",
  region: "--region",
  headroomPct: "--headroom-pct",
  gpuMemoryGiB: "--gpu-memory-gib",
  serve: "--serve",
  maxModelLen: "--max-model-len",
  maxNumSeqs: "--max-num-seqs",
  maxLoras: "--max-loras",
};

// Base weights each method accepts, as in the stack config.
const BASE_WEIGHTS_BY_METHOD: Record<Method, readonly BaseWeights[]> = {
  full: ["bf16"],
  lora: ["bf16", "fp8"],
  qlora: ["nf4", "int4-gptq", "int4-awq"],
};

function invalid(key: keyof EstimateInput, value: unknown, expected: string): EstimateInputError {
  const quoted = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return new EstimateInputError(
    `invalid ${ESTIMATE_FLAGS[key]} (${key}) ${quoted}; expected ${expected}`,
  );
}

function choice<T extends string>(
  raw: Record<string, unknown>,
  key: keyof EstimateInput,
  allowed: readonly T[],
  fallback?: T,
  context = "",
): T {
  const value = raw[key] ?? fallback;
  if (value === undefined) throw invalid(key, value, `one of: ${allowed.join(", ")} (required)`);
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw invalid(key, value, `one of: ${allowed.join(", ")}${context}`);
  }
  return value as T;
}

function integer(
  raw: Record<string, unknown>,
  key: keyof EstimateInput,
  min: number,
  max: number,
  fallback: number,
): number;
function integer(
  raw: Record<string, unknown>,
  key: keyof EstimateInput,
  min: number,
  max: number,
  fallback: null,
): number | null;
function integer(
  raw: Record<string, unknown>,
  key: keyof EstimateInput,
  min: number,
  max: number,
  fallback: number | null,
) {
  const value = raw[key];
  if (value === undefined) return fallback;
  const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw invalid(key, value, `an integer from ${min} to ${max}`);
  }
  return parsed;
}

function decimal(
  raw: Record<string, unknown>,
  key: keyof EstimateInput,
  min: number,
  max: number,
  fallback: number | null,
) {
  const value = raw[key];
  if (value === undefined) return fallback;
  const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw invalid(key, value, `a number from ${min} to ${max}`);
  }
  return parsed;
}

function flag(raw: Record<string, unknown>, key: keyof EstimateInput): boolean {
  const value = raw[key] ?? false;
  if (typeof value !== "boolean") throw invalid(key, value, "true or false");
  return value;
}

function modules(raw: Record<string, unknown>): TrainModule[] {
  const value = raw.trainModules ?? [];
  const list = typeof value === "string" ? value.split(",") : value;
  const valid = Array.isArray(list) && list.every((m) => TRAIN_MODULES.includes(m as TrainModule));
  if (!valid) throw invalid("trainModules", value, `a list of: ${TRAIN_MODULES.join(", ")}`);
  return list as TrainModule[];
}

/** Validates a flat input object and fills its defaults; throws EstimateInputError. */
export function parseEstimateInput(entry: unknown): EstimateInput {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new EstimateInputError(
      `expected an object of estimate inputs, got ${JSON.stringify(entry)}`,
    );
  }
  const raw = entry as Record<string, unknown>;
  const unknownKeys = Object.keys(raw).filter((key) => !(key in ESTIMATE_FLAGS));
  if (unknownKeys.length > 0) {
    throw new EstimateInputError(
      `unknown input ${unknownKeys.join(", ")}; expected: ${Object.keys(ESTIMATE_FLAGS).join(", ")}`,
    );
  }

  const method = choice(raw, "method", METHODS);
  const input: EstimateInput = {
    model: choice(raw, "model", listModelIds()),
    method,
    seqLen: integer(raw, "seqLen", 1, 1_048_576, 2048),
    microBatch: integer(raw, "microBatch", 1, 512, 1),
    loraRank: integer(raw, "loraRank", 1, 1024, 16),
    checkpointing: choice(raw, "checkpointing", CHECKPOINTING, "standard"),
    optimizer: choice(
      raw,
      "optimizer",
      OPTIMIZERS,
      method === "qlora" ? "paged-adamw-8bit" : "adamw",
    ),
    attention: choice(raw, "attention", ATTENTION, "flash"),
    packing: flag(raw, "packing"),
    trainModules: modules(raw),
    baseWeights: choice(
      raw,
      "baseWeights",
      BASE_WEIGHTS_BY_METHOD[method],
      BASE_WEIGHTS_BY_METHOD[method][0],
      ` for --method ${method}`,
    ),
    gpus: integer(raw, "gpus", 1, 64, null),
    parallelism: choice(raw, "parallelism", PARALLELISM, "single"),
    region: choice(raw, "region", listRegions(), "us-east-1"),
    headroomPct: decimal(raw, "headroomPct", 0, 50, 10) as number,
    gpuMemoryGiB: decimal(raw, "gpuMemoryGiB", 0.1, 4096, null),
    serve: flag(raw, "serve"),
    maxModelLen: integer(raw, "maxModelLen", 1, 1_048_576, 8192),
    maxNumSeqs: integer(raw, "maxNumSeqs", 1, 1024, 16),
    maxLoras: integer(raw, "maxLoras", 1, 64, null),
  };
  if (method === "full" && input.parallelism === "device_map") {
    throw invalid(
      "parallelism",
      "device_map",
      "single, ddp, zero2, zero3 or fsdp for full fine-tuning",
    );
  }
  return input;
}
