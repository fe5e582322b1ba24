import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../infra/config";
import {
  buildAxolotlConfig,
  buildDeepspeedConfig,
  decideAttention,
  decideGradientCheckpointing,
  mapOptimizer,
} from "../../infra/workloads/axolotl";
import { fullConfig, qloraConfig, sizingPlan } from "../cluster/fixtures";

describe("buildAxolotlConfig for QLoRA", () => {
  const config = buildAxolotlConfig(qloraConfig(), sizingPlan({ gradientAccumulationSteps: 16 }));

  it("loads NF4 weights with bf16 compute", () => {
    expect(config.adapter).toBe("qlora");
    expect(config.load_in_4bit).toBe(true);
    expect(config.bnb_config_kwargs).toEqual({
      bnb_4bit_quant_type: "nf4",
      bnb_4bit_use_double_quant: true,
      bnb_4bit_compute_dtype: "bfloat16",
    });
    expect(config.bf16).toBe(true);
    expect(config.fp16).toBe(false);
  });

  it("copies the LoRA settings", () => {
    expect(config.lora_r).toBe(32);
    expect(config.lora_alpha).toBe(64);
    expect(config.lora_dropout).toBe(0.1);
    expect(config.lora_target_modules).toEqual(["q_proj", "k_proj", "v_proj", "o_proj"]);
    expect(config.lora_target_linear).toBeUndefined();
    expect(config.lora_modules_to_save).toEqual(["lm_head"]);
  });

  it("sets batch, sequence and packing", () => {
    expect(config.sequence_len).toBe(4096);
    expect(config.micro_batch_size).toBe(2);
    expect(config.gradient_accumulation_steps).toBe(16);
    expect(config.sample_packing).toBe(true);
    expect(config.gradient_checkpointing).toBe(true);
  });

  it("maps the paged 8-bit optimizer", () => {
    expect(config.optimizer).toBe("paged_adamw_8bit");
    expect(config.learning_rate).toBe(2e-4);
  });

  it("uses FlashAttention where the GPU supports it", () => {
    expect(config.attn_implementation).toBe("flash_attention_2");
    const noFlash = buildAxolotlConfig(qloraConfig(), sizingPlan({ flashAttention: false }));
    expect(noFlash.attn_implementation).toBe("sdpa");
  });

  it("reads base weights and data from local paths", () => {
    expect(config.base_model).toBe("/models/base");
    expect(config.datasets).toEqual([
      { path: "/data/train", ds_type: "json", type: "completion", field: "text" },
    ]);
    expect(config.output_dir).toBe("/work/output");
    expect(config).not.toHaveProperty("hub_model_id");
    expect(config).not.toHaveProperty("wandb_project");
  });

  it("computes in float16 on GPUs without bf16", () => {
    const fp16 = buildAxolotlConfig(qloraConfig(), sizingPlan({ bf16: false }));
    expect(fp16.bf16).toBe(false);
    expect(fp16.fp16).toBe(true);
    expect((fp16.bnb_config_kwargs as Record<string, unknown>).bnb_4bit_compute_dtype).toBe(
      "float16",
    );
  });
});

describe("buildAxolotlConfig for full fine-tuning", () => {
  const config = buildAxolotlConfig(
    fullConfig(),
    sizingPlan({ gradientAccumulationSteps: 4, parallelism: "zero3" }),
  );

  it("sets no adapter and no quantization", () => {
    expect(config.adapter).toBeUndefined();
    expect(config.load_in_4bit).toBeUndefined();
    expect(config.lora_r).toBeUndefined();
  });

  it("uses ZeRO-3 through DeepSpeed", () => {
    expect(config.deepspeed).toBe("/config/deepspeed.json");
  });

  it("follows the plan's layout over the config's", () => {
    const fsdp = buildAxolotlConfig(fullConfig(), sizingPlan({ parallelism: "fsdp" }));
    expect(fsdp.deepspeed).toBeUndefined();
    expect(fsdp.fsdp_version).toBe(2);
    const single = buildAxolotlConfig(fullConfig(), sizingPlan({ parallelism: "single" }));
    expect(single.deepspeed).toBeUndefined();
    expect(single.fsdp_version).toBeUndefined();
  });

  it("offloads checkpointed activations and uses SDPA", () => {
    expect(config.gradient_checkpointing).toBe("offload");
    expect(config.attn_implementation).toBe("sdpa");
  });

  it("uses the fused AdamW with a low learning rate", () => {
    expect(config.optimizer).toBe("adamw_torch_fused");
    expect(config.learning_rate).toBe(1e-5);
    expect(config.gradient_accumulation_steps).toBe(4);
    expect(config.sample_packing).toBe(false);
  });
});

