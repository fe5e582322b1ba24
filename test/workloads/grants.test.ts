import { describe, expect, it } from "vitest";
import type { WorkloadName } from "../../infra/names";
import { decideWorkloadGrants } from "../../infra/security/role-policies";
import { type DataLocations, decideDataLocations } from "../../infra/workloads/locations";
import { fullConfig, qloraConfig } from "../cluster/fixtures";

// Every S3 location a workload touches must sit under a prefix its IAM role grants, or
// the pod fails with AccessDenied at run time.

const buckets = {
  raw: "hcft-raw",
  deidentified: "hcft-deid",
  artifacts: "hcft-artifacts",
  audit: "hcft-audit",
};
const resources = {
  region: "ap-south-1",
  rawBucketArn: "arn:aws:s3:::hcft-raw",
  deidentifiedBucketArn: "arn:aws:s3:::hcft-deid",
  artifactsBucketArn: "arn:aws:s3:::hcft-artifacts",
  auditBucketArn: "arn:aws:s3:::hcft-audit",
  datasetsKeyArn: "arn:aws:kms:ap-south-1:123456789012:key/data",
  logsKeyArn: "arn:aws:kms:ap-south-1:123456789012:key/logs",
};

// True when the role of `workload` has a grant with this access covering the S3 URI.
function granted(workload: WorkloadName, access: "read" | "write", uri: string): boolean {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) throw new Error(`not an s3:// URI: ${uri}`);
  const [, bucket, key] = match;
  return decideWorkloadGrants(workload, resources).some(
    (g) =>
      g.access === access && g.bucketArn === `arn:aws:s3:::${bucket}` && key!.startsWith(g.prefix),
  );
}

function uses(locations: DataLocations): Array<[WorkloadName, "read" | "write", string]> {
  return [
    ["deid", "read", locations.deidInput],
    ["deid", "write", locations.deidOutput],
    ["deid", "write", locations.lineage!],
    ["training", "read", locations.trainingInput],
    ["training", "read", locations.baseWeights],
    ["training", "write", locations.trainingOutput],
  ];
}

describe("locations against role grants", () => {
  it("covers every QLoRA read and write", () => {
    const locations = decideDataLocations(qloraConfig(), buckets);
    const all = [
      ...uses(locations),
      ["serving", "read", locations.servingWeights] as const,
      ["serving", "read", locations.servingAdapter!] as const,
    ];
    for (const [workload, access, uri] of all) {
      expect(granted(workload, access, uri), `${workload} ${access} ${uri}`).toBe(true);
    }
  });

  it("covers full fine-tuning jobs", () => {
    for (const [workload, access, uri] of uses(decideDataLocations(fullConfig(), buckets))) {
      expect(granted(workload, access, uri), `${workload} ${access} ${uri}`).toBe(true);
    }
  });

  it("lets serving read fully fine-tuned weights", () => {
    const locations = decideDataLocations(fullConfig(), buckets);
    expect(granted("serving", "read", locations.servingWeights)).toBe(true);
    expect(granted("serving", "read", locations.trainingOutput)).toBe(true);
  });

  it("never grants training the raw bucket", () => {
    const locations = decideDataLocations(qloraConfig(), buckets);
    expect(granted("training", "read", locations.deidInput)).toBe(false);
    expect(granted("serving", "read", locations.trainingInput)).toBe(false);
  });
});
