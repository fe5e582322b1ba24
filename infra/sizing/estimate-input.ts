import { contextLimitError, contextLimitIssues, type Knob, type Vocabulary } from "./errors";
import { listRegions } from "./instances";
import { findModel, listModelIds } from "./model";
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
  SERVING_PRECISIONS,
  type ServingPrecision,
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
  /** GPUs requested; null picks the cheaper per hour of one GPU or all GPUs of one instance. */
  gpus: number | null;
  parallelism: Parallelism;
  region: string;
  headroomPct: number;
  gpuMemoryGiB: number | null;
  serve: boolean;
  maxModelLen: number;
  maxNumSeqs: number;
  maxLoras: number | null;
  weightPrecision: ServingPrecision;
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
  weightPrecision: "--weight-precision",
};

/** Inputs that only size serving, so they need `serve`. */
const SERVING_ONLY: readonly (keyof EstimateInput)[] = [
  "maxModelLen",
  "maxNumSeqs",
  "maxLoras",
  "weightPrecision",
];

const FLAG_BY_KNOB: Record<Knob, string> = {
  "model.id": ESTIMATE_FLAGS.model,
  "training.seqLen": ESTIMATE_FLAGS.seqLen,
  "training.microBatch": ESTIMATE_FLAGS.microBatch,
  "training.method": ESTIMATE_FLAGS.method,
  "training.checkpointing": ESTIMATE_FLAGS.checkpointing,
  "training.gpus": ESTIMATE_FLAGS.gpus,
  "training.parallelism": ESTIMATE_FLAGS.parallelism,
  "serving.maxModelLen": ESTIMATE_FLAGS.maxModelLen,
  "serving.maxNumSeqs": ESTIMATE_FLAGS.maxNumSeqs,
  "serving.weightPrecision": ESTIMATE_FLAGS.weightPrecision,
};

/** Command-line flags, as in `--method qlora`, for messages `hcft estimate` prints. */
export const FLAG_VOCABULARY: Vocabulary = {
  name: (knob) => FLAG_BY_KNOB[knob],
  assign: (knob, value) => `${FLAG_BY_KNOB[knob]} ${value}`,
};

// Base weights each method accepts, as in the stack config.
const BASE_WEIGHTS_BY_METHOD: Record<Method, readonly BaseWeights[]> = {
  full: ["bf16"],
  lora: ["bf16", "fp8"],
  qlora: ["nf4", "int4-gptq", "int4-awq"],
};

function invalid(key: keyof EstimateInput, value: unknown, expected: string): EstimateInputError {
  // JSON.stringify prints Infinity and NaN as null, so numbers are printed as they are.
  const quoted =
    typeof value === "string"
      ? `"${value}"`
      : typeof value === "number"
        ? String(value)
        : JSON.stringify(value);
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
  // Decimal digits only, so "0x1000" and "1e3" are rejected rather than read as numbers.
  const parsed = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
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
  const parsed = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
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
  if (new Set(list).size !== list.length) {
    throw invalid("trainModules", value, `each of ${TRAIN_MODULES.join(", ")} at most once`);
  }
  return list as TrainModule[];
}

/**
 * Validates a flat input object and fills its defaults. Throws EstimateInputError for a
 * missing or invalid value, a serving input without `serve`, and a length past the model's
 * max_position_embeddings.
 */
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

  const missing = (["model", "method"] as const).filter((key) => raw[key] === undefined);
  if (missing.length > 0) {
    throw new EstimateInputError(
      `missing ${missing.map((key) => ESTIMATE_FLAGS[key]).join(" and ")}`,
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
    weightPrecision: choice(raw, "weightPrecision", SERVING_PRECISIONS, "bf16"),
  };
  checkCombinations(raw, input);
  return input;
}

/** Rejects serving inputs without `serve` and lengths past the model's position limit. */
function checkCombinations(raw: Record<string, unknown>, input: EstimateInput) {
  const servingOnly = SERVING_ONLY.filter((key) => raw[key] !== undefined);
  if (!input.serve && servingOnly.length > 0) {
    const flags = servingOnly.map((key) => ESTIMATE_FLAGS[key]).join(", ");
    throw new EstimateInputError(
      `${flags} ${servingOnly.length > 1 ? "size" : "sizes"} serving only; ` +
        `add ${ESTIMATE_FLAGS.serve} or remove ${flags}`,
    );
  }
  if (input.method === "full" && input.parallelism === "device_map") {
    throw invalid(
      "parallelism",
      "device_map",
      "single, ddp, zero2, zero3 or fsdp for full fine-tuning",
    );
  }

  // The model id is valid here, so it has a catalog entry.
  const model = findModel(input.model);
  if (model === undefined) return;
  const maxModelLen = input.serve ? input.maxModelLen : null;
  const tooLong = contextLimitIssues(model.maxPositionEmbeddings, input.seqLen, maxModelLen);
  if (tooLong.length > 0) {
    throw new EstimateInputError(contextLimitError(model.id, tooLong).describe(FLAG_VOCABULARY));
  }
}
