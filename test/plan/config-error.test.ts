import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { planInProcess } from "./harness";

// Invalid input exits 2 with one readable message and no stack trace. Pulumi's runtime
// is process-global, so only the last case here starts the program.

function brokenStackFile(): string {
  const source = readFileSync("stacks/Pulumi.prototype-in.yaml", "utf8");
  const broken = source
    .replace("method: qlora", "method: dora")
    .replace("maxUsdPerHour: 8", "maxUsdPerHour: -3")
    .replace("logDays: 2192", "logDays: 30")
    .replace("auditDays: 2192", "auditDays: 30")
    .replace("hcft:model:", "hcft:modle:\n    id: qwen3-8b\n  hcft:model:");
  const dir = mkdtempSync(path.join(tmpdir(), "hcft-stack-"));
  const file = path.join(dir, "Pulumi.broken.yaml");
  writeFileSync(file, broken);
  return file;
}

describe("plan exit code 2", () => {
  it("rejects an unknown stack", async () => {
    const run = await planInProcess(["--stack", "no-such-tier"]);
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain("--stack no-such-tier: no stack file");
    expect(run.err.join("\n")).toContain("prototype-in");
  });

  it("rejects an unknown flag", async () => {
    const run = await planInProcess(["--stak", "prototype-in"]);
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain("expected --stack, --stack-file, --out, --program");
  });

  it("rejects --stack with --stack-file", async () => {
    const run = await planInProcess(["--stack", "a", "--stack-file", "Pulumi.a.yaml"]);
    expect(run.code).toBe(2);
  });

  it("lists every invalid key of a stack", async () => {
    const run = await planInProcess(["--stack-file", brokenStackFile()]);
    const text = run.err.join("\n");

    expect(run.code).toBe(2);
    expect(text).toContain('Invalid configuration for stack "broken" (5 problems)');
    expect(text).toContain('hcft:training.method: invalid value "dora"; expected one of full');
    expect(text).toContain(
      "hcft:cost.maxUsdPerHour: invalid value -3; expected a number greater than 0",
    );
    expect(text).toContain("hcft:modle: unknown key");
    expect(text).toContain("hcft:retention.logDays: invalid value 30; expected at least 365 days");
    expect(text).toContain("hcft:retention.auditDays: invalid value 30; expected at least 365");
    expect(text).not.toContain("hcft plan failed");
    expect(text).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(run.outDir, "plan.json"))).toBe(false);
  });
});
