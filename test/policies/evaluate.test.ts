import { describe, expect, it } from "vitest";
import { byName, compliantStack, provider } from "../../bench/fixtures/compliant-stack";
import {
  compareFindings,
  evaluatePolicies,
  type Finding,
  toPolicyResources,
  UNKNOWN,
} from "../../policies/evaluate";

function of(findings: Finding[], controlId: string, resourceName: string): Finding[] {
  return findings.filter((f) => f.controlId === controlId && f.resourceName === resourceName);
}

describe("unknown values", () => {
  it("defer a log group whose KMS key is not known yet", async () => {
    const resources = compliantStack();
    byName(resources, "eks-logs").props.kmsKeyId = UNKNOWN;
    const { findings, summary } = await evaluatePolicies(resources, { packs: ["hipaa"] });
    const own = of(findings, "HC-LOG-04", "eks-logs");
    expect(own.map((f) => f.status)).toEqual(["deferred"]);
    expect(own[0]?.message).toContain("kmsKeyId");
    expect(own[0]?.enforcementLevel).toBe("mandatory");
    expect(of(findings, "HC-LOG-03", "eks-logs").map((f) => f.status)).toEqual(["pass"]);
    expect(summary.hipaa?.failed).toBe(0);
    expect(summary.hipaa?.deferred).toBe(1);
    expect(summary.hipaa?.mandatoryFailed).toBe(0);
  });

  it("defer a bucket whose encryption companion targets an unknown bucket id", async () => {
    const resources = compliantStack();
    byName(resources, "raw-sse").props.bucket = UNKNOWN;
    const { findings } = await evaluatePolicies(resources, { packs: ["dpdp"] });
    expect(of(findings, "HC-S3-01", "raw-bucket").map((f) => f.status)).toEqual(["deferred"]);
    // The other buckets have their own known companions, so they still pass.
    expect(of(findings, "HC-S3-01", "deid-bucket").map((f) => f.status)).toEqual(["pass"]);
    expect(findings.filter((f) => f.status === "fail")).toEqual([]);
  });

  it("check the value once it is known", async () => {
    const resources = compliantStack();
    byName(resources, "eks-logs").props.kmsKeyId = "";
    const { findings } = await evaluatePolicies(resources, { packs: ["hipaa"] });
    expect(of(findings, "HC-LOG-04", "eks-logs").map((f) => f.status)).toEqual(["fail"]);
  });
});

describe("pack configuration", () => {
  it("applies 2,192 days for hipaa and 365 for dpdp by default", async () => {
    const resources = compliantStack();
    byName(resources, "flow-logs").props.retentionInDays = 400;
    const { findings } = await evaluatePolicies(resources);
    const statuses = of(findings, "HC-LOG-03", "flow-logs").map((f) => `${f.pack}:${f.status}`);
    expect(statuses).toEqual(["dpdp:pass", "hipaa:fail"]);
  });

  it("takes policy config per pack", async () => {
    const resources = compliantStack();
    byName(resources, "flow-logs").props.retentionInDays = 400;
    const { findings } = await evaluatePolicies(resources, {
      packs: ["dpdp"],
      config: { dpdp: { minLogRetentionDays: 731 } },
    });
    expect(of(findings, "HC-LOG-03", "flow-logs")[0]?.message).toContain("at least 731 days");
  });

  it("runs only the packs asked for", async () => {
    const results = await evaluatePolicies(compliantStack(), { packs: ["dpdp"] });
    expect(Object.keys(results.summary)).toEqual(["dpdp"]);
    expect(new Set(results.findings.map((f) => f.pack))).toEqual(new Set(["dpdp"]));
  });

  it("leaves residency to the dpdp pack", async () => {
    const resources = compliantStack();
    byName(resources, "trail-logs").provider = { ...provider, props: { region: "us-east-1" } };
    const { findings } = await evaluatePolicies(resources);
    expect(of(findings, "HC-RES-01", "trail-logs").map((f) => `${f.pack}:${f.status}`)).toEqual([
      "dpdp:fail",
    ]);
  });
});

describe("determinism", () => {
  it("gives identical sorted findings on repeated runs", async () => {
    const first = await evaluatePolicies(compliantStack());
    const second = await evaluatePolicies(compliantStack().reverse());
    expect(second).toEqual(first);
    const sorted = [...first.findings].sort(compareFindings);
    expect(first.findings).toEqual(sorted);
  });

  it("does not change the caller's resources", async () => {
    const resources = compliantStack();
    const before = structuredClone(resources);
    await evaluatePolicies(resources);
    expect(resources).toEqual(before);
  });
});

describe("toPolicyResources", () => {
  const stack = "urn:pulumi:s::hcft";
  const planned = [
    {
      urn: `${stack}::pulumi:providers:aws::mumbai`,
      type: "pulumi:providers:aws",
      name: "mumbai",
      custom: true,
      id: "p1",
      inputs: { region: "ap-south-1" },
      options: {},
    },
    {
      urn: `${stack}::aws:kms/key:Key::k`,
      type: "aws:kms/key:Key",
      name: "k",
      custom: true,
      id: "key-1",
      inputs: { enableKeyRotation: true },
      outputs: { enableKeyRotation: true, arn: "arn:aws:kms:ap-south-1:1:key/key-1" },
      options: { provider: `${stack}::pulumi:providers:aws::mumbai::p1` },
    },
    {
      urn: `${stack}::aws:ec2/vpc:Vpc::v`,
      type: "aws:ec2/vpc:Vpc",
      name: "v",
      custom: true,
      id: "vpc-1",
      inputs: {},
      options: {},
    },
    {
      urn: `${stack}::hcft:x:Y::c`,
      type: "hcft:x:Y",
      name: "c",
      custom: false,
      inputs: {},
      options: {},
    },
  ];

  it("resolves providers, adds ids and drops components", () => {
    const mapped = toPolicyResources(planned, { awsRegion: "us-east-1" });
    expect(mapped.map((r) => r.name)).toEqual(["mumbai", "k", "v"]);
    expect(mapped[1]?.provider?.props.region).toBe("ap-south-1");
    expect(mapped[1]?.props.arn).toContain("key-1");
    expect(mapped[2]?.provider?.props.region).toBe("us-east-1");
    expect(mapped[2]?.props.id).toBe("vpc-1");
  });
});
