import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../cli/commands/estimate";
import { type Sink, setSink } from "../../cli/log";
import { main } from "../../cli/main";

let out: string[] = [];
let err: string[] = [];
let previous: Sink;

beforeEach(() => {
  out = [];
  err = [];
  previous = setSink({ out: (line) => out.push(line), err: (line) => err.push(line) });
});

afterEach(() => {
  setSink(previous);
});

async function json(args: string[]) {
  expect(await run([...args, "--json"])).toBe(0);
  return JSON.parse(out.join("\n"));
}

describe("hcft estimate table", () => {
  it("prints the breakdown and the recommendation", async () => {
    expect(await run(["--model", "qwen3-8b", "--method", "qlora", "--seq-len", "4096"])).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/logits and cross-entropy\s+\d+\.\d\d/);
    expect(text).toMatch(/peak per GPU\s+\d+\.\d\d/);
    expect(text).toMatch(/recommendation: g6\.xlarge/);
    expect(text).toMatch(/estimate/);
  });

  it("prints help with every flag", async () => {
    expect(await run(["--help"])).toBe(0);
    for (const flag of [
      "--lora-rank",
      "--gpu-memory-gib",
      "--max-model-len",
      "--batch",
      "--json",
    ]) {
      expect(out.join("\n")).toContain(flag);
    }
  });
});

describe("hcft estimate --json", () => {
  it("prints peak, breakdown, fits and recommendation", async () => {
    const result = await json(["--model", "qwen3-8b", "--method", "qlora", "--seq-len", "4096"]);
    expect(typeof result.peakGiB).toBe("number");
    expect(Object.keys(result.breakdown)).toEqual([
      "weights",
      "quantConstants",
      "adapters",
      "gradients",
      "optimizerStates",
      "activations",
      "logits",
      "kvCache",
      "runtimeOverhead",
    ]);
    expect(result.fits.length).toBeGreaterThan(0);
    expect(Object.keys(result.fits[0]).sort()).toEqual(
      ["gpuCount", "gpuMemoryGiB", "gpuModel", "headroomPct", "instanceType", "usdPerHour"].sort(),
    );
    expect(result.recommendation.instanceType).toBe("g6.xlarge");
    expect(result.recommendation.gpuCount).toBe(1);
    expect(result.recommendation.reason).toMatch(/cheapest instance in us-east-1/);
    expect(result.fitsGivenGpu).toBeUndefined();
  });

  it("makes every default explicit in the inputs", async () => {
    const result = await json(["--model", "qwen3-8b", "--method", "qlora"]);
    expect(result.inputs).toMatchObject({
      model: "qwen3-8b",
      method: "qlora",
      seqLen: 2048,
      microBatch: 1,
      loraRank: 16,
      checkpointing: "standard",
      optimizer: "paged-adamw-8bit",
      attention: "flash",
      packing: false,
      trainModules: [],
      baseWeights: "nf4",
      gpus: null,
      parallelism: "single",
      region: "us-east-1",
      headroomPct: 10,
      gpuMemoryGiB: null,
      serve: false,
    });
  });

  it("answers whether the peak fits a given GPU", async () => {
    const small = await json(["--model", "qwen3-8b", "--method", "qlora", "--gpu-memory-gib", "8"]);
    expect(small.fitsGivenGpu).toBe(false);
    out = [];
    const large = await json([
      "--model",
      "qwen3-8b",
      "--method",
      "qlora",
      "--gpu-memory-gib",
      "80",
    ]);
    expect(large.fitsGivenGpu).toBe(true);
  });

  it("sizes serving with --serve", async () => {
    const args = ["--model", "qwen3-8b", "--method", "lora", "--serve", "--max-model-len", "4096"];
    const result = await json([...args, "--max-num-seqs", "4", "--max-loras", "2"]);
    expect(result.serving.breakdown.kvCache).toBeCloseTo(2.25, 3);
    expect(result.serving.breakdown.adapters).toBeGreaterThan(0);
    expect(result.serving.recommendation.instanceType).toBeTypeOf("string");
    expect(result.serving.usdPer1000Notes).toBeGreaterThan(0);
  });

  it("returns a null recommendation with the knobs when nothing fits", async () => {
    const args = ["--model", "qwen2.5-72b", "--method", "full", "--seq-len", "131072"];
    const result = await json([...args, "--region", "ap-south-2"]);
    expect(result.recommendation).toBeNull();
    expect(result.fits).toEqual([]);
    expect(result.problem).toMatch(/shorter context.*more GPUs/);
  });

  it("sizes India-resident tiers from Mumbai instances", async () => {
    const args = ["--model", "qwen2.5-14b", "--method", "qlora", "--seq-len", "8192"];
    const result = await json([...args, "--region", "ap-south-1"]);
    for (const fit of result.fits) expect(fit.instanceType).not.toMatch(/^(g6e|p4de|p5e)\./);
  });
});

