import { describe, expect, it } from "vitest";
import { parseStackConfig, StackConfigError, stackConfigKeys } from "../../infra/config";
import { findModel, listModelIds } from "../../infra/sizing";

const qwen3MaxPositions = findModel("qwen3-8b")?.maxPositionEmbeddings;
const visionModelIds = listModelIds().filter((id) => findModel(id)?.vision !== undefined);

// biome-ignore lint/suspicious/noExplicitAny: the cases write values of any shape on purpose
type RawConfig = Record<string, any>;

// A valid raw `hcft:` config; each case below breaks one key of a fresh copy.
function validRaw(): RawConfig {
  return {
    environment: "proto-in",
    region: "ap-south-1",
    compliance: { profiles: ["dpdp"], dataResidency: "IN" },
    model: { id: "qwen3-8b" },
    training: { method: "qlora", seqLen: 4096, microBatch: 1, globalBatch: 16 },
    serving: {
      enabled: true,
      maxModelLen: 8192,
      adapters: { maxLoras: 4, maxLoraRank: 16 },
    },
    cost: { maxUsdPerHour: 8 },
    cluster: { adminRoleArn: "arn:aws:iam::123456789012:role/hcft-platform-admin" },
    images: {
      deid: `123456789012.dkr.ecr.ap-south-1.amazonaws.com/hcft/deid@sha256:${"1".repeat(64)}`,
      trainer: `123456789012.dkr.ecr.ap-south-1.amazonaws.com/hcft/axolotl@sha256:${"2".repeat(64)}`,
      vllm: `123456789012.dkr.ecr.ap-south-1.amazonaws.com/hcft/vllm@sha256:${"3".repeat(64)}`,
    },
  };
}

function errorFor(raw: unknown): StackConfigError {
  try {
    parseStackConfig("bad-stack", raw);
  } catch (error) {
    if (error instanceof StackConfigError) return error;
    throw error;
  }
  throw new Error("expected parseStackConfig to throw a StackConfigError");
}

interface BadCase {
  name: string;
  mutate: (raw: RawConfig) => void;
  /** The line's `hcft:<path>:` prefix. */
  path: string;
  /** The whole line for that key, without its indent. */
  line: string;
}

