import type { StackConfig, TrainingConfig } from "../config";
import type { SizingPlan } from "../sizing/types";

// The Axolotl training config, generated from the stack config and the SizingPlan.
// Key names and values follow Axolotl's pydantic config schema
// (src/axolotl/utils/schemas/config.py and fsdp.py on its main branch, as read in
// December 2026): `attn_implementation` replaces the deprecated `flash_attention`/`sdp_attention`
// flags there, and `gradient_checkpointing` accepts true, false or "offload".

/** Paths inside the training pod. */
export const trainerPaths = {
  config: "/config/axolotl.yaml",
  deepspeed: "/config/deepspeed.json",
  baseModel: "/models/base",
  dataset: "/data/train",
  output: "/work/output",
  prepared: "/work/prepared",
} as const;

// Hyperparameters the stack config does not set. LoRA-family runs use the learning rate
// common in QLoRA recipes; full fine-tuning uses a rate two orders of magnitude lower.
const learningRate = { adapter: 2e-4, full: 1e-5 };
const numEpochs = 1;
const warmupRatio = 0.03;

/** Maps the config's optimizer to its Hugging Face Trainer name, which Axolotl passes on. */
export function mapOptimizer(optimizer: TrainingConfig["optimizer"]): string {
  const names = {
    adamw: "adamw_torch_fused",
    "adamw-8bit": "adamw_bnb_8bit",
    "paged-adamw-8bit": "paged_adamw_8bit",
  } as const;
  return names[optimizer];
}

/**
 * Decides the attention backend: FlashAttention-2 only where the config requests it and
 * the sizing plan marks the GPU as supporting it, SDPA otherwise, eager only when requested.
 */
export function decideAttention(
  attention: TrainingConfig["attention"],
  gpuSupportsFlash: boolean,
): "flash_attention_2" | "sdpa" | "eager" {
  if (attention === "eager") return "eager";
  if (attention === "flash" && gpuSupportsFlash) return "flash_attention_2";
  return "sdpa";
}

/** Maps the config's checkpointing to Axolotl's `gradient_checkpointing` value. */
export function decideGradientCheckpointing(
  checkpointing: TrainingConfig["checkpointing"],
): boolean | "offload" {
  if (checkpointing === "offload") return "offload";
  return checkpointing === "standard";
}

/** Builds a DeepSpeed ZeRO config whose batch and precision settings defer to the trainer. */
export function buildDeepspeedConfig(stage: 2 | 3): Record<string, unknown> {
  return {
    zero_optimization: {
      stage,
      overlap_comm: true,
      contiguous_gradients: true,
      ...(stage === 3 ? { stage3_gather_16bit_weights_on_model_save: true } : {}),
    },
    bf16: { enabled: "auto" },
    fp16: { enabled: "auto" },
    gradient_accumulation_steps: "auto",
    gradient_clipping: "auto",
    train_batch_size: "auto",
    train_micro_batch_size_per_gpu: "auto",
  };
}

// Adapter and quantization keys for each method and base weight format.
function methodKeys(training: TrainingConfig, bf16: boolean): Record<string, unknown> {
  if (training.method === "full") return {};
  const lora = {
    lora_r: training.lora.rank,
    lora_alpha: training.lora.alpha,
    lora_dropout: training.lora.dropout,
    // "attention" targets the projection names of Qwen and Llama attention blocks.
    ...(training.lora.targets === "all-linear"
      ? { lora_target_linear: true }
      : { lora_target_modules: ["q_proj", "k_proj", "v_proj", "o_proj"] }),
    ...(training.trainModules.length > 0 ? { lora_modules_to_save: training.trainModules } : {}),
  };
  if (training.method === "lora") {
    if (training.baseWeights !== "bf16") {
      throw new Error(
        `training.baseWeights "${training.baseWeights}" is not supported for LoRA with Axolotl; ` +
          'use "bf16", or method "qlora" for 4-bit base weights',
      );
    }
    return { adapter: "lora", load_in_8bit: false, load_in_4bit: false, ...lora };
  }
  if (training.baseWeights === "nf4") {
    return {
      adapter: "qlora",
      load_in_4bit: true,
      // NF4 storage with double quantization; compute runs in bf16 where the GPU has it.
      bnb_config_kwargs: {
        bnb_4bit_quant_type: "nf4",
        bnb_4bit_use_double_quant: true,
        bnb_4bit_compute_dtype: bf16 ? "bfloat16" : "float16",
      },
      ...lora,
    };
  }
  if (training.baseWeights === "int4-gptq") {
    // NOTE: expects GPTQ-quantized base weights under the model's artifacts folder.
    return { adapter: "lora", gptq: true, ...lora };
  }
  throw new Error(
    `training.baseWeights "${training.baseWeights}" cannot be trained with Axolotl; ` +
      'use "nf4" or "int4-gptq" for QLoRA',
  );
}

