import { UTILIZATION } from "./calibration";
import type { RegionalInstance } from "./instances";
import type { ModelArchitecture } from "./model";
import { parameterGroups } from "./model";
import type { ResolvedServing, ResolvedTraining } from "./request";
import { kvBytesPerToken } from "./serving";

// Throughput and cost ESTIMATES from FLOPs per token and the GPU's peak, at a stated
// utilization. They are planning numbers, not measurements.

/** Training FLOPs per token: forward, backward and the recomputed forward. */
export function trainingFlopsPerToken(model: ModelArchitecture, training: ResolvedTraining) {
  const active = parameterGroups(model).active;
  // Full fine-tuning computes weight and input gradients (4N); LoRA skips the frozen
  // weights' gradients (2N). The forward pass is 2N, and checkpointing repeats it.
  const backward = training.method === "full" ? 4 : 2;
  const recompute = training.checkpointing === "none" ? 0 : 2;
  const linear = (2 + backward + recompute) * active;
  // Causal attention scores and values: 2 x layers x seq x heads x head dim per token
  // forward, tripled for the backward pass.
  const passes = (2 + backward + recompute) / 2;
  const attention =
    passes * 2 * model.layers * training.seqLen * model.attentionHeads * model.headDim;
  return linear + attention;
}

/** Estimated training speed and cost of one dataset pass on `gpus` GPUs of an instance. */
export function trainingThroughput(
  model: ModelArchitecture,
  training: ResolvedTraining,
  instance: RegionalInstance,
  gpus: number,
  nodes: number,
) {
  const quantized = training.baseWeights !== "bf16";
  const utilization = quantized ? UTILIZATION.quantizedTraining : UTILIZATION.bf16Training;
  const flops = trainingFlopsPerToken(model, training);
  const tokensPerSecond = (gpus * instance.gpu.bf16DenseTflops * 1e12 * utilization) / flops;
  // NOTE: assumes unpacked rows are grouped by length, so padding adds no compute.
  const tokensPerExample = Math.min(training.datasetTokensPerExample, training.seqLen);
  const hours = (training.datasetExamples * tokensPerExample) / tokensPerSecond / 3600;
  return {
    tokensPerSecond,
    modelFlopsUtilization: utilization,
    hoursForDataset: hours,
    usdForDataset: hours * instance.price * nodes,
  };
}

/** Estimated serving cost per 1,000 notes on one replica. */
export function servingUsdPer1000Notes(
  model: ModelArchitecture,
  serving: ResolvedServing,
  instance: RegionalInstance,
  tp: number,
  weightBytesPerGpu: number,
) {
  const active = parameterGroups(model).active;
  // Prefill is compute-bound: 2 FLOPs per active parameter per input token.
  const prefillSeconds =
    (serving.noteInputTokens * 2 * active) /
    (tp * instance.gpu.bf16DenseTflops * 1e12 * UTILIZATION.bf16Training);
  // Decode is memory-bound: each step reads the weights once for every running sequence,
  // plus each sequence's KV cache at half the context on average.
  const contextBytes =
    kvBytesPerToken(model) * (serving.noteInputTokens + serving.noteOutputTokens / 2);
  const stepBytes = weightBytesPerGpu + (serving.maxNumSeqs * contextBytes) / tp;
  const stepSeconds =
    stepBytes / (instance.gpu.memoryBandwidthGBs * 1e9 * UTILIZATION.decodeBandwidth);
  const decodeSeconds = (serving.noteOutputTokens * stepSeconds) / serving.maxNumSeqs;
  const secondsPerNote = prefillSeconds + decodeSeconds;
  return (1000 * secondsPerNote * instance.price) / 3600;
}
