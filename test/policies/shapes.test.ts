import { describe, expect, it } from "vitest";
import { byName, compliantStack, KEY_ARN } from "../../bench/fixtures/compliant-stack";
import { evaluatePolicies, type PolicyResource } from "../../policies/evaluate";

// Both @pulumi/aws property shapes: the v6 `…V2` type tokens of S3 companions, the inline
// legacy blocks on a bucket, and v6 BucketV2's one-element lists.

const V2_COMPANIONS = [
  "bucketServerSideEncryptionConfiguration",
  "bucketVersioning",
  "bucketLogging",
  "bucketLifecycleConfiguration",
  "bucketObjectLockConfiguration",
];

function toV6Names(resources: PolicyResource[]): void {
  for (const r of resources) {
    if (r.type === "aws:s3/bucket:Bucket") r.type = "aws:s3/bucketV2:BucketV2";
    for (const c of V2_COMPANIONS) {
      const cls = c.charAt(0).toUpperCase() + c.slice(1);
      if (r.type === `aws:s3/${c}:${cls}`) r.type = `aws:s3/${c}V2:${cls}V2`;
    }
  }
}

async function failures(resources: PolicyResource[], controlId: string) {
  const { findings } = await evaluatePolicies(resources, { packs: ["hipaa"] });
  return findings.filter((f) => f.controlId === controlId && f.status === "fail");
}

const kmsRule = {
  applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
  bucketKeyEnabled: true,
};

describe("v6 type tokens", () => {
  it("pass on a compliant stack written with BucketV2 names", async () => {
    const resources = compliantStack();
    toV6Names(resources);
    expect(resources.some((r) => r.type.endsWith("ConfigurationV2"))).toBe(true);
    const { findings } = await evaluatePolicies(resources);
    expect(findings.filter((f) => f.status !== "pass")).toEqual([]);
  });

  it("fail on an AES256 BucketServerSideEncryptionConfigurationV2", async () => {
    const resources = compliantStack();
    toV6Names(resources);
    (
      byName(resources, "raw-sse").props.rules as { applyServerSideEncryptionByDefault: unknown }[]
    )[0]!.applyServerSideEncryptionByDefault = { sseAlgorithm: "AES256" };
    const fails = await failures(resources, "HC-S3-01");
    expect(fails.map((f) => f.resourceName)).toEqual(["raw-bucket"]);
  });
});

describe("inline bucket blocks", () => {
  function withoutCompanion(name: string): PolicyResource[] {
    const resources = compliantStack();
    resources.splice(resources.indexOf(byName(resources, name)), 1);
    return resources;
  }

  it("legacy serverSideEncryptionConfiguration with a KMS key passes", async () => {
    const resources = withoutCompanion("raw-sse");
    byName(resources, "raw-bucket").props.serverSideEncryptionConfiguration = { rule: kmsRule };
    expect(await failures(resources, "HC-S3-01")).toEqual([]);
  });

  it("legacy serverSideEncryptionConfiguration with AES256 fails", async () => {
    const resources = withoutCompanion("raw-sse");
    byName(resources, "raw-bucket").props.serverSideEncryptionConfiguration = {
      rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    };
    const fails = await failures(resources, "HC-S3-01");
    expect(fails[0]?.message).toContain("AES256");
  });

  it("BucketV2 plural encryption lists pass", async () => {
    const resources = withoutCompanion("raw-sse");
    const bucket = byName(resources, "raw-bucket");
    bucket.type = "aws:s3/bucketV2:BucketV2";
    bucket.props.serverSideEncryptionConfigurations = [
      {
        rules: [
          {
            applyServerSideEncryptionByDefaults: [
              { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
            ],
            bucketKeyEnabled: true,
          },
        ],
      },
    ];
    expect(await failures(resources, "HC-S3-01")).toEqual([]);
  });

  it("legacy versioning block passes and a disabled one fails", async () => {
    const enabled = withoutCompanion("artifacts-versioning");
    byName(enabled, "artifacts-bucket").props.versioning = { enabled: true };
    expect(await failures(enabled, "HC-S3-07")).toEqual([]);
    const disabled = withoutCompanion("artifacts-versioning");
    byName(disabled, "artifacts-bucket").props.versioning = { enabled: false };
    expect((await failures(disabled, "HC-S3-07")).map((f) => f.resourceName)).toEqual([
      "artifacts-bucket",
    ]);
  });

  it("legacy lifecycle rules are read", async () => {
    const resources = withoutCompanion("raw-lifecycle");
    byName(resources, "raw-bucket").props.lifecycleRules = [
      {
        enabled: true,
        expiration: { days: 400 },
        noncurrentVersionExpiration: { days: 7 },
        abortIncompleteMultipartUploadDays: 1,
      },
    ];
    const fails = await failures(resources, "HC-S3-09");
    expect(fails[0]?.message).toContain("within 365 days (found 400 days)");
  });
});

describe("companion correlation", () => {
  it("matches a companion that refers to the bucket by physical id", async () => {
    const resources = compliantStack();
    const bucket = byName(resources, "raw-bucket");
    delete bucket.props.bucket;
    delete bucket.props.id;
    delete bucket.props.arn;
    bucket.id = "hcft-bench-raw-phi";
    const { findings } = await evaluatePolicies(resources, { packs: ["hipaa"] });
    expect(findings.filter((f) => f.status !== "pass")).toEqual([]);
  });

  it("does not credit one bucket's encryption to another", async () => {
    const resources = compliantStack();
    byName(resources, "deid-sse").props.bucket = "hcft-bench-raw-phi";
    const fails = await failures(resources, "HC-S3-01");
    expect(fails.map((f) => f.resourceName)).toEqual(["deid-bucket"]);
  });
});

describe("server access log target", () => {
  it("may use SSE-S3 only while it receives logs", async () => {
    const resources = compliantStack();
    expect(await failures(resources, "HC-S3-01")).toEqual([]);
    for (const name of ["raw-logging", "deid-logging"]) {
      resources.splice(resources.indexOf(byName(resources, name)), 1);
    }
    const fails = await failures(resources, "HC-S3-01");
    expect(fails.map((f) => f.resourceName)).toEqual(["accessLogs-bucket"]);
    expect(fails[0]?.message).toContain("AES256");
  });

  it("needs Object Lock once it receives no logs", async () => {
    const resources = compliantStack();
    for (const name of ["raw-logging", "deid-logging"]) {
      resources.splice(resources.indexOf(byName(resources, name)), 1);
    }
    const fails = await failures(resources, "HC-S3-10");
    expect(fails.map((f) => f.resourceName)).toEqual(["accessLogs-bucket"]);
  });
});

describe("advanced event selectors", () => {
  it("cover buckets through resources.ARN startsWiths", async () => {
    const resources = compliantStack();
    const trail = byName(resources, "trail");
    delete trail.props.eventSelectors;
    trail.props.advancedEventSelectors = [
      {
        name: "PHI objects",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
          { field: "resources.ARN", startsWiths: ["arn:aws:s3:::hcft-bench-raw-phi/"] },
        ],
      },
    ];
    const fails = await failures(resources, "HC-LOG-02");
    expect(fails.map((f) => f.resourceName)).toEqual(["deid-bucket"]);
  });
});
