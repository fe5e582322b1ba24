import type { ResolvedServing, ResolvedTraining } from "./request";

/** A setting the caller can change, named by its stack config key. */
export type Knob =
  | "model.id"
  | "training.seqLen"
  | "training.microBatch"
  | "training.method"
  | "training.checkpointing"
  | "training.gpus"
  | "training.parallelism"
  | "serving.maxModelLen"
  | "serving.maxNumSeqs"
  | "serving.weightPrecision";

/**
 * Names for the knobs in the caller's own terms: stack keys in the Pulumi program, flags on
 * the command line. `name` spells a knob, `assign` a knob set to a value.
 */
export interface Vocabulary {
  name(knob: Knob): string;
  assign(knob: Knob, value: string): string;
}

/** Stack config keys, as in `training.method: qlora`. */
export const STACK_VOCABULARY: Vocabulary = {
  name: (knob) => knob,
  assign: (knob, value) => `${knob}: ${value}`,
};

/** One change that lowers memory, rendered in any vocabulary. */
export type Hint = (words: Vocabulary) => string;

/**
 * A workload that no instance in the region can hold, or a length past the model's limit.
 * `facts` states the numbers and `hints` lists the knobs to turn, in the order
 * practitioners turn them. Both may name knobs, so `describe` can reword them for another
 * caller.
 */
export class SizingError extends Error {
  override name = "SizingError";

  constructor(
    readonly facts: string | Hint,
    readonly hints: readonly Hint[] = [],
  ) {
    super(formatSizingProblem(facts, hints, STACK_VOCABULARY));
  }

  /** Formats the problem with the knobs named in another vocabulary, such as CLI flags. */
  describe(words: Vocabulary): string {
    return formatSizingProblem(this.facts, this.hints, words);
  }
}

function formatSizingProblem(
  facts: string | Hint,
  hints: readonly Hint[],
  words: Vocabulary,
): string {
  const text = typeof facts === "string" ? facts : facts(words);
  if (hints.length === 0) return text;
  return `${text}. Try, in this order: ${hints.map((hint) => hint(words)).join("; ")}`;
}

/** Knobs that lower training memory, skipping the ones already in effect. */
export function trainingHints(training: ResolvedTraining): Hint[] {
  const hints: Hint[] = [(w) => `shorter context (${w.name("training.seqLen")})`];
  if (training.microBatch > 1) {
    hints.push((w) => `smaller micro-batch (${w.name("training.microBatch")})`);
  }
  if (training.method !== "qlora") {
    hints.push((w) => `QLoRA (${w.assign("training.method", "qlora")})`);
  }
  if (training.checkpointing === "none") {
    const value = "standard or offload";
    hints.push((w) => `gradient checkpointing (${w.assign("training.checkpointing", value)})`);
  }
  hints.push((w) => `smaller model (${w.name("model.id")})`);
  hints.push(
    (w) =>
      `more GPUs (${w.name("training.gpus")} with ` +
      `${w.assign("training.parallelism", "zero3, fsdp or device_map")})`,
  );
  return hints;
}

/** Knobs that lower serving memory, skipping a weight precision that is already 4-bit. */
export function servingHints(serving: ResolvedServing): Hint[] {
  const hints: Hint[] = [(w) => `shorter ${w.name("serving.maxModelLen")}`];
  if (serving.maxNumSeqs > 1) hints.push((w) => `fewer ${w.name("serving.maxNumSeqs")}`);
  const smaller: Record<ResolvedServing["weightPrecision"], string | null> = {
    bf16: "fp8 or int4-awq",
    fp8: "int4-awq or int4-gptq",
    "int4-awq": null,
    "int4-gptq": null,
  };
  const precision = smaller[serving.weightPrecision];
  if (precision !== null) {
    hints.push((w) => `smaller weights (${w.assign("serving.weightPrecision", precision)})`);
  }
  hints.push((w) => `smaller model (${w.name("model.id")})`);
  return hints;
}

/** A training or serving length longer than the model's max_position_embeddings. */
export interface ContextLimitIssue {
  knob: "training.seqLen" | "serving.maxModelLen";
  value: number;
  limit: number;
}

/**
 * Lists the lengths past the model's limit. Longer contexts need RoPE scaling, which a
 * stack cannot configure, and vLLM rejects such a --max-model-len.
 */
export function contextLimitIssues(
  maxPositionEmbeddings: number,
  seqLen: number,
  maxModelLen: number | null,
): ContextLimitIssue[] {
  const issues: ContextLimitIssue[] = [];
  const limit = maxPositionEmbeddings;
  if (seqLen > limit) issues.push({ knob: "training.seqLen", value: seqLen, limit });
  if (maxModelLen !== null && maxModelLen > limit) {
    issues.push({ knob: "serving.maxModelLen", value: maxModelLen, limit });
  }
  return issues;
}

/** Builds the error for lengths past the model's limit, naming each length and the limit. */
export function contextLimitError(modelId: string, issues: ContextLimitIssue[]): SizingError {
  return new SizingError((w) =>
    issues
      .map(
        (issue) =>
          `invalid ${w.name(issue.knob)} ${issue.value}: longer than ${modelId}'s ` +
          `max_position_embeddings; expected at most ${issue.limit}`,
      )
      .join("; "),
  );
}
