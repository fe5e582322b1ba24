import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listStacks, loadStackFile, namespaceConfig } from "../../cli/plan/stacks";
import { checkCostGuard, checkProviderRegion, parseStackConfig } from "../../infra/config";
import { decideSizing } from "../../infra/sizing";

// Every stack file parses, sizes within its cost guard and keeps its region consistent.
// The plan tests run each stack through the Pulumi program; these checks need no Pulumi.

const stacks = listStacks();

function load(stack: string) {
  const file = loadStackFile(stack);
  const config = parseStackConfig(stack, namespaceConfig(file, "hcft"));
  return { file, config };
}

describe("stack files", () => {
  it("are the seven tiers and nothing else", () => {
    expect(stacks).toEqual([
      "basic-extraction-us",
      "clinical-nlp-us",
      "full-ft-us",
      "long-context-us",
      "multimodal-us",
      "prototype-in",
      "reasoning-us",
    ]);
    expect(readdirSync("stacks").every((name) => /^Pulumi\.[a-z0-9-]+\.yaml$/.test(name))).toBe(
      true,
    );
  });

  it.each(stacks)("%s parses and sizes within its cost guard", (stack) => {
    const { file, config } = load(stack);
    const aws = namespaceConfig(file, "aws");
    expect(() => checkProviderRegion(stack, config, aws.region as string)).not.toThrow();
    const plan = decideSizing({
      modelId: config.model.id,
      region: config.region,
      headroomPct: config.sizing.headroomPct,
      training: config.training,
      serving: config.serving,
    });
    expect(() => checkCostGuard(stack, config, plan)).not.toThrow();
    expect(plan.training.instance.headroomPct).toBeGreaterThanOrEqual(config.sizing.headroomPct);
  });

  it("include an India-resident DPDP tier in Mumbai", () => {
    const india = stacks.map(load).filter(({ config }) => config.compliance.dataResidency === "IN");
    expect(india.length).toBeGreaterThanOrEqual(1);
    for (const { config } of india) {
      expect(config.region).toBe("ap-south-1");
      expect(config.compliance.profiles).toContain("dpdp");
    }
  });

  it("include a US HIPAA tier in us-east-1", () => {
    const us = stacks.map(load).filter(({ config }) => config.compliance.dataResidency === "US");
    expect(us.some(({ config }) => config.region === "us-east-1")).toBe(true);
    for (const { config } of us) expect(config.compliance.profiles).toContain("hipaa");
  });

  it("pin images by digest in the stack's own region", () => {
    for (const stack of stacks) {
      const { config } = load(stack);
      for (const image of Object.values(config.images)) {
        expect(image, stack).toMatch(/@sha256:[0-9a-f]{64}$/);
        expect(
          image.startsWith(`123456789012.dkr.ecr.${config.region}.amazonaws.com/`),
          stack,
        ).toBe(true);
      }
    }
  });

  it("use a distinct VPC range each", () => {
    const ranges = stacks.map((stack) => load(stack).config.network.vpcCidr);
    expect(new Set(ranges).size).toBe(stacks.length);
  });

  it("cover the tier table's models and methods", () => {
    const byStack = Object.fromEntries(stacks.map((stack) => [stack, load(stack).config]));
    expect(byStack["basic-extraction-us"]?.model.id).toMatch(/^qwen(2\.5|3)-(1\.5|1\.7|3|4)b$/);
    expect(byStack["prototype-in"]?.training.method).toBe("qlora");
    expect(byStack["long-context-us"]?.training.seqLen).toBeGreaterThanOrEqual(16384);
    expect(byStack["reasoning-us"]?.model.id).toMatch(/^qwen3-(32b|30b-a3b)$|^qwen2\.5-32b$/);
    expect(byStack["multimodal-us"]?.model.id).toMatch(/^qwen2\.5-vl-/);
    expect(byStack["full-ft-us"]?.training.method).toBe("full");
    expect(byStack["full-ft-us"]?.training.gpus).toBeGreaterThan(1);
  });
});
