import { CALIBRATION, type Calibration } from "./calibration";
import { type ModelArchitecture, parameterGroups } from "./model";
import type { ResolvedServing, ServingPrecision } from "./request";
import { GIB, loraParamsPerLayer, toBreakdown } from "./training";

// vLLM (V1 engine) memory per GPU: weights, KV cache for maxModelLen x maxNumSeqs tokens,
// preallocated LoRA slots, the activation peak of its profiling run and CUDA graphs.

/** Tokens one vLLM scheduler step batches at most (its max_num_batched_tokens default). */
export const MAX_NUM_BATCHED_TOKENS = 8192;
/** CUDA graph memory vLLM captures for decode batch sizes, in GiB (about 0.5-1 GiB). */
const CUDA_GRAPHS_GIB = 1;

const WEIGHT_BYTES: Record<ServingPrecision, number> = {
  bf16: 2,
  fp8: 1,
  "int4-awq": 0.5,
  "int4-gptq": 0.5,
};

/** KV-cache bytes per token: 2 (K and V) x layers x KV heads x head dim x 2 bytes (bf16). */
export function kvBytesPerToken(model: ModelArchitecture): number {
  return 2 * model.layers * model.kvHeads * model.headDim * 2;
}

/** Fraction of the KV cache one GPU keeps: KV heads split across GPUs, at least one each. */
function kvShare(model: ModelArchitecture, tp: number): number {
  return Math.max(1, model.kvHeads / tp) / model.kvHeads;
}

/** Computes the serving memory terms that do not grow with the KV cache, in bytes per GPU. */
function fixedServingBytes(model: ModelArchitecture, serving: ResolvedServing, tp: number) {
  const groups = parameterGroups(model);
  const sixteenBit = groups.embedding + groups.lmHead + groups.vision + groups.other;
  const quantized = serving.weightPrecision !== "bf16";
  const weightBytes = WEIGHT_BYTES[serving.weightPrecision];
  // Quantized checkpoints keep embeddings, lm_head and norms in 16 bits; int4 adds a fp16
  // scale and a 4-bit zero per 128-weight group.
  const weights = (weightBytes * groups.decoderLinear + 2 * sixteenBit) / tp;
  const quantConstants = quantized && weightBytes < 1 ? (groups.decoderLinear * 2.5) / 128 / tp : 0;

  // LoRA slots: vLLM preallocates max_loras adapters of max_lora_rank on every linear layer.
  const adapters = serving.adapters
    ? (serving.adapters.maxLoras *
        2 *
        loraParamsPerLayer(model, serving.adapters.maxLoraRank, "all-linear") *
        model.layers) /
      tp
    : 0;

  // Profiling-run peak: hidden states and the MLP intermediate for one full batch of
  // tokens, plus fp32 logits for every sequence being sampled.
  const tokens = Math.max(MAX_NUM_BATCHED_TOKENS, serving.maxNumSeqs);
  const mlpWidth = model.moe
    ? model.moe.expertIntermediateSize * model.moe.expertsPerToken
    : model.intermediateSize;
  const activations = (tokens * (4 * model.hiddenSize + 2 * mlpWidth) * 2) / tp;
  const logits = serving.maxNumSeqs * model.vocabSize * 4;
  return { weights, quantConstants, adapters, activations, logits };
}

/** Peak serving memory per GPU with its breakdown, at tensor-parallel degree `tp`. */
export function servingMemory(
  model: ModelArchitecture,
  serving: ResolvedServing,
  tp: number,
  c: Calibration = CALIBRATION,
) {
  const fixed = fixedServingBytes(model, serving, tp);
  const kvCache =
    kvBytesPerToken(model) * kvShare(model, tp) * serving.maxModelLen * serving.maxNumSeqs;
  const { peakGiB, breakdown } = toBreakdown(
    { ...fixed, gradients: 0, optimizerStates: 0, kvCache },
    { ...c, runtimeOverheadGiB: c.runtimeOverheadGiB + CUDA_GRAPHS_GIB },
  );
  return { peakGiB, breakdown };
}

/**
 * Returns the largest max model length whose KV cache fits `budgetGiB` per GPU at the
 * configured concurrency (what vLLM leaves after weights, activations and graphs).
 */
export function maxModelLenThatFits(
  model: ModelArchitecture,
  serving: ResolvedServing,
  tp: number,
  budgetGiB: number,
  c: Calibration = CALIBRATION,
): number {
  const withoutKv = servingMemory(model, { ...serving, maxModelLen: 0 }, tp, c).peakGiB;
  const free = (budgetGiB - withoutKv) * GIB;
  // The fragmentation share grows with the KV cache too, so divide it back out.
  const perToken =
    kvBytesPerToken(model) * kvShare(model, tp) * serving.maxNumSeqs * (1 + c.fragmentation);
  return Math.max(0, Math.floor(free / perToken));
}
