import { CALIBRATION, type Calibration } from "./calibration";
import { attentionParamsPerLayer, type ModelArchitecture, parameterGroups } from "./model";
import type { Parallelism, ResolvedTraining } from "./request";
import type { MemoryBreakdown } from "./types";

export const GIB = 2 ** 30;

// Bits that bitsandbytes NF4 with double quantization spends on constants: one 8-bit
// absmax per 64-weight block, plus one fp32 absmax and offset per 256 of those blocks.
const NF4_CONSTANT_BYTES_PER_PARAM = 1 / 64 + 8 / (64 * 256);
// GPTQ and AWQ with group size 128: one fp16 scale and one packed 4-bit zero per group.
const INT4_CONSTANT_BYTES_PER_PARAM = (2 + 0.5) / 128;

const OPTIMIZER_STATE_BYTES = { adamw: 8, "adamw-8bit": 2, "paged-adamw-8bit": 2 } as const;

/** The model and workload after defaults, with the GPU count the layout spreads over. */
export interface TrainingLayout {
  model: ModelArchitecture;
  training: ResolvedTraining;
  parallelism: Parallelism;
  gpus: number;
}

/** Bytes per GPU by breakdown term; `runtimeOverhead` is added last. */
type Bytes = Omit<MemoryBreakdown, "runtimeOverhead">;

/** Counts the LoRA parameters of one decoder layer for the target modules. */
export function loraParamsPerLayer(
  model: ModelArchitecture,
  rank: number,
  targets: "attention" | "all-linear",
): number {
  const h = model.hiddenSize;
  const qWidth = model.attentionHeads * model.headDim;
  const kvWidth = model.kvHeads * model.headDim;
  // Each adapted linear layer of shape in x out adds rank x (in + out) parameters.
  let params = rank * (h + qWidth) * 2 + rank * (h + kvWidth) * 2;
  if (targets === "all-linear") {
    if (model.moe) {
      const expert = 3 * rank * (h + model.moe.expertIntermediateSize);
      params += model.moe.experts * expert + rank * (h + model.moe.experts);
    } else {
      params += 3 * rank * (h + model.intermediateSize);
    }
  }
  return params;
}

/** LLM tokens the images of one sample add, from the pixel cap and the merge size. */
export function visionTokensPerSample(model: ModelArchitecture, training: ResolvedTraining) {
  if (!model.vision || !training.vision) return 0;
  const perImage = Math.ceil(training.vision.maxPixels / model.vision.pixelsPerToken);
  return perImage * training.vision.imagesPerSample;
}

/** Parameters of the modules trained in full next to the adapters (lm_head, embed_tokens). */
function fullyTrainedModuleParams(model: ModelArchitecture, training: ResolvedTraining) {
  if (training.method === "full") return 0;
  const groups = parameterGroups(model);
  const modules = new Set(training.trainModules);
  // A tied lm_head is the embedding matrix, so training either trains that one matrix.
  if (model.tiedEmbeddings) return modules.size > 0 ? groups.embedding : 0;
  return (
    (modules.has("lm_head") ? groups.lmHead : 0) +
    (modules.has("embed_tokens") ? groups.embedding : 0)
  );
}

