import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setSink } from "../../cli/log";
import { main } from "../../cli/main";
import { parseJobSettings } from "../../jobs/deid/settings";
import { parseShard } from "../../jobs/deid/shard";
import { tempDir } from "./helpers";

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");

let out: string[];
let err: string[];
let restore: ReturnType<typeof setSink>;
let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  out = [];
  err = [];
  restore = setSink({ out: (line) => out.push(line), err: (line) => err.push(line) });
  dir = tempDir();
});

afterEach(() => {
  setSink(restore);
  dir.remove();
});

describe("hcft deid", () => {
  it("rejects a bad mode with exit 2", async () => {
    expect(await main(["deid", "--input", "a", "--output", "b", "--mode", "mask"])).toBe(2);
    expect(err).toEqual(['error: invalid --mode "mask": expected one of redact, surrogate']);
  });

  it("rejects surrogate mode without a secret", async () => {
    const code = await main(["deid", "--input", "a", "--output", "b", "--mode", "surrogate"]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/needs a secret: set HCFT_DEID_SECRET/);
  });

  it("de-identifies a file and merges reports", async () => {
    const input = join(dir.path, "in.jsonl");
    writeFileSync(input, `${JSON.stringify({ id: "1", text: "Dr. Ravi Sharma, 98765 43210" })}\n`);
    const output = join(dir.path, "out.jsonl");
    expect(await main(["deid", "--input", input, "--output", output, "--spans"])).toBe(0);
    const record = JSON.parse(readFileSync(output, "utf8"));
    expect(record.text).toBe("Dr. [NAME], [PHONE]");
    expect(record.spans).toEqual([
      { start: 4, end: 15, label: "NAME" },
      { start: 17, end: 28, label: "PHONE" },
    ]);
    const merged = join(dir.path, "merged.json");
    expect(await main(["deid", "merge-reports", "--out", merged, `${output}.report.json`])).toBe(0);
    expect(JSON.parse(readFileSync(merged, "utf8")).documents).toBe(1);
  });
});

describe("job settings", () => {
  it("take the shard index from JOB_COMPLETION_INDEX", () => {
    expect(parseShard("/4", { JOB_COMPLETION_INDEX: "2" })).toEqual({ index: 2, count: 4 });
    expect(parseShard(undefined, { JOB_COMPLETION_INDEX: "1", SHARD_COUNT: "3" })).toEqual({
      index: 1,
      count: 3,
    });
    expect(parseShard("0/2", {})).toEqual({ index: 0, count: 2 });
  });

  it("reject a shard index out of range", () => {
    expect(() => parseShard("4/4", {})).toThrow(/expected 0 <= index < count/);
  });

  it("fall back to environment variables", () => {
    const parsed = parseJobSettings([], {
      HCFT_DEID_INPUT: "s3://raw/in/",
      HCFT_DEID_OUTPUT: "s3://clean/out/",
      HCFT_DEID_MODE: "surrogate",
      HCFT_DEID_SECRET: "0123456789abcdef0123",
      JOB_COMPLETION_INDEX: "0",
      SHARD_COUNT: "2",
    });
    expect(parsed).toMatchObject({
      input: "s3://raw/in/",
      mode: "surrogate",
      shard: { index: 0, count: 2 },
    });
  });
});

describe("container entry point", () => {
  it("runs under node with tsx and reads its settings from the environment", async () => {
    const input = join(dir.path, "in.jsonl");
    writeFileSync(input, `${JSON.stringify({ id: "1", text: "Patient: Ravi Sharma" })}\n`);
    const output = join(dir.path, "out.jsonl");
    const result = await run(
      process.execPath,
      ["--import", "tsx", "jobs/deid/main.ts", "--output", output],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HCFT_DEID_INPUT: input, AWS_EC2_METADATA_DISABLED: "true" },
      },
    );
    expect(result.stderr).toContain('"message":"deid run finished"');
    expect(JSON.parse(readFileSync(output, "utf8")).text).toBe("Patient: [NAME]");
  }, 60_000);

  it("exits 2 on invalid settings", async () => {
    const failed = await run(
      process.execPath,
      ["--import", "tsx", "jobs/deid/main.ts", "--input", "x"],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain("missing --output");
  }, 60_000);
});
