import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
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
      [
        "gpuCount",
        "gpuMemoryGiB",
        "gpuModel",
        "gpusUsed",
        "headroomPct",
        "instanceType",
        "parallelism",
        "usdPerHour",
      ].sort(),
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
    const args = ["--model", "qwen2.5-72b", "--method", "full", "--seq-len", "32768"];
    expect(await run([...args, "--region", "ap-south-2", "--json"])).toBe(1);
    const result = JSON.parse(out.join("\n"));
    expect(result.recommendation).toBeNull();
    expect(result.fits).toEqual([]);
    expect(result.problem).toMatch(/shorter context \(--seq-len\).*more GPUs \(--gpus/);
    expect(err.join("\n")).toMatch(/^error: training qwen2\.5-72b/);
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
    ["missing model", ["--method", "qlora"], /missing --model; usage: hcft estimate --model/],
    ["no arguments", [], /missing --model and --method; usage: hcft estimate/],
    [
      "negative seq-len",
      ["--model", "qwen3-8b", "--method", "qlora", "--seq-len", "-5"],
      /invalid --seq-len \(seqLen\) "-5"; expected an integer from 1 to 1048576/,
    ],
    [
      "negative gpus",
      ["--model", "qwen3-8b", "--method", "qlora", "--gpus", "-1"],
      /invalid --gpus \(gpus\) "-1"; expected an integer from 1 to 64/,
    ],
    [
      "negative headroom",
      ["--model", "qwen3-8b", "--method", "qlora", "--headroom-pct", "-10"],
      /invalid --headroom-pct \(headroomPct\) "-10"; expected a number from 0 to 50/,
    ],
    [
      "negative GPU memory",
      ["--model", "qwen3-8b", "--method", "qlora", "--gpu-memory-gib", "-4"],
      /invalid --gpu-memory-gib \(gpuMemoryGiB\) "-4"/,
    ],
    [
      "negative max-loras",
      ["--model", "qwen3-8b", "--method", "lora", "--serve", "--max-loras", "-1"],
      /invalid --max-loras \(maxLoras\) "-1"; expected an integer from 1 to 64/,
    ],
    [
      "hexadecimal seq-len",
      ["--model", "qwen3-8b", "--method", "qlora", "--seq-len", "0x1000"],
      /invalid --seq-len \(seqLen\) "0x1000"; expected an integer/,
    ],
    [
      "duplicate module",
      [
        "--model",
        "qwen3-8b",
        "--method",
        "lora",
        "--train-modules",
        "lm_head,embed_tokens,lm_head",
      ],
      /invalid --train-modules .*at most once/,
    ],
    [
      "max-loras without serve",
      ["--model", "qwen3-8b", "--method", "lora", "--max-loras", "8"],
      /--max-loras sizes serving only; add --serve or remove --max-loras/,
    ],
    [
      "seq-len past the model limit",
      ["--model", "llama-2-7b", "--method", "lora", "--seq-len", "65536"],
      /invalid --seq-len 65536: longer than llama-2-7b's max_position_embeddings; expected at most 4096/,
    ],
    [
      "max-model-len past the model limit",
      ["--model", "qwen3-8b", "--method", "lora", "--serve", "--max-model-len", "200000"],
      /invalid --max-model-len 200000: .*expected at most 40960/,
    ],
    [
      "batch with input flags",
      ["--batch", "entries.json", "--model", "qwen3-8b"],
      /--batch takes no input flags, got --model/,
    ],
    [
      "missing batch file",
      ["--batch", "no-such-entries.json"],
      /--batch: file not found: no-such-entries\.json/,
    ],
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

describe("hcft estimate exit codes and text", () => {
  it("exits 1 when nothing fits", async () => {
    const args = ["--model", "qwen2.5-72b", "--method", "full", "--seq-len", "4096"];
    expect(await main(["estimate", ...args])).toBe(1);
    expect(out.join("\n")).toContain("no recommendation");
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error: training qwen2\.5-72b .* fits no instance in us-east-1/);
  });

  it("exits 1 when serving fits nowhere", async () => {
    const args = ["--model", "qwen3-8b", "--method", "qlora", "--serve"];
    const serving = ["--max-model-len", "40960", "--max-num-seqs", "1024", "--json"];
    expect(await main(["estimate", ...args, ...serving])).toBe(1);
    const result = JSON.parse(out.join("\n"));
    expect(result.serving.recommendation).toBeNull();
    expect(err[0]).toMatch(/^error: serving qwen3-8b with --max-model-len 40960/);
    expect(err[0]).toContain("smaller weights (--weight-precision fp8 or int4-awq)");
  });

  it("documents the exit codes", async () => {
    expect(await run(["--help"])).toBe(0);
    const help = out.join("\n");
    expect(help).toContain("Exit codes: 0 a recommendation");
    expect(help).toContain("1 nothing fits, 2 invalid");
    expect(help).toContain("--weight-precision");
  });

  it("prints the recommended layout", async () => {
    expect(await run(["--model", "qwen3-8b", "--method", "full"])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("per GPU for the recommended layout: 8 GPUs, zero3");
    expect(text).not.toMatch(/peak per GPU\s+163\./);
    expect(text).toContain("recommendation: p4d.24xlarge (8 x A100-40GB), zero3, $21.96/hour");
  });

  it("reports the recommended layout in JSON", async () => {
    const result = await json(["--model", "qwen3-8b", "--method", "full"]);
    expect(result.layout).toEqual({ gpus: 8, parallelism: "zero3" });
    expect(result.peakGiB).toBe(result.recommendation.peakGiB);
  });

  it("prefers one cheaper GPU", async () => {
    const args = ["--model", "qwen3-8b", "--method", "lora", "--parallelism", "zero3"];
    const result = await json(args);
    expect(result.recommendation.instanceType).toBe("g6e.xlarge");
    expect(result.recommendation.gpuCount).toBe(1);
  });

  it("names idle GPUs of a partial instance", async () => {
    const args = ["--model", "qwen2.5-72b", "--method", "qlora", "--seq-len", "8192"];
    expect(await run([...args, "--gpus", "2", "--parallelism", "device_map"])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("p4de.24xlarge (2 of 8 x A100-80GB used)");
    expect(text).toContain("6 of the 8 GPUs billed sit idle");
  });

  it("describes several nodes as instances", async () => {
    const args = ["--model", "qwen2.5-72b", "--method", "full", "--seq-len", "8192"];
    expect(await run([...args, "--gpus", "64", "--parallelism", "zero3"])).toBe(0);
    expect(out.join("\n")).toMatch(/recommendation: 8 x p\w+\.\d+xlarge \(64 x [\w-]+\)/);
  });

  it("formats serving text", async () => {
    const args = ["--model", "qwen3-8b", "--method", "lora", "--serve"];
    expect(await run([...args, "--max-model-len", "32768", "--max-num-seqs", "64"])).toBe(0);
    const text = out.join("\n");
    const heading = text.split("\n").find((line) => line.startsWith("Serving with vLLM"));
    expect(heading).toBeDefined();
    expect(heading).not.toContain("one GPU");
    expect(text).not.toContain("GPU(s)");
    expect(text).not.toContain("node(s)");
    expect(text).toMatch(/with tensor parallel \d, above/);
    expect(text).not.toMatch(/with single over/);
    expect(text).toMatch(/\$\d+\.\d\d per 1,000 notes/);
    expect(text).toContain("Sizes are per GPU, in GiB (2^30 bytes)");
  });

  it("prints GiB with two decimals", async () => {
    expect(await run(["--model", "qwen3-8b", "--method", "lora"])).toBe(0);
    const amounts = out.join("\n").match(/\d+(\.\d+)? GiB/g) ?? [];
    expect(amounts.length).toBeGreaterThan(0);
    for (const amount of amounts) expect(amount).toMatch(/^\d+\.\d\d GiB$/);
  });
});

describe("hcft estimate --batch input", () => {
  it("reports a non-finite number", { timeout: 60_000 }, async () => {
    const results = await batchFromStdin('[{"model":"qwen3-8b","method":"lora","seqLen":1e400}]');
    expect(results[0].error).toMatch(/invalid --seq-len \(seqLen\) Infinity/);
  });

  it("names both missing inputs", { timeout: 60_000 }, async () => {
    const results = await batchFromStdin("[{}]");
    expect(results[0].error).toBe("missing --model and --method");
  });

  it("names the limit for an entry", { timeout: 60_000 }, async () => {
    const entry = '{"model":"llama-2-7b","method":"lora","seqLen":8192}';
    const results = await batchFromStdin(`[${entry}]`);
    expect(results[0].error).toContain("expected at most 4096");
  });
});

/** Runs --batch - with `text` on standard input and returns the parsed results. */
async function batchFromStdin(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "hcft-stdin-"));
  const file = join(dir, "entries.json");
  writeFileSync(file, text);
  const stdin = openSync(file, "r");
  const spawned = spawnSync("npx", ["tsx", "cli/main.ts", "estimate", "--batch", "-"], {
    stdio: [stdin, "pipe", "pipe"],
    encoding: "utf8",
    timeout: 60_000,
  });
  rmSync(dir, { recursive: true, force: true });
  expect(spawned.status).toBe(0);
  return JSON.parse(spawned.stdout);
}