// DeepSpeed, FSDP or a device map, from the sizing plan's parallelism.
function parallelismKeys(
  parallelism: SizingPlan["training"]["parallelism"],
): Record<string, unknown> {
  switch (parallelism) {
    case "zero2":
    case "zero3":
      return { deepspeed: trainerPaths.deepspeed };
    case "fsdp":
      return {
        fsdp_version: 2,
        fsdp_config: {
          auto_wrap_policy: "TRANSFORMER_BASED_WRAP",
          state_dict_type: "FULL_STATE_DICT",
          reshard_after_forward: true,
        },
      };
    case "device_map":
      return { device_map: "auto" };
    default:
      // "single" and "ddp" need no keys: the launcher starts one process per GPU.
      return {};
  }
}

/** Builds the Axolotl config for one training run of the stack. */
export function buildAxolotlConfig(
  config: StackConfig,
  sizing: SizingPlan,
): Record<string, unknown> {
  const training = config.training;
  const { bf16, flashAttention, gradientAccumulationSteps } = sizing.training.trainer;
  if (!Number.isInteger(gradientAccumulationSteps) || gradientAccumulationSteps < 1) {
    throw new Error(
      `sizing.training.trainer.gradientAccumulationSteps must be a positive integer ` +
        `(got ${gradientAccumulationSteps})`,
    );
  }
  const isFull = training.method === "full";
  // NOTE: vision-language tiers train on the de-identified text only; no image inputs or
  // processor settings are generated, although sizing counts images per sample.
  return {
    base_model: trainerPaths.baseModel,
    trust_remote_code: false,
    ...methodKeys(training, bf16),
    // De-identified notes as JSON Lines with a "text" field, trained as plain completion.
    // NOTE: the field name assumes the de-identification job's output format.
    datasets: [{ path: trainerPaths.dataset, ds_type: "json", type: "completion", field: "text" }],
    dataset_prepared_path: trainerPaths.prepared,
    val_set_size: 0,
    output_dir: trainerPaths.output,
    sequence_len: training.seqLen,
    sample_packing: training.packing,
    pad_to_sequence_len: training.packing,
    micro_batch_size: training.microBatch,
    gradient_accumulation_steps: gradientAccumulationSteps,
    num_epochs: numEpochs,
    optimizer: mapOptimizer(training.optimizer),
    lr_scheduler: "cosine",
    learning_rate: isFull ? learningRate.full : learningRate.adapter,
    warmup_ratio: warmupRatio,
    bf16,
    fp16: !bf16,
    gradient_checkpointing: decideGradientCheckpointing(training.checkpointing),
    attn_implementation: decideAttention(training.attention, flashAttention),
    // The plan's layout, not the config's: the estimator falls back to a multi-GPU
    // layout when no single GPU fits.
    ...parallelismKeys(sizing.training.parallelism),
    saves_per_epoch: 1,
    save_total_limit: 1,
    logging_steps: 10,
    // No wandb_project and no hub_model_id: no metrics or weights leave the cluster.
  };
}
