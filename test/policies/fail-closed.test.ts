import { describe, expect, it } from "vitest";
import { byName, compliantStack } from "../../bench/fixtures/compliant-stack";
import { evaluatePolicies, type PolicyResource } from "../../policies/evaluate";

// A bucket without a known data-classification gets the same data controls as a PHI bucket.

function looseBucket(tags: Record<string, string> | undefined): PolicyResource {
  const props: Record<string, unknown> = { bucket: "hcft-loose", acl: "public-read" };
  if (tags !== undefined) props.tags = tags;
  return {
    urn: "urn:pulumi:test::hcft::aws:s3/bucketV2:BucketV2::loose-bucket",
    type: "aws:s3/bucketV2:BucketV2",
    name: "loose-bucket",
    props,
    options: { protect: false },
  };
}

async function failingControls(tags: Record<string, string> | undefined): Promise<string[]> {
  const { findings } = await evaluatePolicies([looseBucket(tags)]);
  const ids = findings.filter((f) => f.status === "fail").map((f) => f.controlId);
  return [...new Set(ids)].sort();
}

describe("unclassified bucket", () => {
  it("fails the same controls as phi", async () => {
    const phi = await failingControls({ "data-classification": "phi" });
    const untagged = await failingControls(undefined);
    expect(untagged).toEqual(phi);
    for (const id of ["HC-S3-08", "HC-S3-09", "HC-S3-12", "HC-LOG-07"]) {
      expect(untagged).toContain(id);
    }
  });

  it("treats an unknown class as phi", async () => {
    const phi = await failingControls({ "data-classification": "phi" });
    const unknown = await failingControls({ "data-classification": "secret-stuff" });
    expect(unknown).toEqual(phi);
  });

  it("still reports the missing tag", async () => {
    const { findings } = await evaluatePolicies([looseBucket(undefined)]);
    const tagFinding = findings.find((f) => f.controlId === "HC-DATA-01" && f.status === "fail");
    expect(tagFinding?.message).toContain("data-classification");
  });

  it("keeps internal buckets out of PHI controls", async () => {
    const internal = await failingControls({ "data-classification": "internal" });
    expect(internal).not.toContain("HC-S3-08");
    expect(internal).not.toContain("HC-S3-09");
  });
});

describe("unlabelled namespace", () => {
  it("gets no raw bucket access", async () => {
    const resources = compliantStack();
    const labels = byName(resources, "hcft-deid-ns").props.metadata as {
      labels: Record<string, string>;
    };
    delete labels.labels["data-classification"];
    const { findings } = await evaluatePolicies(resources, { packs: ["hipaa"] });
    const own = findings.filter(
      (f) => f.controlId === "HC-DATA-02" && f.resourceName === "hcft-deid-identity",
    );
    expect(own.map((f) => f.status)).toEqual(["fail"]);
  });
});

describe("privileged container", () => {
  it("fails HC-K8S-04 without a GPU request", async () => {
    const resources = compliantStack();
    const job = byName(resources, "deid-job").props as {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    const container = job.spec.template.spec.containers[0] as Record<string, unknown>;
    container.securityContext = { ...(container.securityContext as object), privileged: true };
    const { findings } = await evaluatePolicies(resources, { packs: ["hipaa"] });
    const own = findings.filter(
      (f) => f.controlId === "HC-K8S-04" && f.resourceName === "deid-job",
    );
    expect(own.map((f) => f.status)).toEqual(["fail"]);
    expect(own[0]?.message).toContain("is privileged");
  });
});
