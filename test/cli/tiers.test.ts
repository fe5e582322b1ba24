import { describe, expect, it } from "vitest";
import { REFERENCE_DATASET, type TierRow } from "../../cli/commands/tiers";
import { setSink } from "../../cli/log";
import { main } from "../../cli/main";
import { listStacks, loadStackFile, namespaceConfig } from "../../cli/plan/stacks";
import { parseStackConfig } from "../../infra/config";
import { decideSizing } from "../../infra/sizing";

async function tiers(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const previous = setSink({ out: (line) => out.push(line), err: (line) => err.push(line) });
  try {
    const code = await main(["tiers", ...args]);
    return { code, out, err };
  } finally {
    setSink(previous);
  }
}

describe("hcft tiers", () => {
  it("prints one JSON row per stack", async () => {
    const { code, out, err } = await tiers(["--json"]);
    const rows = JSON.parse(out.join("\n")) as TierRow[];

    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(rows.map((row) => row.stack)).toEqual(listStacks());
    expect(rows).toHaveLength(7);
  });

  it("matches the estimator for each stack", async () => {
    const rows = JSON.parse((await tiers(["--json"])).out.join("\n")) as TierRow[];
    for (const row of rows) {
      const config = parseStackConfig(row.stack, namespaceConfig(loadStackFile(row.stack), "hcft"));
      const plan = decideSizing({
        modelId: config.model.id,
        region: config.region,
        headroomPct: config.sizing.headroomPct,
        training: {
          ...config.training,
          datasetExamples: REFERENCE_DATASET.examples,
          datasetTokensPerExample: REFERENCE_DATASET.tokensPerExample,
        },
        serving: config.serving,
      });
      expect(row.model, row.stack).toBe(config.model.id);
      expect(row.method, row.stack).toBe(config.training.method);
      expect(row.seqLen, row.stack).toBe(config.training.seqLen);
      expect(row.trainingInstance, row.stack).toBe(plan.training.instance.instanceType);
      expect(row.gpus, row.stack).toBe(plan.training.instance.gpusUsed);
      expect(row.peakGiB, row.stack).toBe(plan.training.peakGiB);
      expect(row.usdPer10kExamples, row.stack).toBe(plan.training.throughput.usdForDataset);
      expect(row.servingInstance, row.stack).toBe(plan.serving?.instance.instanceType ?? null);
      expect(row.usdPer1000Notes, row.stack).toBe(plan.serving?.usdPer1000Notes ?? null);
    }
  });

  it("costs training at the hourly price", async () => {
    const rows = JSON.parse((await tiers(["--json"])).out.join("\n")) as TierRow[];
    for (const row of rows) {
      const expected = row.hoursPer10kExamples * row.usdPerHour;
      // Hours and dollars are rounded to two decimals in the sizing plan.
      const tolerance = 0.005 * row.usdPerHour + 0.005;
      expect(Math.abs(row.usdPer10kExamples - expected), row.stack).toBeLessThanOrEqual(tolerance);
      expect(row.peakGiB, row.stack).toBeLessThanOrEqual(row.gpuMemoryGiB);
    }
  });

  it("sizes the India tier from Mumbai's instances", async () => {
    const rows = JSON.parse((await tiers(["--json"])).out.join("\n")) as TierRow[];
    const india = rows.find((row) => row.stack === "prototype-in");
    // Mumbai offers no g6e, p4de or p5e.
    expect(india?.trainingInstance).not.toMatch(/^(g6e|p4de|p5e)\./);
    expect(india?.servingInstance).not.toMatch(/^(g6e|p4de|p5e)\./);
  });

  it("prints a table with a header and a row per stack", async () => {
    const { code, out } = await tiers([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^stack\s+model\s+method\s+context\s+training\s+GPUs/);
    for (const stack of listStacks()) {
      expect(out.some((line) => line.startsWith(`${stack} `))).toBe(true);
    }
    expect(out.at(-1)).toContain("10,000 examples of 1,000 tokens");
  });

  it("rejects an unknown flag", async () => {
    const { code, err } = await tiers(["--csv"]);
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("expected --json or --help");
  });
});
