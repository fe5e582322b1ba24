import { describe, expect, it } from "vitest";
import {
  checkCostGuard,
  checkProviderRegion,
  hourlyCost,
  parseStackConfig,
  StackConfigError,
} from "../../infra/config";
import { decideSizing } from "../../infra/sizing";

function config(maxUsdPerHour: number, replicas = 1) {
  return parseStackConfig("guarded", {
    environment: "guarded",
    region: "us-east-1",
    compliance: { profiles: ["hipaa"], dataResidency: "US" },
    model: { id: "qwen3-8b" },
    training: { method: "qlora", seqLen: 4096 },
    serving: { enabled: true, maxModelLen: 8192, replicas },
    cost: { maxUsdPerHour },
    cluster: { adminRoleArn: "arn:aws:iam::123456789012:role/admin" },
    images: {
      deid: `r.example/deid@sha256:${"a".repeat(64)}`,
      trainer: `r.example/trainer@sha256:${"b".repeat(64)}`,
      vllm: `r.example/vllm@sha256:${"c".repeat(64)}`,
    },
  });
}

function sizingOf(c: ReturnType<typeof config>) {
  return decideSizing({
    modelId: c.model.id,
    region: c.region,
    headroomPct: c.sizing.headroomPct,
    training: c.training,
    serving: c.serving,
  });
}

describe("cost guard", () => {
  it("adds serving once per replica", () => {
    const one = config(100, 1);
    const three = config(100, 3);
    const plan = sizingOf(one);
    const serving = plan.serving?.instance.usdPerHour ?? 0;
    expect(serving).toBeGreaterThan(0);
    expect(hourlyCost(three, plan) - hourlyCost(one, plan)).toBeCloseTo(2 * serving, 6);
    expect(hourlyCost(one, plan)).toBeCloseTo(plan.training.instance.usdPerHour + serving, 6);
  });

  it("passes a guard at the cost", () => {
    const probe = config(100);
    const cost = hourlyCost(probe, sizingOf(probe));
    const exact = config(cost);
    expect(() => checkCostGuard("guarded", exact, sizingOf(exact))).not.toThrow();
  });

  it("rejects a guard below the cost, naming the instances", () => {
    const tight = config(0.5);
    const plan = sizingOf(tight);
    let error: unknown;
    try {
      checkCostGuard("guarded", tight, plan);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    const message = (error as Error).message;
    expect(message).toContain("hcft:cost.maxUsdPerHour:");
    expect(message).toContain(plan.training.instance.instanceType);
    expect(message).toContain(
      `hcft:cost.maxUsdPerHour: invalid value 0.5; expected at least ${Math.ceil(hourlyCost(tight, plan))} because`,
    );
    expect(message).toContain(`raise the guard to at least ${Math.ceil(hourlyCost(tight, plan))}`);
  });
});

describe("provider region", () => {
  it("accepts the same or no aws:region", () => {
    expect(() => checkProviderRegion("s", config(100), "us-east-1")).not.toThrow();
    expect(() => checkProviderRegion("s", config(100), undefined)).not.toThrow();
  });

  it("rejects a different aws:region", () => {
    expect(() => checkProviderRegion("s", config(100), "eu-west-1")).toThrow(
      'hcft:region: invalid value "us-east-1"; expected the same region as aws:region ' +
        "eu-west-1; set both to one region",
    );
  });
});