describe("hcft estimate --batch", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hcft-estimate-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns results in order with an error for a bad entry", async () => {
    const file = join(dir, "batch.json");
    const entries = [
      { model: "qwen3-8b", method: "qlora", seqLen: 4096 },
      { model: "qwen3-8b", method: "sft" },
      { model: "qwen2.5-14b", method: "lora", seqLen: 2048, gpuMemoryGiB: 48, serve: true },
    ];
    writeFileSync(file, JSON.stringify(entries));
    expect(await run(["--batch", file])).toBe(0);
    const results = JSON.parse(out.join("\n"));
    expect(results).toHaveLength(3);
    expect(results[0].inputs.seqLen).toBe(4096);
    expect(results[1].error).toMatch(
      /invalid --method \(method\) "sft"; expected one of: full, lora, qlora/,
    );
    expect(results[2].fitsGivenGpu).toBeTypeOf("boolean");
    expect(results[2].serving).toBeDefined();
  });

  it("rejects a file that is not an array", async () => {
    const file = join(dir, "object.json");
    writeFileSync(file, JSON.stringify({ model: "qwen3-8b" }));
    expect(await main(["estimate", "--batch", file])).toBe(2);
    expect(err.join("\n")).toMatch(/expected a JSON array of inputs/);
  });
});

describe("hcft estimate errors", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "bad method",
      ["--model", "qwen3-8b", "--method", "sft"],
      /--method.*expected one of: full, lora, qlora/,
    ],
    ["missing model", ["--method", "qlora"], /--model \(model\).*required/],
    [
      "unknown model",
      ["--model", "gpt-4", "--method", "qlora"],
      /--model \(model\) "gpt-4"; expected one of: .*qwen3-8b/,
    ],
    [
      "bad number",
      ["--model", "qwen3-8b", "--method", "qlora", "--seq-len", "long"],
      /--seq-len \(seqLen\) "long"; expected an integer/,
    ],
    [
      "bad region",
      ["--model", "qwen3-8b", "--method", "qlora", "--region", "mars-1"],
      /--region.*ap-south-1/,
    ],
    [
      "bad base weights",
      ["--model", "qwen3-8b", "--method", "qlora", "--base-weights", "bf16"],
      /--base-weights.*nf4, int4-gptq, int4-awq/,
    ],
    [
      "bad module",
      ["--model", "qwen3-8b", "--method", "lora", "--train-modules", "vision"],
      /--train-modules.*lm_head, embed_tokens/,
    ],
    [
      "unknown flag",
      ["--model", "qwen3-8b", "--method", "qlora", "--fast"],
      /Unknown option '--fast'/,
    ],
  ];

  for (const [name, args, message] of cases) {
    it(`exits 2 on ${name}`, async () => {
      expect(await main(["estimate", ...args])).toBe(2);
      expect(err.join("\n")).toMatch(message);
      expect(err.join("\n")).not.toMatch(/\n\s+at /);
    });
  }
});
