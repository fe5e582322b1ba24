import { describe, expect, it } from "vitest";
import { parseStackConfig, StackConfigError, stackConfigKeys } from "../../infra/config";
import { findModel } from "../../infra/sizing";

const qwen3MaxPositions = findModel("qwen3-8b")?.maxPositionEmbeddings;

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
  /** The value as the message prints it after "got". */
  got: string;
  /** Text naming what is accepted. */
  accepted: string;
}

const badCases: BadCase[] = [
  {
    name: "unknown method",
    mutate: (r) => {
      r.training.method = "dora";
    },
    path: "training.method",
    got: '"dora"',
    accepted: "'full' | 'lora' | 'qlora'",
  },
  {
    name: "malformed region",
    mutate: (r) => {
      r.region = "mumbai";
    },
    path: "region",
    got: '"mumbai"',
    accepted: "AWS region code such as us-east-1",
  },
  {
    name: "unknown compliance profile",
    mutate: (r) => {
      r.compliance.profiles = ["gdpr"];
    },
    path: "compliance.profiles.0",
    got: '"gdpr"',
    accepted: '"hipaa"|"dpdp"',
  },
  {
    name: "unknown data residency",
    mutate: (r) => {
      r.compliance.dataResidency = "EU";
    },
    path: "compliance.dataResidency",
    got: '"EU"',
    accepted: '"IN"|"US"|"none"',
  },
  {
    name: "India residency outside India",
    mutate: (r) => {
      r.region = "us-east-1";
    },
    path: "region",
    got: '"us-east-1"',
    accepted: "ap-south-1 (Mumbai) or ap-south-2 (Hyderabad)",
  },
  {
    name: "sequence length too short",
    mutate: (r) => {
      r.training.seqLen = 64;
    },
    path: "training.seqLen",
    got: "64",
    accepted: ">=128",
  },
  {
    name: "sequence length as text",
    mutate: (r) => {
      r.training.seqLen = "4k";
    },
    path: "training.seqLen",
    got: '"4k"',
    accepted: "expected number",
  },
  {
    name: "unknown checkpointing mode",
    mutate: (r) => {
      r.training.checkpointing = "full";
    },
    path: "training.checkpointing",
    got: '"full"',
    accepted: '"none"|"standard"|"offload"',
  },
  {
    name: "unknown optimizer",
    mutate: (r) => {
      r.training.optimizer = "sgd";
    },
    path: "training.optimizer",
    got: '"sgd"',
    accepted: '"adamw"|"adamw-8bit"|"paged-adamw-8bit"',
  },
  {
    name: "LoRA settings on full fine-tuning",
    mutate: (r) => {
      r.training = { method: "full", seqLen: 2048, lora: { rank: 16 } };
    },
    path: "training.lora",
    got: '{"rank":16}',
    accepted: "unknown key; expected one of method, seqLen",
  },
  {
    name: "bf16 base weights with QLoRA",
    mutate: (r) => {
      r.training.baseWeights = "bf16";
    },
    path: "training.baseWeights",
    got: '"bf16"',
    accepted: '"nf4"|"int4-gptq"|"int4-awq"',
  },
  {
    name: "global batch not a multiple",
    mutate: (r) => {
      r.training.microBatch = 4;
      r.training.globalBatch = 10;
    },
    path: "training.globalBatch",
    got: "10",
    accepted: "multiple of microBatch (4)",
  },
  {
    name: "misspelled top-level key",
    mutate: (r) => {
      r.modle = { id: "qwen3-8b" };
    },
    path: "modle",
    got: '{"id":"qwen3-8b"}',
    accepted: `unknown key; expected one of ${stackConfigKeys.join(", ")}`,
  },
  {
    name: "missing cost guard",
    mutate: (r) => {
      delete r.cost;
    },
    path: "cost",
    got: "nothing",
    accepted: "missing; expected object",
  },
  {
    name: "unsupported max LoRA rank",
    mutate: (r) => {
      r.serving.adapters.maxLoraRank = 24;
    },
    path: "serving.adapters.maxLoraRank",
    got: "24",
    accepted: "expected one of 8, 16, 32, 64, 128, 256, 320, 512",
  },
  {
    name: "GPU memory utilization too high",
    mutate: (r) => {
      r.serving.gpuMemoryUtilization = 0.99;
    },
    path: "serving.gpuMemoryUtilization",
    got: "0.99",
    accepted: "<=0.98",
  },
  {
    name: "serving enabled as text",
    mutate: (r) => {
      r.serving.enabled = "yes";
    },
    path: "serving.enabled",
    got: '"yes"',
    accepted: "'false' | 'true'",
  },
  {
    name: "image pinned by tag",
    mutate: (r) => {
      r.images.vllm = "vllm/vllm-openai:latest";
    },
    path: "images.vllm",
    got: '"vllm/vllm-openai:latest"',
    accepted: "<registry>/<repository>@sha256:<64 hex digits>",
  },
  {
    name: "admin role not an ARN",
    mutate: (r) => {
      r.cluster.adminRoleArn = "platform-admin";
    },
    path: "cluster.adminRoleArn",
    got: '"platform-admin"',
    accepted: "IAM role ARN",
  },
  {
    name: "unsupported Kubernetes version",
    mutate: (r) => {
      r.cluster.kubernetesVersion = "1.29";
    },
    path: "cluster.kubernetesVersion",
    got: '"1.29"',
    accepted: '"1.31"|"1.32"|"1.33"|"1.34"',
  },
  {
    name: "public VPC range",
    mutate: (r) => {
      r.network = { vpcCidr: "172.31.0.0/16" };
    },
    path: "network.vpcCidr",
    got: '"172.31.0.0/16"',
    accepted: "private /16 such as 10.40.0.0/16",
  },
  {
    name: "unknown egress mode",
    mutate: (r) => {
      r.network = { egress: "igw" };
    },
    path: "network.egress",
    got: '"igw"',
    accepted: '"none"|"nat"',
  },
  {
    name: "headroom above 50 percent",
    mutate: (r) => {
      r.sizing = { headroomPct: 80 };
    },
    path: "sizing.headroomPct",
    got: "80",
    accepted: "<=50",
  },
  {
    name: "serving length past the model's positions",
    mutate: (r) => {
      r.serving.maxModelLen = 1_000_000;
    },
    path: "serving.maxModelLen",
    got: "1000000",
    accepted: `longer than qwen3-8b's max_position_embeddings; expected at most ${qwen3MaxPositions}`,
  },
  {
    name: "images for a text-only model",
    mutate: (r) => {
      r.training.vision = { imagesPerSample: 1 };
    },
    path: "training.vision",
    got: '{"imagesPerSample":1}',
    accepted: "qwen3-8b has no vision tower; remove training.vision or use one of",
  },
  {
    name: "model outside the catalog",
    mutate: (r) => {
      r.model.id = "llama-9000";
    },
    path: "model.id",
    got: '"llama-9000"',
    accepted: "unknown model; expected one of",
  },
];

describe("parseStackConfig", () => {
  it("accepts the valid base config", () => {
    const config = parseStackConfig("good", validRaw());
    expect(config.training.method).toBe("qlora");
    expect(config.retention.rawPhiDays).toBe(90);
  });

  it.each(badCases)("rejects $name", ({ mutate, path, got, accepted }) => {
    const raw = validRaw();
    mutate(raw);
    const error = errorFor(raw);
    const line = error.message.split("\n").find((l) => l.trimStart().startsWith(`hcft:${path}:`));

    expect(error.stackName).toBe("bad-stack");
    expect(error.message).toMatch(/^Invalid configuration for stack "bad-stack"/);
    expect(line, `no line for hcft:${path} in:\n${error.message}`).toBeDefined();
    expect(line).toContain(`(got ${got})`);
    expect(line).toContain(accepted);
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
});