/** Static memory (weights, adapters, gradients, optimizer states) of the whole model. */
function parameterBytes(layout: TrainingLayout) {
  const { model, training } = layout;
  const groups = parameterGroups(model);
  const sixteenBit = groups.embedding + groups.lmHead + groups.vision + groups.other;
  const linear = groups.decoderLinear;
  const bytes = { weights: 0, quantConstants: 0, adapters: 0, gradients: 0, optimizerStates: 0 };

  // Base weights: quantized formats store the decoder's linear layers only.
  switch (training.baseWeights) {
    case "bf16":
      bytes.weights = 2 * groups.total;
      break;
    case "fp8":
      bytes.weights = linear + 2 * sixteenBit;
      break;
    case "nf4":
      bytes.weights = 0.5 * linear + 2 * sixteenBit;
      bytes.quantConstants = NF4_CONSTANT_BYTES_PER_PARAM * linear;
      break;
    case "int4-gptq":
    case "int4-awq":
      bytes.weights = 0.5 * linear + 2 * sixteenBit;
      bytes.quantConstants = INT4_CONSTANT_BYTES_PER_PARAM * linear;
      break;
  }

  const stateBytes = OPTIMIZER_STATE_BYTES[training.optimizer];
  if (training.method === "full") {
    // Mixed precision (DeepSpeed, HF Trainer with fp32 master weights) keeps fp32 master
    // weights and fp32 gradient partitions next to the bf16 copies. Pure bf16 training, as
    // torchtune does it, keeps bf16 gradients and AdamW states and no master copy.
    let gradientBytes = 2;
    let states = training.optimizer === "adamw" ? 4 : stateBytes;
    if (training.masterWeights) {
      gradientBytes = 6;
      states = stateBytes + 4;
    }
    if (training.optimizerInBackward) gradientBytes = 0;
    bytes.gradients = gradientBytes * groups.total;
    bytes.optimizerStates = states * groups.total;
    return bytes;
  }

  // LoRA adapters train in fp32: weight, gradient and optimizer states per parameter.
  const lora = training.lora ?? { rank: 16, targets: "all-linear" as const };
  const loraParams = loraParamsPerLayer(model, lora.rank, lora.targets) * model.layers;
  bytes.adapters = 4 * loraParams;
  bytes.gradients = training.optimizerInBackward ? 0 : 4 * loraParams;
  bytes.optimizerStates = stateBytes * loraParams;

  // A module trained in full gets a bf16 trainable copy, a bf16 gradient and fp32 states.
  const moduleParams = fullyTrainedModuleParams(model, training);
  bytes.weights += 2 * moduleParams;
  bytes.gradients += 2 * moduleParams;
  bytes.optimizerStates += (training.optimizer === "adamw" ? 8 : stateBytes) * moduleParams;
  return bytes;
}

/** Activation and logits memory for a share of the layers, per GPU. */
function activationBytes(
  layout: TrainingLayout,
  layerShare: number,
  holdsLogits: boolean,
  c: Calibration,
) {
  const { model, training } = layout;
  const rowTokens = training.seqLen + visionTokensPerSample(model, training);
  const tokens = training.microBatch * rowTokens;
  const hidden = model.hiddenSize;
  const layers = Math.ceil(model.layers * layerShare);

  // Checkpointing keeps one hidden state per layer and recomputes one layer at a time;
  // offloading moves the kept states to CPU memory.
  const perLayer = c.layerActivationBytesPerHidden * hidden * tokens;
  let activations = 0;
  if (training.checkpointing === "none") activations = layers * perLayer;
  else if (training.checkpointing === "standard") {
    activations = layers * c.checkpointBytesPerHidden * hidden * tokens + perLayer;
  } else activations = perLayer;

  // Eager attention materializes heads x seq x seq scores: bf16 probabilities stay saved
  // per layer without checkpointing, and the fp32 softmax is transient in one layer.
  if (training.attention === "eager") {
    const scores = training.microBatch * model.attentionHeads * rowTokens * rowTokens;
    activations += scores * 6 + (training.checkpointing === "none" ? scores * 2 * layers : 0);
  }

  // The vision tower's patches (merge size 2 x 2 gives 4 per LLM token) pass through one
  // block at a time when the tower is frozen.
  if (model.vision && training.vision) {
    const patches = 4 * visionTokensPerSample(model, training) * training.microBatch;
    activations += patches * model.vision.hiddenSize * c.layerActivationBytesPerHidden;
  }

  const perVocab = training.chunkedCrossEntropy
    ? c.chunkedLogitsBytesPerVocab
    : c.logitsBytesPerVocab;
  const logits = holdsLogits ? tokens * model.vocabSize * perVocab : 0;
  return { activations, logits };
}