const badCases: BadCase[] = [
  {
    name: "unknown method",
    mutate: (r) => {
      r.training.method = "dora";
    },
    path: "training.method",
    line: 'hcft:training.method: invalid value "dora"; expected one of full, lora, qlora (the other training keys are checked as method: full)',
  },
  {
    name: "malformed region",
    mutate: (r) => {
      r.region = "mumbai";
    },
    path: "region",
    line: 'hcft:region: invalid value "mumbai"; expected an AWS region code such as us-east-1',
  },
  {
    name: "unknown compliance profile",
    mutate: (r) => {
      r.compliance.profiles = ["gdpr"];
    },
    path: "compliance.profiles.0",
    line: 'hcft:compliance.profiles.0: invalid value "gdpr"; expected one of hipaa, dpdp',
  },
  {
    name: "unknown data residency",
    mutate: (r) => {
      r.compliance.dataResidency = "EU";
    },
    path: "compliance.dataResidency",
    line: 'hcft:compliance.dataResidency: invalid value "EU"; expected one of IN, US, none',
  },
  {
    name: "India residency outside India",
    mutate: (r) => {
      r.region = "us-east-1";
    },
    path: "region",
    line: 'hcft:region: invalid value "us-east-1"; expected ap-south-1 (Mumbai) or ap-south-2 (Hyderabad) because compliance.dataResidency is IN',
  },
  {
    name: "sequence length too short",
    mutate: (r) => {
      r.training.seqLen = 64;
    },
    path: "training.seqLen",
    line: "hcft:training.seqLen: invalid value 64; expected an integer from 128 to 262144",
  },
  {
    name: "sequence length as text",
    mutate: (r) => {
      r.training.seqLen = "4k";
    },
    path: "training.seqLen",
    line: 'hcft:training.seqLen: invalid value "4k"; expected an integer from 128 to 262144',
  },
  {
    name: "unknown checkpointing mode",
    mutate: (r) => {
      r.training.checkpointing = "full";
    },
    path: "training.checkpointing",
    line: 'hcft:training.checkpointing: invalid value "full"; expected one of none, standard, offload',
  },
  {
    name: "unknown optimizer",
    mutate: (r) => {
      r.training.optimizer = "sgd";
    },
    path: "training.optimizer",
    line: 'hcft:training.optimizer: invalid value "sgd"; expected one of adamw, adamw-8bit, paged-adamw-8bit',
  },
  {
    name: "LoRA settings on full fine-tuning",
    mutate: (r) => {
      r.training = { method: "full", seqLen: 2048, lora: { rank: 16 } };
    },
    path: "training.lora",
    line:
      "hcft:training.lora: unknown key; expected one of method, seqLen, microBatch, " +
      "globalBatch, checkpointing, attention, packing, trainModules, gpus, vision, " +
      "datasetExamples, datasetTokensPerExample, baseWeights, optimizer, parallelism",
  },
  {
    name: "bf16 base weights with QLoRA",
    mutate: (r) => {
      r.training.baseWeights = "bf16";
    },
    path: "training.baseWeights",
    line: 'hcft:training.baseWeights: invalid value "bf16"; expected one of nf4, int4-gptq, int4-awq',
  },
  {
    name: "global batch not a multiple",
    mutate: (r) => {
      r.training.microBatch = 4;
      r.training.globalBatch = 10;
    },
    path: "training.globalBatch",
    line: "hcft:training.globalBatch: invalid value 10; expected a multiple of training.microBatch (4)",
  },
  {
    name: "misspelled top-level key",
    mutate: (r) => {
      r.modle = { id: "qwen3-8b" };
    },
    path: "modle",
    line: `hcft:modle: unknown key; expected one of ${stackConfigKeys.join(", ")}`,
  },
  {
    name: "missing cost guard",
    mutate: (r) => {
      delete r.cost;
    },
    path: "cost",
    line: "hcft:cost: missing; expected an object with keys maxUsdPerHour",
  },
  {
    name: "unsupported max LoRA rank",
    mutate: (r) => {
      r.serving.adapters.maxLoraRank = 24;
    },
    path: "serving.adapters.maxLoraRank",
    line: "hcft:serving.adapters.maxLoraRank: invalid value 24; expected one of 8, 16, 32, 64, 128, 256, 320, 512",
  },
  {
    name: "GPU memory utilization too high",
    mutate: (r) => {
      r.serving.gpuMemoryUtilization = 0.99;
    },
    path: "serving.gpuMemoryUtilization",
    line: "hcft:serving.gpuMemoryUtilization: invalid value 0.99; expected a number from 0.5 to 0.98",
  },
  {
    name: "serving enabled as text",
    mutate: (r) => {
      r.serving.enabled = "yes";
    },
    path: "serving.enabled",
    line: 'hcft:serving.enabled: invalid value "yes"; expected one of false, true (the other serving keys are checked as enabled: true)',
  },
  {
    name: "image pinned by tag",
    mutate: (r) => {
      r.images.vllm = "vllm/vllm-openai:latest";
    },
    path: "images.vllm",
    line: 'hcft:images.vllm: invalid value "vllm/vllm-openai:latest"; expected <registry>/<repository>@sha256:<64 hex digits>',
  },
  {
    name: "admin role not an ARN",
    mutate: (r) => {
      r.cluster.adminRoleArn = "platform-admin";
    },
    path: "cluster.adminRoleArn",
    line: 'hcft:cluster.adminRoleArn: invalid value "platform-admin"; expected an IAM role ARN',
  },
  {
    name: "unsupported Kubernetes version",
    mutate: (r) => {
      r.cluster.kubernetesVersion = "1.29";
    },
    path: "cluster.kubernetesVersion",
    line: 'hcft:cluster.kubernetesVersion: invalid value "1.29"; expected one of 1.31, 1.32, 1.33, 1.34',
  },
  {
    name: "public VPC range",
    mutate: (r) => {
      r.network = { vpcCidr: "172.31.0.0/16" };
    },
    path: "network.vpcCidr",
    line: 'hcft:network.vpcCidr: invalid value "172.31.0.0/16"; expected a private /16 such as 10.40.0.0/16',
  },
  {
    name: "unknown egress mode",
    mutate: (r) => {
      r.network = { egress: "igw" };
    },
    path: "network.egress",
    line: 'hcft:network.egress: invalid value "igw"; expected one of none, nat',
  },
  {
    name: "headroom above 50 percent",
    mutate: (r) => {
      r.sizing = { headroomPct: 80 };
    },
    path: "sizing.headroomPct",
    line: "hcft:sizing.headroomPct: invalid value 80; expected a number from 0 to 50",
  },
  {
    name: "serving length past the model's positions",
    mutate: (r) => {
      r.serving.maxModelLen = 1_000_000;
    },
    path: "serving.maxModelLen",
    line: `hcft:serving.maxModelLen: invalid value 1000000; expected at most ${qwen3MaxPositions}, the max_position_embeddings of qwen3-8b`,
  },
  {
    name: "images for a text-only model",
    mutate: (r) => {
      r.training.vision = { imagesPerSample: 1 };
    },
    path: "training.vision",
    line:
      'hcft:training.vision: invalid value {"imagesPerSample":1}; expected no vision settings ' +
      "because qwen3-8b has no vision tower; remove training.vision or use one of " +
      visionModelIds.join(", "),
  },
  {
    name: "model outside the catalog",
    mutate: (r) => {
      r.model.id = "llama-9000";
    },
    path: "model.id",
    line: `hcft:model.id: invalid value "llama-9000"; expected one of ${listModelIds().join(", ")}`,
  },
];

