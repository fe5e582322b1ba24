// The GPU sizing engine: model and instance catalogs, the training and serving memory
// models, throughput and cost estimates, and instance selection. No Pulumi imports.

export { CALIBRATION, UTILIZATION } from "./calibration";
export { DEFAULT_HEADROOM_PCT, decideSizing, fittingInstances, resolveModel } from "./decide";
export type { ContextLimitIssue, Hint, Knob, Vocabulary } from "./errors";
export {
  contextLimitError,
  contextLimitIssues,
  SizingError,
  STACK_VOCABULARY,
  servingHints,
  trainingHints,
} from "./errors";
export type { EstimatePart, EstimateResult, Recommendation } from "./estimate";
export { estimate } from "./estimate";
export type { EstimateInput } from "./estimate-input";
export {
  ESTIMATE_FLAGS,
  EstimateInputError,
  FLAG_VOCABULARY,
  parseEstimateInput,
} from "./estimate-input";
export type { GpuSpec, InstanceType, RegionalInstance } from "./instances";
export { gpuSpec, instancesInRegion, listInstanceTypes, listRegions } from "./instances";
export type { CustomArchitecture, ModelArchitecture } from "./model";
export { customArchitecture, findModel, listModelIds, parameterGroups } from "./model";
export * from "./request";
export { kvBytesPerToken, maxModelLenThatFits, servingMemory } from "./serving";
export { trainingMemory, visionTokensPerSample } from "./training";
export type * from "./types";
