import { MODELS } from "./data/models";

/** Mixture-of-experts settings of a model whose decoder MLPs are routed experts. */
export interface MoeSettings {
  experts: number;
  expertsPerToken: number;
  /** Width of each expert's gated MLP projections. */
  expertIntermediateSize: number;
}

/** Vision tower of a vision-language model. */
export interface VisionTower {
  depth: number;
  hiddenSize: number;
  intermediateSize: number;
  /** Image pixels per language-model token after patch merging (28 x 28 for Qwen2.5-VL). */
  pixelsPerToken: number;
  paramsB: number;
}

/** Architecture facts of one model, as its config.json states them. */
export interface ModelArchitecture {
  id: string;
  name: string;
  family: string;
  hiddenSize: number;
  /** Width of each gated-MLP projection (gate, up and down). */
  intermediateSize: number;
  layers: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  maxPositionEmbeddings: number;
  qkvBias: boolean;
  moe?: MoeSettings;
  vision?: VisionTower;
  /** Total parameters in billions, vision tower included. */
  paramsTotalB: number;
  paramsActiveB?: number;
  verified: boolean;
  unverifiedFields?: string[];
  source: string;
}

/** Config values for an architecture that is not in the catalog. */
export interface CustomArchitecture {
  id?: string;
  hiddenSize: number;
  intermediateSize: number;
  layers: number;
  attentionHeads: number;
  kvHeads: number;
  headDim?: number;
  vocabSize: number;
  tiedEmbeddings?: boolean;
  maxPositionEmbeddings?: number;
  moe?: MoeSettings;
}

/** Parameter counts by the role that decides how each group is stored and trained. */
export interface ParameterGroups {
  embedding: number;
  /** 0 when the lm_head shares the embedding matrix. */
  lmHead: number;
  /** Linear layers of the decoder blocks: the weights QLoRA quantizes and LoRA targets. */
  decoderLinear: number;
  vision: number;
  /** Norms, biases and routers. */
  other: number;
  total: number;
  /** Parameters a token passes through (all of them unless the model is MoE). */
  active: number;
}

const byId = new Map(MODELS.map((model) => [model.id, model]));

/** Lists the catalog's model ids, lowercase as in the architecture data. */
export function listModelIds(): string[] {
  return MODELS.map((model) => model.id);
}

/** Returns the catalog entry for a model id, or undefined. */
export function findModel(id: string): ModelArchitecture | undefined {
  return byId.get(id.toLowerCase());
}

/** Parameters of one decoder layer's attention projections (q, k, v, o). */
export function attentionParamsPerLayer(model: ModelArchitecture): number {
  const q = model.hiddenSize * model.attentionHeads * model.headDim;
  const kv = 2 * model.hiddenSize * model.kvHeads * model.headDim;
  return 2 * q + kv;
}

/** Parameters of one decoder layer's MLP: dense gated MLP or every routed expert. */
export function mlpParamsPerLayer(model: ModelArchitecture): number {
  if (model.moe) {
    return model.moe.experts * 3 * model.hiddenSize * model.moe.expertIntermediateSize;
  }
  return 3 * model.hiddenSize * model.intermediateSize;
}

/** Splits a model's parameters into the groups the memory model stores differently. */
export function parameterGroups(model: ModelArchitecture): ParameterGroups {
  const embedding = model.vocabSize * model.hiddenSize;
  const lmHead = model.tiedEmbeddings ? 0 : embedding;
  const perLayer = attentionParamsPerLayer(model) + mlpParamsPerLayer(model);
  const decoderLinear = perLayer * model.layers;
  const vision = (model.vision?.paramsB ?? 0) * 1e9;
  const total = model.paramsTotalB * 1e9;
  const other = Math.max(0, total - embedding - lmHead - decoderLinear - vision);
  const active = (model.paramsActiveB ?? model.paramsTotalB) * 1e9;
  return { embedding, lmHead, decoderLinear, vision, other, total, active };
}

/** Builds a catalog-shaped entry from config values, counting parameters from them. */
export function customArchitecture(config: CustomArchitecture): ModelArchitecture {
  const headDim = config.headDim ?? config.hiddenSize / config.attentionHeads;
  const base: ModelArchitecture = {
    id: config.id ?? "custom",
    name: config.id ?? "custom architecture",
    family: "custom",
    hiddenSize: config.hiddenSize,
    intermediateSize: config.intermediateSize,
    layers: config.layers,
    attentionHeads: config.attentionHeads,
    kvHeads: config.kvHeads,
    headDim,
    vocabSize: config.vocabSize,
    tiedEmbeddings: config.tiedEmbeddings ?? false,
    maxPositionEmbeddings: config.maxPositionEmbeddings ?? 32_768,
    qkvBias: false,
    paramsTotalB: 0,
    verified: false,
    source: "config values given in the sizing request",
  };
  if (config.moe) base.moe = config.moe;

  // Count embeddings, every decoder linear layer and two RMSNorms per layer, like the catalog.
  const embedding = config.vocabSize * config.hiddenSize;
  const lmHead = base.tiedEmbeddings ? 0 : embedding;
  const router = config.moe ? config.hiddenSize * config.moe.experts : 0;
  const perLayer =
    attentionParamsPerLayer(base) + mlpParamsPerLayer(base) + router + 2 * config.hiddenSize;
  const total = embedding + lmHead + perLayer * config.layers + config.hiddenSize;
  base.paramsTotalB = total / 1e9;
  if (config.moe) {
    const expertParams = 3 * config.hiddenSize * config.moe.expertIntermediateSize;
    const inactive = (config.moe.experts - config.moe.expertsPerToken) * expertParams;
    base.paramsActiveB = (total - inactive * config.layers) / 1e9;
  }
  return base;
}