describe("parseStackConfig", () => {
  it("accepts the valid base config", () => {
    const config = parseStackConfig("good", validRaw());
    expect(config.training.method).toBe("qlora");
    expect(config.retention.rawPhiDays).toBe(90);
  });

  it.each(badCases)("rejects $name", ({ mutate, path, line: expected }) => {
    const raw = validRaw();
    mutate(raw);
    const error = errorFor(raw);
    const line = error.message.split("\n").find((l) => l.trimStart().startsWith(`hcft:${path}:`));

    expect(error.stackName).toBe("bad-stack");
    expect(error.message).toMatch(/^Invalid configuration for stack "bad-stack"/);
    expect(line, `no line for hcft:${path} in:\n${error.message}`).toBeDefined();
    expect(line?.trim()).toBe(expected);
  });

  it("lists the model catalog for an unknown model", () => {
    const raw = validRaw();
    raw.model.id = "qwen9-1b";
    const issue = errorFor(raw).issues.find((i) => i.path === "model.id");
    expect(issue?.message).toContain("qwen3-8b");
    expect(issue?.message).toContain("qwen2.5-vl-7b");
  });

  it("reports several bad keys in one error", () => {
    const raw = validRaw();
    raw.training.method = "dora";
    raw.images.trainer = "axolotl:latest";
    raw.cost.maxUsdPerHour = -1;
    raw.deid = { mode: "mask" };
    raw.extra = true;
    const error = errorFor(raw);
    const paths = error.issues.map((i) => i.path).sort();

    expect(paths).toEqual([
      "cost.maxUsdPerHour",
      "deid.mode",
      "extra",
      "images.trainer",
      "training.method",
    ]);
    expect(error.message).toContain("(5 problems)");
    expect(error.message.split("\n")).toHaveLength(6);
  });

  it("keeps the stack trace apart from the stack name", () => {
    const error = errorFor({});
    expect(error.stackName).toBe("bad-stack");
    expect(error.stack).toContain("StackConfigError");
  });

  it("reports a non-object config at the root", () => {
    const error = errorFor("qwen3-8b");
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.value).toBe("qwen3-8b");
  });

  it("checks keys behind invalid discriminators", () => {
    const raw = validRaw();
    raw.training.method = "dora";
    raw.training.seqLen = -5;
    raw.training.microBatch = 0;
    raw.training.lora = { rank: 0 };
    raw.serving.enabled = "yes";
    raw.serving.maxModelLen = 0;
    const lines = errorFor(raw)
      .message.split("\n")
      .slice(1)
      .map((line) => line.trim());

    expect(lines).toEqual([
      'hcft:training.method: invalid value "dora"; expected one of full, lora, qlora ' +
        "(the other training keys are checked as method: lora)",
      "hcft:training.seqLen: invalid value -5; expected an integer from 128 to 262144",
      "hcft:training.microBatch: invalid value 0; expected an integer from 1 to 512",
      "hcft:training.lora.rank: invalid value 0; expected an integer from 1 to 1024",
      'hcft:serving.enabled: invalid value "yes"; expected one of false, true ' +
        "(the other serving keys are checked as enabled: true)",
      "hcft:serving.maxModelLen: invalid value 0; expected an integer from 256 to 1048576",
    ]);
  });

  it("describes a missing or null union", () => {
    const raw = validRaw();
    delete raw.training;
    raw.serving = null;
    const lines = errorFor(raw)
      .message.split("\n")
      .slice(1)
      .map((line) => line.trim());

    expect(lines).toEqual([
      "hcft:training: missing; expected an object with method: full|lora|qlora",
      "hcft:serving: invalid value null; expected an object with enabled: false|true",
    ]);
  });
});

describe("retention floors", () => {
  it("rejects both keys below the dpdp floor", () => {
    const raw = validRaw();
    raw.retention = { logDays: 30, auditDays: 30 };
    const lines = errorFor(raw)
      .message.split("\n")
      .slice(1)
      .map((line) => line.trim());

    expect(lines).toEqual([
      "hcft:retention.logDays: invalid value 30; expected at least 365 days " +
        "because compliance profile dpdp requires it",
      "hcft:retention.auditDays: invalid value 30; expected at least 365 days " +
        "because compliance profile dpdp requires it",
    ]);
  });

  it("uses the hipaa floor with both profiles", () => {
    const raw = validRaw();
    raw.compliance.profiles = ["dpdp", "hipaa"];
    raw.retention = { auditDays: 400 };
    const issues = errorFor(raw).issues;

    expect(issues.map((issue) => issue.path)).toEqual(["retention.auditDays"]);
    expect(issues[0]?.message).toBe(
      "invalid value 400; expected at least 2192 days because compliance profile hipaa requires it",
    );
  });

  it("reports retention with other errors", () => {
    const raw = validRaw();
    raw.retention = { logDays: 30 };
    raw.training.seqLen = 64;
    const paths = errorFor(raw).issues.map((issue) => issue.path);

    expect(paths).toEqual(["training.seqLen", "retention.logDays"]);
  });

  it("accepts values at the floor", () => {
    const raw = validRaw();
    raw.retention = { logDays: 365, auditDays: 365 };

    expect(parseStackConfig("good", raw).retention.logDays).toBe(365);
  });
});
