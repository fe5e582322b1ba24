import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byName, compliantStack } from "../../bench/fixtures/compliant-stack";
import { run } from "../../cli/commands/report";
import { UsageError } from "../../cli/errors";
import { setSink } from "../../cli/log";
import { evaluatePolicies } from "../../policies/evaluate";

let dir: string;
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
  await writeStack("public-api", await evaluatePolicies(broken));
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
      /\| HC-EKS-01 \| eks-cluster-private-endpoint \| mandatory \|.*\| pass \| FAIL \(2\) \|/,
    );
    expect(existsSync(path.join(target, "compliance-matrix.html"))).toBe(true);
    expect(out.some((l) => l.startsWith("public-api: dpdp") && l.includes("(1 mandatory)"))).toBe(
      true,
    );
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

  it("prints help", async () => {
    expect(await run(["--help"])).toBe(0);
    expect(out.some((l) => l.includes("Usage: hcft report"))).toBe(true);
  });
});
