import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byName, compliantStack } from "../../bench/fixtures/compliant-stack";
import { run } from "../../cli/commands/report";
import { UsageError } from "../../cli/errors";
import { setSink } from "../../cli/log";
import { evaluatePolicies, type PolicyResults } from "../../policies/evaluate";

let dir: string;
let publicApi: PolicyResults;
const out: string[] = [];
const err: string[] = [];

async function writeStack(name: string, results: unknown): Promise<void> {
  await mkdir(path.join(dir, "plans", name), { recursive: true });
  await writeFile(path.join(dir, "plans", name, "policy-results.json"), JSON.stringify(results));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hcft-report-"));
  await writeStack("clean", await evaluatePolicies(compliantStack()));
  const broken = compliantStack();
  byName(broken, "cluster").props.vpcConfig = { endpointPrivateAccess: true };
  publicApi = await evaluatePolicies(broken);
  await writeStack("public-api", publicApi);
  setSink({ out: (l) => out.push(l), err: (l) => err.push(l) });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hcft report --from", () => {
  it("writes the matrix and exits 1 on a mandatory failure", async () => {
    const target = path.join(dir, "out");
    const code = await run(["--from", path.join(dir, "plans"), "--out", target]);
    expect(code).toBe(1);
    const md = await readFile(path.join(target, "compliance-matrix.md"), "utf8");
    expect(md).toContain("| Control | Name | Level | HIPAA | DPDP | clean | public-api |");
    expect(md).toMatch(
      /\| HC-EKS-01 \| eks-cluster-private-endpoint \| mandatory \|.*\| pass \| FAIL \(1\) \|/,
    );
    expect(existsSync(path.join(target, "compliance-matrix.html"))).toBe(true);
    const line = out.find((l) => l.startsWith("public-api: hipaa controls"));
    const hipaa = publicApi.summary.hipaa?.controls;
    const dpdp = publicApi.summary.dpdp?.controls;
    expect(line).toContain(`hipaa controls ${hipaa?.passed} passed, 1 failed`);
    expect(line).toContain(`dpdp controls ${dpdp?.passed} passed, 1 failed`);
    expect(line).toContain("; 2 mandatory findings failed");
  });

  it("exits 0 when the chosen stacks pass", async () => {
    const code = await run([
      "--from",
      path.join(dir, "plans"),
      "--stack",
      "clean",
      "--out",
      path.join(dir, "clean-out"),
    ]);
    expect(code).toBe(0);
  });

  it("rejects an unknown stack with the known ones", async () => {
    const attempt = run(["--from", path.join(dir, "plans"), "--stack", "nope"]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(
      "--stack nope: not found; expected one of: clean, public-api",
    );
  });

  it("rejects a missing --from folder", async () => {
    await expect(run(["--from", path.join(dir, "missing")])).rejects.toThrow("folder not found");
  });

  it("names a corrupt results file", async () => {
    const plans = path.join(dir, "corrupt");
    await mkdir(path.join(plans, "bad"), { recursive: true });
    const file = path.join(plans, "bad", "policy-results.json");
    await writeFile(file, "{ not json");
    const attempt = run(["--from", plans, "--out", path.join(dir, "corrupt-out")]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(`${file}: invalid JSON`);
  });

  it("rejects results without a findings array", async () => {
    const plans = path.join(dir, "shapeless");
    await mkdir(path.join(plans, "odd"), { recursive: true });
    await writeFile(path.join(plans, "odd", "policy-results.json"), "[]");
    const attempt = run(["--from", plans, "--out", path.join(dir, "shapeless-out")]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow("expected an object with a findings array");
  });

  it("names the --from folder when it has no results", async () => {
    const empty = path.join(dir, "empty");
    await mkdir(empty, { recursive: true });
    const attempt = run(["--from", empty]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(
      `--from ${empty}: no <stack>/policy-results.json found under ${empty}`,
    );
  });

  it("rejects an --out that is a file first", async () => {
    const file = path.join(dir, "not-a-folder");
    await writeFile(file, "x");
    // The missing --from folder would fail later, so the --out check has to come first.
    const attempt = run(["--from", path.join(dir, "missing"), "--out", file]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(`--out ${file}: exists and is not a folder`);
  });

  it("prints help", async () => {
    expect(await run(["--help"])).toBe(0);
    expect(out.some((l) => l.includes("Usage: hcft report"))).toBe(true);
  });
});

describe("hcft report --stack", () => {
  it("runs both packs on a US stack", { timeout: 120_000 }, async () => {
    const target = path.join(dir, "planned");
    const code = await run(["--stack", "basic-extraction-us", "--out", target]);
    expect(code).toBe(0);
    const md = await readFile(path.join(target, "compliance-matrix.md"), "utf8");
    // HC-RES-01 is a DPDP-only control; it must have been evaluated, not skipped.
    expect(md).toMatch(/\| HC-RES-01 \|.*\| n\/a \|$/m);
    expect(md).not.toContain("not run |");
    const results = JSON.parse(
      await readFile(
        path.join(target, "stacks", "basic-extraction-us", "policy-results.json"),
        "utf8",
      ),
    );
    expect(Object.keys(results.summary).sort()).toEqual(["dpdp", "hipaa"]);
  });
});
