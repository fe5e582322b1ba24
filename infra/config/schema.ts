import { z } from "zod";

// The shape of one stack's configuration: every key under the `hcft:` namespace of a
// `stacks/Pulumi.<stack>.yaml`. Discriminated unions make impossible combinations (a
// LoRA rank on full fine-tuning, NF4 weights without QLoRA) unwritable.

const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "expected an AWS region code such as us-east-1");

const roleArn = z
  .string()
  .regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, "expected an IAM role ARN");

// Images run by digest only, so a retagged image can never change what runs on PHI.
const imageByDigest = z
  .string()
  .regex(
    /^[\w.-]+(:\d+)?\/[\w./-]+@sha256:[a-f0-9]{64}$/,
    "expected <registry>/<repository>@sha256:<64 hex digits>",
  );

export const complianceProfile = z.enum(["hipaa", "dpdp"]);
export const fineTuningMethod = z.enum(["full", "lora", "qlora"]);
export const checkpointing = z.enum(["none", "standard", "offload"]);
export const optimizer = z.enum(["adamw", "adamw-8bit", "paged-adamw-8bit"]);
export const attention = z.enum(["flash", "sdpa", "eager"]);
export const parallelism = z.enum(["single", "ddp", "zero2", "zero3", "fsdp", "device_map"]);
export const servingPrecision = z.enum(["bf16", "fp8", "int4-awq", "int4-gptq"]);
export const trainModule = z.enum(["lm_head", "embed_tokens"]);
export const loraTargets = z.enum(["attention", "all-linear"]);
const loraRanks = [8, 16, 32, 64, 128, 256, 320, 512] as const;

const lora = z.strictObject({
  rank: z.int().min(1).max(1024).default(16),
  alpha: z.int().min(1).max(4096).default(32),
  dropout: z.number().min(0).max(0.5).default(0.05),
  targets: loraTargets.default("all-linear"),
});

// Settings every method shares.
const trainingCommon = {
  seqLen: z.int().min(128).max(262_144),
  microBatch: z.int().min(1).max(512).default(1),
  globalBatch: z.int().min(1).max(65_536).default(16),
  checkpointing: checkpointing.default("standard"),
  attention: attention.default("flash"),
  packing: z.boolean().default(false),
  trainModules: z.array(trainModule).default([]),
  gpus: z.int().min(1).max(64).optional(),
  // Images per sample and their size, for vision-language models only.
  vision: z
    .strictObject({
      imagesPerSample: z.int().min(0).max(64).default(1),
      maxPixels: z.int().min(3136).max(16_777_216).default(1_003_520),
    })
    .optional(),
  datasetExamples: z.int().min(1).default(10_000),
  datasetTokensPerExample: z.int().min(1).default(1_000),
};

export const trainingSchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("full"),
    ...trainingCommon,
    baseWeights: z.literal("bf16").default("bf16"),
    optimizer: optimizer.default("adamw"),
    parallelism: parallelism.exclude(["device_map"]).default("single"),
  }),
  z.strictObject({
    method: z.literal("lora"),
    ...trainingCommon,
    baseWeights: z.enum(["bf16", "fp8"]).default("bf16"),
    optimizer: optimizer.default("adamw"),
    parallelism: parallelism.default("single"),
    lora: lora.prefault({}),
  }),
  z.strictObject({
    method: z.literal("qlora"),
    ...trainingCommon,
    baseWeights: z.enum(["nf4", "int4-gptq", "int4-awq"]).default("nf4"),
    optimizer: optimizer.default("paged-adamw-8bit"),
    parallelism: parallelism.default("single"),
    lora: lora.prefault({}),
  }),
]);

export const servingSchema = z.discriminatedUnion("enabled", [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    maxModelLen: z.int().min(256).max(1_048_576),
    maxNumSeqs: z.int().min(1).max(1024).default(16),
    weightPrecision: servingPrecision.default("bf16"),
    replicas: z.int().min(1).max(32).default(1),
    gpuMemoryUtilization: z.number().min(0.5).max(0.98).default(0.9),
    adapters: z
      .strictObject({
        maxLoras: z.int().min(1).max(64).default(4),
        // Values vLLM accepts for --max-lora-rank (MaxLoRARanks in vllm/config/lora.py,
        // which recent releases extend with 1).
        maxLoraRank: z.union(
          loraRanks.map((r) => z.literal(r)),
          { error: `expected one of ${loraRanks.join(", ")}` },
        ),
      })
      .optional(),
    // Average lengths of one note, for the serving cost estimate per 1,000 notes.
    noteInputTokens: z.int().min(1).default(1_500),
    noteOutputTokens: z.int().min(1).default(300),
  }),
]);

export const stackConfigSchema = z
  .strictObject({
    // Prefix for resource display names and tags; logical names stay stable across stacks.
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,23}$/, "expected 2-24 lowercase letters, digits or dashes"),
    region: awsRegion,
    compliance: z.strictObject({
      profiles: z.array(complianceProfile).min(1),
      dataResidency: z.enum(["IN", "US", "none"]),
    }),
    model: z.strictObject({
      id: z.string().min(1),
    }),
    training: trainingSchema,
    serving: servingSchema.prefault({ enabled: false }),
    retention: z
      .strictObject({
        rawPhiDays: z.int().min(1).max(3650).default(90),
        logDays: z.int().min(1).max(3653).optional(),
        auditDays: z.int().min(1).max(3653).optional(),
      })
      .prefault({}),
    network: z
      .strictObject({
        egress: z.enum(["none", "nat"]).default("none"),
        vpcCidr: z
          .string()
          .regex(/^10\.\d{1,3}\.0\.0\/16$/, "expected a private /16 such as 10.40.0.0/16")
          .default("10.40.0.0/16"),
      })
      .prefault({}),
    cost: z.strictObject({ maxUsdPerHour: z.number().positive() }),
    sizing: z
      .strictObject({
        headroomPct: z.number().min(0).max(50).default(10),
      })
      .prefault({}),
    cluster: z.strictObject({
      kubernetesVersion: z.enum(["1.31", "1.32", "1.33", "1.34"]).default("1.33"),
      adminRoleArn: roleArn,
      breakGlassRoleArn: roleArn.optional(),
    }),
    images: z.strictObject({
      deid: imageByDigest,
      trainer: imageByDigest,
      vllm: imageByDigest,
    }),
    deid: z
      .strictObject({
        mode: z.enum(["redact", "surrogate"]).default("redact"),
        shards: z.int().min(1).max(256).default(4),
        keepFacilities: z.boolean().default(false),
      })
      .prefault({}),
  })
  // NOTE: zod runs these cross-key checks only after every key parses, so they show up
  // only once the other keys are valid.
  .superRefine((config, ctx) => {
    // Data that must stay in India is only placed in the two Indian regions.
    if (config.compliance.dataResidency === "IN" && !config.region.startsWith("ap-south-")) {
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        input: config.region,
        message:
          "expected ap-south-1 (Mumbai) or ap-south-2 (Hyderabad) because " +
          "compliance.dataResidency is IN",
      });
    }
    const training = config.training;
    if (training.globalBatch % training.microBatch !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["training", "globalBatch"],
        input: training.globalBatch,
        message: `expected a multiple of training.microBatch (${training.microBatch})`,
      });
    }
  });

/** A parsed stack configuration with every default filled in. */
export type StackConfig = z.output<typeof stackConfigSchema>;
export type TrainingConfig = StackConfig["training"];
export type ServingConfig = StackConfig["serving"];
