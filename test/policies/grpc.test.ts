import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byName, compliantStack } from "../../bench/fixtures/compliant-stack";
import { DEFERRED_PREFIX } from "../../policies/build";
import { dpdpPolicies } from "../../policies/dpdp/policies";
import { evaluatePolicies, type PolicyResource, UNKNOWN } from "../../policies/evaluate";
import { hipaaPolicies } from "../../policies/hipaa/policies";
import {
  analyze,
  analyzerInfo,
  analyzeStack,
  configure,
  type Diagnostic,
  type PackProcess,
  startPack,
  stopPack,
} from "./analyzer-client";

// Runs each pack as the Pulumi CLI does (its own process, Analyzer gRPC on 127.0.0.1) and
// checks that it reports exactly what the in-process evaluator reports as failed or deferred.

// A stack with failures of resource and stack policies and one value unknown during preview.
function brokenStack(): PolicyResource[] {
  const resources = compliantStack();
  byName(resources, "data-key").props.enableKeyRotation = false;
  byName(resources, "raw-pab").props.blockPublicPolicy = false;
  byName(resources, "vllm-svc").props.spec = { type: "NodePort" };
  byName(resources, "hcft-serving-ns").props.metadata = { name: "hcft-serving", labels: {} };
  byName(resources, "eks-logs").props.kmsKeyId = UNKNOWN;
  byName(resources, "deid-sse").props.bucket = UNKNOWN;
  return resources;
}

type Row = [policy: string, urn: string, status: string, message: string];

function rowOf(d: Diagnostic): Row {
  const deferred = d.enforcementLevel === "advisory" && d.message.startsWith(DEFERRED_PREFIX);
  return [d.policyName, d.urn, deferred ? "deferred" : "fail", d.message];
}

async function viaGrpc(pack: PackProcess, resources: PolicyResource[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const resource of resources) rows.push(...(await analyze(pack, resource)).map(rowOf));
  rows.push(...(await analyzeStack(pack, resources)).map(rowOf));
  return rows.sort((a, b) => a.join("\n").localeCompare(b.join("\n")));
}

async function inProcess(packName: "hipaa" | "dpdp", resources: PolicyResource[]): Promise<Row[]> {
  const { findings } = await evaluatePolicies(resources, { packs: [packName] });
  return findings
    .filter((f) => f.status !== "pass")
    .map((f): Row => [f.policyName, f.urn, f.status, f.message])
    .sort((a, b) => a.join("\n").localeCompare(b.join("\n")));
}

describe.each([
  ["hipaa", hipaaPolicies],
  ["dpdp", dpdpPolicies],
] as const)("%s pack over gRPC", (packName, policies) => {
  let pack: PackProcess;

  beforeAll(async () => {
    pack = await startPack(packName);
  }, 90_000);

  afterAll(() => {
    if (pack !== undefined) stopPack(pack);
  });

  it("lists its policies through GetAnalyzerInfo", async () => {
    const info = await analyzerInfo(pack);
    expect(info.name).toBe(`hcft-${packName}`);
    expect(info.policies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
    expect(info.policies.map((p) => p.enforcementLevel)).toEqual(
      policies.map((p) => p.enforcementLevel),
    );
  });

  it("reports nothing on the compliant stack", async () => {
    expect(await viaGrpc(pack, compliantStack())).toEqual([]);
  });

  it("agrees with in-process evaluation on a broken stack", async () => {
    const resources = brokenStack();
    const grpcRows = await viaGrpc(pack, resources);
    const localRows = await inProcess(packName, resources);
    expect(grpcRows).toEqual(localRows);
    const statuses = new Set(grpcRows.map((r) => r[2]));
    expect(statuses).toEqual(new Set(["fail", "deferred"]));
    expect(grpcRows.some((r) => r[0] === "s3-bucket-public-access-block")).toBe(true);
    expect(grpcRows.some((r) => r[0] === "kms-key-rotation")).toBe(true);
  });

  it("applies policy config sent through Configure", async () => {
    await configure(pack, ["cloudwatch-loggroup-retention"], { minLogRetentionDays: 3000 });
    const group = byName(compliantStack(), "trail-logs");
    const rows = (await analyze(pack, group)).map(rowOf);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[3]).toContain("at least 3000 days");
    const local = await evaluatePolicies([group], {
      packs: [packName],
      config: { [packName]: { minLogRetentionDays: 3000 } },
    });
    expect(local.findings.filter((f) => f.status === "fail").map((f) => f.message)).toEqual([
      rows[0]?.[3],
    ]);
  });
});
