import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../infra/config";
import { buildVllmArgs } from "../../infra/workloads/vllm";
import { fullConfig, images, qloraConfig, sizingPlan } from "../cluster/fixtures";

// The value that follows a flag, or undefined when the flag is absent.
function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

const serving = sizingPlan({ tensorParallelSize: 2 }).serving!;

describe("buildVllmArgs", () => {
  const args = buildVllmArgs(qloraConfig(), serving, true);

  it("serves the local weights first", () => {
    expect(args[0]).toBe("/models/weights");
    expect(flag(args, "--served-model-name")).toBe("qwen2.5-7b");
    expect(flag(args, "--port")).toBe("8000");
  });

  it("always sets max-model-len", () => {
    expect(flag(args, "--max-model-len")).toBe("8192");
    expect(flag(buildVllmArgs(qloraConfig(), serving, false), "--max-model-len")).toBe("8192");
  });

  it("copies the sizing plan's limits", () => {
    expect(flag(args, "--max-num-seqs")).toBe("32");
    expect(flag(args, "--gpu-memory-utilization")).toBe("0.9");
    expect(flag(args, "--tensor-parallel-size")).toBe("2");
    expect(flag(args, "--dtype")).toBe("bfloat16");
  });

  it("enables the trained adapter", () => {
    expect(args).toContain("--enable-lora");
    expect(flag(args, "--max-loras")).toBe("2");
    expect(flag(args, "--max-lora-rank")).toBe("32");
    expect(flag(args, "--lora-modules")).toBe("qwen7b=/models/adapters/qwen7b");
  });

  it("omits LoRA flags without an adapter", () => {
    const plain = buildVllmArgs(qloraConfig(), serving, false);
    expect(plain).not.toContain("--enable-lora");
    expect(plain).not.toContain("--lora-modules");
  });

  it("quantizes to FP8 on request", () => {
    const config = withServing({ weightPrecision: "fp8" });
    expect(flag(buildVllmArgs(config, serving, false), "--quantization")).toBe("fp8");
  });

  it("rejects a context that does not fit", () => {
    const tooLong = { ...serving, maxModelLen: 32768, maxModelLenThatFits: 16384 };
    expect(() => buildVllmArgs(qloraConfig(), tooLong, false)).toThrow(
      /maxModelLen 32768 exceeds 16384/,
    );
  });

  it("rejects a LoRA rank above max-lora-rank", () => {
    const config = withServing({ adapters: { maxLoras: 1, maxLoraRank: 16 } });
    expect(() => buildVllmArgs(config, serving, true)).toThrow(
      /training.lora.rank 32 exceeds serving.adapters.maxLoraRank 16/,
    );
  });

  it("rejects a stack with serving off", () => {
    expect(() => buildVllmArgs(fullConfig(), serving, false)).toThrow(/serving.enabled: true/);
  });
});

function withServing(overrides: Record<string, unknown>) {
  return parseStackConfig("t", {
    environment: "qwen7b",
    region: "ap-south-1",
    compliance: { profiles: ["hipaa"], dataResidency: "IN" },
    model: { id: "qwen2.5-7b" },
    training: { method: "qlora", seqLen: 4096, lora: { rank: 32 } },
    serving: { enabled: true, maxModelLen: 8192, ...overrides },
    cost: { maxUsdPerHour: 40 },
    cluster: { adminRoleArn: "arn:aws:iam::123456789012:role/platform-admin" },
    images,
  });
}
