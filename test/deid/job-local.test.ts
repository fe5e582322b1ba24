import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mergeReports, type RunReport } from "../../jobs/deid/report";
import { runJob } from "../../jobs/deid/run";
import { shardOf } from "../../jobs/deid/shard";
import { describeWithSharedData } from "../helpers/shared-data";
import { captureJobLog, DEV_SET, readDevSet, settings, tempDir } from "./helpers";

let dir: ReturnType<typeof tempDir>;
let logs: ReturnType<typeof captureJobLog>;

beforeEach(() => {
  dir = tempDir();
  logs = captureJobLog();
});

afterEach(() => {
  logs.restore();
  dir.remove();
});

describeWithSharedData("local job on the dev set", DEV_SET, () => {
  it("redacts the dev set and reports without PHI", async () => {
    const output = join(dir.path, "out.jsonl");
    const report = await runJob(
      settings({ input: DEV_SET, output, keepFacilities: true, spans: true }),
    );
    const lines = readFileSync(output, "utf8").trimEnd().split("\n");
    const records = readDevSet();
    expect(lines).toHaveLength(records.length);
    expect(report.documents).toBe(records.length);

    // The report contains counts and digests only, so no gold PHI value appears in it.
    const reportText = readFileSync(`${output}.report.json`, "utf8");
    const leaked = records
      .flatMap((r) => r.spans.map((s) => s.text))
      .filter((value) => value.length >= 4 && reportText.includes(value));
    expect(leaked).toEqual([]);
    expect(JSON.parse(reportText).counts.NAME).toBeGreaterThan(1000);
  });

  it("keeps the surrogate secret out of every output", async () => {
    const secret = "s3cr3t-value-for-the-surrogate-test";
    const output = join(dir.path, "out.jsonl");
    await runJob(
      settings({ input: DEV_SET, output, mode: "surrogate", secret: Buffer.from(secret) }),
    );
    expect(readFileSync(output, "utf8")).not.toContain(secret);
    expect(readFileSync(`${output}.report.json`, "utf8")).not.toContain(secret);
    expect(logs.lines.join("\n")).not.toContain(secret);
    expect(logs.lines.length).toBeGreaterThan(0);
  });

  it("leaves no output after a crash and reruns byte for byte", async () => {
    const output = join(dir.path, "out.jsonl");
    const run = settings({ input: DEV_SET, output, keepFacilities: true });
    await expect(runJob(run, { crashAfterLines: 150 })).rejects.toThrow(/simulated crash/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir.path)).toEqual([]);
    await runJob(run);
    const first = readFileSync(output);
    await runJob(run);
    expect(readFileSync(output).equals(first)).toBe(true);
  });
});

describe("local job", () => {
  it("drops fields outside keepFields", async () => {
    const input = join(dir.path, "in.jsonl");
    writeFileSync(
      input,
      `${JSON.stringify({ id: "a", text: "Seen by Dr. Ravi Sharma.", mrn: "E12345678" })}\n`,
    );
    await runJob(settings({ input, output: join(dir.path, "out.jsonl") }));
    const out = JSON.parse(readFileSync(join(dir.path, "out.jsonl"), "utf8"));
    expect(out).toEqual({ id: "a", text: "Seen by Dr. [NAME]." });
  });

  it("fails on a bad line and publishes nothing", async () => {
    const input = join(dir.path, "in.jsonl");
    writeFileSync(input, `{"id":"a","text":"ok"}\n{not json\n{"id":"c","note":"x"}\n`);
    const output = join(dir.path, "out.jsonl");
    await expect(runJob(settings({ input, output }))).rejects.toThrow(/line 2: invalid JSON/);
    expect(readdirSync(dir.path)).toEqual(["in.jsonl"]);
  });

  it("skips bad lines with their line numbers", async () => {
    const input = join(dir.path, "in.jsonl");
    writeFileSync(input, `{"id":"a","text":"ok"}\n{not json\n{"id":"c","note":"Ravi"}\n`);
    const output = join(dir.path, "out.jsonl");
    const report = await runJob(settings({ input, output, onError: "skip" }));
    expect(report.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, "invalid JSON"],
      [3, 'text field "text" missing the record'],
    ]);
    expect(readFileSync(output, "utf8")).toBe('{"id":"a","text":"ok"}\n');
  });

  it("processes plain text line by line", async () => {
    const input = join(dir.path, "notes.txt");
    writeFileSync(input, "Pt seen by Dr. Ravi Sharma on 12/03/2024.\n\nCall 098765-43210.\n");
    const output = join(dir.path, "notes.out.txt");
    await runJob(settings({ input, output }));
    expect(readFileSync(output, "utf8")).toBe(
      "Pt seen by Dr. [NAME] on [DATE].\n\nCall [PHONE].\n",
    );
  });
});

describeWithSharedData("shards", DEV_SET, () => {
  it("partition a prefix and merge", async () => {
    const inputDir = join(dir.path, "in");
    const outputDir = join(dir.path, "out");
    const records = readDevSet().slice(0, 40);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(inputDir);
    records.forEach((record, index) => {
      writeFileSync(
        join(inputDir, `part-${index}.jsonl`),
        `${JSON.stringify({ id: record.id, text: record.text })}\n`,
      );
    });
    const reports: RunReport[] = [];
    for (let index = 0; index < 3; index += 1) {
      reports.push(
        await runJob(
          settings({ input: `${inputDir}/`, output: `${outputDir}/`, shard: { index, count: 3 } }),
        ),
      );
    }
    const outputs = readdirSync(outputDir)
      .filter((name) => name.endsWith(".jsonl"))
      .sort();
    expect(outputs).toHaveLength(records.length);
    for (const [index, report] of reports.entries()) {
      for (const input of report.inputs) {
        expect(shardOf(input.uri.slice(inputDir.length + 1), 3)).toBe(index);
      }
    }
    expect(readdirSync(join(outputDir, "_reports")).sort()).toEqual([
      "shard-0-of-3.json",
      "shard-1-of-3.json",
      "shard-2-of-3.json",
    ]);
    const merged = mergeReports(reports);
    expect(merged.documents).toBe(records.length);
    expect(merged.inputs).toHaveLength(records.length);
    expect(merged.shards.map((s) => s.index)).toEqual([0, 1, 2]);
  });
});

describe("shard reports", () => {
  it("merge rejects a repeated shard", () => {
    const report = {
      engine: { name: "hcft-deid", version: "0.1.0" },
      settings: {},
      shards: [{ index: 0, count: 2 }],
    } as unknown as RunReport;
    expect(() => mergeReports([report, report])).toThrow(
      /shard 0\/2 appears in more than one report/,
    );
  });
});

describeWithSharedData("streaming", DEV_SET, () => {
  it("keeps memory flat on a large input", async () => {
    // NOTE: 1 GB takes minutes, so this streams about 24 MB; the bench streams larger files.
    const input = join(dir.path, "large.jsonl");
    const block = `${readDevSet()
      .map((r) => JSON.stringify({ id: r.id, text: r.text }))
      .join("\n")}\n`;
    writeFileSync(input, block.repeat(30));
    // Sample the heap after a full collection, so only memory the job still keeps counts.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 200);
    await runJob(settings({ input, output: join(dir.path, "out.jsonl") }));
    clearInterval(timer);
    // Holding the whole input would keep at least 24 MB alive; streaming keeps a few lines.
    expect(peak - before).toBeLessThan(16 * 2 ** 20);
  }, 120_000);
});