describe("Axolotl decisions", () => {
  it("maps every optimizer", () => {
    expect(mapOptimizer("adamw")).toBe("adamw_torch_fused");
    expect(mapOptimizer("adamw-8bit")).toBe("adamw_bnb_8bit");
    expect(mapOptimizer("paged-adamw-8bit")).toBe("paged_adamw_8bit");
  });

  it("picks attention by request and GPU", () => {
    expect(decideAttention("flash", true)).toBe("flash_attention_2");
    expect(decideAttention("flash", false)).toBe("sdpa");
    expect(decideAttention("sdpa", true)).toBe("sdpa");
    expect(decideAttention("eager", true)).toBe("eager");
  });

  it("maps checkpointing modes", () => {
    expect(decideGradientCheckpointing("none")).toBe(false);
    expect(decideGradientCheckpointing("standard")).toBe(true);
    expect(decideGradientCheckpointing("offload")).toBe("offload");
  });

  it("builds ZeRO stages with trainer-owned batch sizes", () => {
    const zero2 = buildDeepspeedConfig(2);
    expect(zero2.zero_optimization).toEqual({
      stage: 2,
      overlap_comm: true,
      contiguous_gradients: true,
    });
    expect(zero2.train_micro_batch_size_per_gpu).toBe("auto");
    const zero3 = buildDeepspeedConfig(3) as { zero_optimization: Record<string, unknown> };
    expect(zero3.zero_optimization.stage3_gather_16bit_weights_on_model_save).toBe(true);
  });

  it("targets all linear layers when asked", () => {
    const raw = {
      ...qloraRaw(),
      training: { ...qloraRaw().training, lora: { targets: "all-linear" } },
    };
    const config = buildAxolotlConfig(parseStackConfig("t", raw), sizingPlan({}));
    expect(config.lora_target_linear).toBe(true);
    expect(config.lora_target_modules).toBeUndefined();
  });

  it("rejects AWQ base weights", () => {
    const raw = { ...qloraRaw(), training: { ...qloraRaw().training, baseWeights: "int4-awq" } };
    expect(() => buildAxolotlConfig(parseStackConfig("t", raw), sizingPlan({}))).toThrow(
      /baseWeights "int4-awq" cannot be trained with Axolotl; use "nf4" or "int4-gptq"/,
    );
  });

  it("rejects FP8 base weights for LoRA", () => {
    const training = { ...qloraRaw().training, method: "lora", baseWeights: "fp8" };
    expect(() =>
      buildAxolotlConfig(parseStackConfig("t", { ...qloraRaw(), training }), sizingPlan({})),
    ).toThrow(/baseWeights "fp8" is not supported for LoRA/);
  });

  it("rejects a zero accumulation step count", () => {
    expect(() =>
      buildAxolotlConfig(qloraConfig(), sizingPlan({ gradientAccumulationSteps: 0 })),
    ).toThrow(/gradientAccumulationSteps must be a positive integer \(got 0\)/);
  });
});

// The raw form of the QLoRA fixture, for tests that change one key.
function qloraRaw() {
  const parsed = qloraConfig();
  return {
    environment: parsed.environment,
    region: parsed.region,
    compliance: parsed.compliance,
    model: parsed.model,
    training: { method: "qlora", seqLen: 4096, microBatch: 2, globalBatch: 32 } as Record<
      string,
      unknown
    >,
    cost: parsed.cost,
    cluster: { adminRoleArn: parsed.cluster.adminRoleArn },
    images: parsed.images,
  };
}