/** Peak training memory per GPU with its breakdown, in GiB, for one layout. */
export function trainingMemory(layout: TrainingLayout, c: Calibration = CALIBRATION) {
  const { model, parallelism, gpus } = layout;
  const whole = parameterBytes(layout);
  const shards = Math.max(1, gpus);
  const candidates: Bytes[] = [];

  if (parallelism === "device_map" && shards > 1) {
    // Each GPU stores its share of layers. The first GPU adds the embedding and the vision
    // tower, the last one adds the lm_head and the logits, and the fuller GPU decides.
    const groups = parameterGroups(model);
    const share = Math.ceil(model.layers / shards) / model.layers;
    const endParams = groups.embedding + groups.lmHead + groups.vision;
    const layerBytes = scale({ ...whole, weights: whole.weights - 2 * endParams }, share);
    const ends = [
      { params: groups.embedding + groups.vision, logits: false },
      { params: groups.lmHead, logits: true },
    ];
    for (const end of ends) {
      const bytes = { ...layerBytes, weights: layerBytes.weights + 2 * end.params };
      candidates.push({ ...bytes, ...activationBytes(layout, share, end.logits, c), kvCache: 0 });
    }
  } else {
    let bytes = { ...whole };
    if (parallelism === "ddp" && shards > 1) {
      // DDP copies gradients into communication buckets.
      bytes.gradients *= 2;
    } else if (parallelism === "zero2") {
      bytes = {
        ...bytes,
        gradients: bytes.gradients / shards,
        optimizerStates: bytes.optimizerStates / shards,
      };
    } else if (parallelism === "zero3" || parallelism === "fsdp") {
      bytes = scale(bytes, 1 / shards);
      // Two decoder layers are gathered at a time (the current one and the prefetched one).
      bytes.weights += 2 * 2 * layerParams(model);
    }
    candidates.push({ ...bytes, ...activationBytes(layout, 1, true, c), kvCache: 0 });
  }

  const totals = candidates.map((bytes) => Object.values(bytes).reduce((a, b) => a + b, 0));
  const fullest = candidates[totals.indexOf(Math.max(...totals))] as Bytes;
  return toBreakdown(fullest, c);
}

function layerParams(model: ModelArchitecture): number {
  const mlp = model.moe
    ? model.moe.experts * 3 * model.hiddenSize * model.moe.expertIntermediateSize
    : 3 * model.hiddenSize * model.intermediateSize;
  return attentionParamsPerLayer(model) + mlp;
}

type ParameterBytes = ReturnType<typeof parameterBytes>;

function scale(bytes: ParameterBytes, factor: number): ParameterBytes {
  return {
    weights: bytes.weights * factor,
    quantConstants: bytes.quantConstants * factor,
    adapters: bytes.adapters * factor,
    gradients: bytes.gradients * factor,
    optimizerStates: bytes.optimizerStates * factor,
  };
}

/** Converts bytes to GiB and adds the runtime overhead: fixed context plus fragmentation. */
export function toBreakdown(bytes: Bytes, c: Calibration = CALIBRATION) {
  const gib = (value: number) => value / GIB;
  const breakdown: MemoryBreakdown = {
    weights: gib(bytes.weights),
    quantConstants: gib(bytes.quantConstants),
    adapters: gib(bytes.adapters),
    gradients: gib(bytes.gradients),
    optimizerStates: gib(bytes.optimizerStates),
    activations: gib(bytes.activations),
    logits: gib(bytes.logits),
    kvCache: gib(bytes.kvCache),
    runtimeOverhead: 0,
  };
  const used = Object.values(breakdown).reduce((a, b) => a + b, 0);
  breakdown.runtimeOverhead = c.runtimeOverheadGiB + c.fragmentation * used;
  const peakGiB = used + breakdown.runtimeOverhead;
  return { peakGiB, breakdown };
}
