import type { ServingConfig, StackConfig } from "../config";
import type { ServingSizing } from "../sizing/types";
import { servingPort } from "./guardrails";

// The `vllm serve` argument list, from the stack config and the serving SizingPlan.
// Flags as in the vLLM CLI reference for `vllm serve`. Request content is not logged:
// since vLLM 0.11 request logging is off unless --enable-log-requests is given, and the
// old --disable-log-requests flag was removed, so the image must be vLLM 0.11 or later.

/** Paths inside the serving pod. */
export const servingPaths = {
  weights: "/models/weights",
  adapters: "/models/adapters",
} as const;

type EnabledServing = Extract<ServingConfig, { enabled: true }>;

// Flags for the weight format: bf16 as is, FP8 quantized on load, or pre-quantized
// AWQ/GPTQ checkpoints.
function precisionArgs(precision: EnabledServing["weightPrecision"]): string[] {
  switch (precision) {
    case "bf16":
      return ["--dtype", "bfloat16"];
    case "fp8":
      return ["--dtype", "bfloat16", "--quantization", "fp8"];
    case "int4-awq":
      return ["--quantization", "awq"];
    case "int4-gptq":
      return ["--quantization", "gptq"];
  }
}

/** Name of the adapter vLLM serves: the environment, which names one training run. */
export function adapterName(config: StackConfig): string {
  return config.environment;
}

/**
 * Builds the `vllm serve` arguments. `--max-model-len` is always explicit, so vLLM never
 * falls back to the model's full context, which the KV cache sizing did not plan for.
 */
export function buildVllmArgs(
  config: StackConfig,
  serving: ServingSizing,
  withAdapter: boolean,
): string[] {
  if (!config.serving.enabled) {
    throw new Error("buildVllmArgs needs serving.enabled: true in the stack config");
  }
  if (serving.maxModelLen > serving.maxModelLenThatFits) {
    throw new Error(
      `serving maxModelLen ${serving.maxModelLen} exceeds ${serving.maxModelLenThatFits}, ` +
        "the longest context whose KV cache fits; lower serving.maxModelLen or maxNumSeqs",
    );
  }
  const args = [
    servingPaths.weights,
    "--served-model-name",
    config.model.id,
    "--host",
    "0.0.0.0",
    "--port",
    String(servingPort),
    "--max-model-len",
    String(serving.maxModelLen),
    "--max-num-seqs",
    String(serving.maxNumSeqs),
    "--gpu-memory-utilization",
    String(serving.gpuMemoryUtilization),
    "--tensor-parallel-size",
    String(serving.tensorParallelSize),
    ...precisionArgs(config.serving.weightPrecision),
  ];
  const adapters = config.serving.adapters;
  if (withAdapter && adapters) {
    const training = config.training;
    if (training.method !== "full" && training.lora.rank > adapters.maxLoraRank) {
      throw new Error(
        `training.lora.rank ${training.lora.rank} exceeds serving.adapters.maxLoraRank ` +
          `${adapters.maxLoraRank}; raise maxLoraRank or lower the LoRA rank`,
      );
    }
    const name = adapterName(config);
    args.push(
      "--enable-lora",
      "--max-loras",
      String(adapters.maxLoras),
      "--max-lora-rank",
      String(adapters.maxLoraRank),
      "--lora-modules",
      `${name}=${servingPaths.adapters}/${name}`,
    );
  }
  return args;
}
