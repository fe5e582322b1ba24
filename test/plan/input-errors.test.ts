import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { setSink } from "../../cli/log";
import { main } from "../../cli/main";
import { planInProcess } from "./harness";

// Bad paths and option values are rejected before the program runs: exit 2, one line that
// names the option and the value. No case here starts a Pulumi program.

function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), "hcft-input-"));
}

// Runs `hcft plan` without the harness's --out, for the cases that test --out itself.
async function planRaw(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const previous = setSink({ out: () => {}, err: (line) => err.push(line) });
  try {
    return { code: await main(["plan", ...args]), err };
  } finally {
    setSink(previous);
  }
}

describe("plan --program", () => {
  it("rejects a missing file", async () => {
    const run = await planInProcess(["--program", "scratch/nothere.ts"]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual(["error: --program scratch/nothere.ts: file not found"]);
  });

  it("rejects a directory", async () => {
    const dir = path.join(scratchDir(), "program.ts");
    mkdirSync(dir);
    const run = await planInProcess(["--program", dir]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `error: --program ${dir}: is a directory, expected a .ts or .js file`,
    ]);
  });

  it("rejects a program outside the repository", async () => {
    const file = path.join(scratchDir(), "outside.ts");
    writeFileSync(file, 'import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b");\n');
    const run = await planInProcess(["--program", file]);

    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toBe(
      `error: --program ${file}: cannot import @pulumi/pulumi from ${path.dirname(file)}; ` +
        "move the program inside a folder whose node_modules has @pulumi/pulumi, " +
        "such as this repository",
    );
  });
});

describe("plan --program SDK copy", () => {
  it("rejects another @pulumi/pulumi", async () => {
    const dir = scratchDir();
    const sdk = path.join(dir, "node_modules", "@pulumi", "pulumi");
    mkdirSync(sdk, { recursive: true });
    writeFileSync(path.join(sdk, "package.json"), '{"name":"@pulumi/pulumi","main":"index.js"}');
    writeFileSync(path.join(sdk, "index.js"), "module.exports = {};\n");
    const file = path.join(dir, "program.ts");
    writeFileSync(file, 'import "@pulumi/pulumi";\n');
    const run = await planInProcess(["--program", file]);

    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain(`--program ${file}: imports @pulumi/pulumi from ${sdk}`);
    expect(run.err[0]).toContain("move the program inside this repository");
  });
});

describe("plan --stack-file", () => {
  it("names the file and line of invalid YAML", async () => {
    const file = path.join(scratchDir(), "Pulumi.a.yaml");
    writeFileSync(file, "config: [\n  hcft:region: x\n");
    const run = await planInProcess(["--stack-file", file]);

    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(new RegExp(`^error: invalid YAML in ${file} at line \\d+: \\S`));
    expect(run.err[0]).not.toContain("expected --stack");
  });

  it("rejects a directory", async () => {
    const dir = path.join(scratchDir(), "Pulumi.dir.yaml");
    mkdirSync(dir);
    const run = await planInProcess(["--stack-file", dir]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `error: --stack-file ${dir}: is a directory, expected a Pulumi.<stack>.yaml file`,
    ]);
  });
});

describe("plan options", () => {
  it("--stack without a value", async () => {
    const run = await planRaw(["--stack"]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual(["error: Option '--stack <value>' argument missing"]);
  });

  it("unknown option lists the options", async () => {
    const run = await planRaw(["--stak", "prototype-in"]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      "error: Unknown option '--stak'; expected --stack, --stack-file, --out, --program, --packs or --help",
    ]);
  });

  it("--out that is a file", async () => {
    const file = path.join(scratchDir(), "taken");
    writeFileSync(file, "");
    const run = await planRaw(["--out", file]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `error: --out ${file}: is a file, expected a folder (created when missing)`,
    ]);
  });

  it("--out under a file", async () => {
    const file = path.join(scratchDir(), "taken");
    writeFileSync(file, "");
    const run = await planRaw(["--out", path.join(file, "plan")]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `error: --out ${path.join(file, "plan")}: ${file} is a file, expected a folder (created when missing)`,
    ]);
  });
});
