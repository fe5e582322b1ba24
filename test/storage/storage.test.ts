import { beforeAll, describe, expect, test } from "vitest";
import {
  makeStackConfig,
  outputValue,
  type RecordedResource,
  settle,
  setupMocks,
} from "../helpers/mocks";

const mocks = setupMocks({ region: "us-east-1", accountId: "111122223333" });
const datasetsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/datasets";
const logsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/logs";
const endpointId = "vpce-0123456789abcdef0";
const roles = ["raw", "deidentified", "artifacts", "audit", "access-logs"] as const;

let storage: InstanceType<typeof import("../../infra/storage")["DatasetStorage"]>;

// The companion resource of one bucket, by its logical-name suffix.
function companion(role: string, suffix: string): RecordedResource {
  return mocks.named(`store-${role}-${suffix}`);
}

function policyOf(role: string) {
  return JSON.parse(mocks.named(`store-${role}-policy`).inputs.policy);
}

beforeAll(async () => {
  const module = await import("../../infra/storage/index.js");
  storage = new module.DatasetStorage("store", {
    config: makeStackConfig({ retention: { rawPhiDays: 30 } }),
    datasetsKeyArn,
    logsKeyArn,
    s3EndpointId: endpointId,
    tags: { project: "hcft" },
  });
  await settle();
});

describe("DatasetStorage buckets", () => {
  test("five buckets", () => {
    expect(
      mocks
        .ofType("aws:s3/bucket:Bucket")
        .map((b) => b.name)
        .sort(),
    ).toEqual(roles.map((r) => `store-${r}`).sort());
  });

  test("versioning on every bucket", () => {
    for (const role of roles) {
      expect(companion(role, "versioning").inputs.versioningConfiguration).toEqual({
        status: "Enabled",
      });
    }
  });

  test("all four public-access blocks", () => {
    for (const role of roles) {
      const block = companion(role, "public-access").inputs;
      expect(block.blockPublicAcls).toBe(true);
      expect(block.blockPublicPolicy).toBe(true);
      expect(block.ignorePublicAcls).toBe(true);
      expect(block.restrictPublicBuckets).toBe(true);
    }
  });

  test("ACLs disabled", () => {
    for (const role of roles) {
      expect(companion(role, "ownership").inputs.rule).toEqual({
        objectOwnership: "BucketOwnerEnforced",
      });
    }
  });

  test("SSE-KMS with bucket keys", () => {
    const expected = {
      raw: datasetsKeyArn,
      deidentified: datasetsKeyArn,
      artifacts: datasetsKeyArn,
      audit: logsKeyArn,
    };
    for (const [role, key] of Object.entries(expected)) {
      const [rule] = companion(role, "encryption").inputs.rules;
      expect(rule.applyServerSideEncryptionByDefault).toEqual({
        sseAlgorithm: "aws:kms",
        kmsMasterKeyId: key,
      });
      expect(rule.bucketKeyEnabled).toBe(true);
    }
  });

  test("access-log bucket uses SSE-S3", () => {
    const [rule] = companion("access-logs", "encryption").inputs.rules;
    expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).toBe("AES256");
  });

  test("access logging to the log bucket", () => {
    const logBucket = mocks.named("store-access-logs").state.bucket;
    for (const role of ["raw", "deidentified", "artifacts", "audit"]) {
      const logging = companion(role, "access-logging").inputs;
      expect(logging.targetBucket).toBe(logBucket);
      expect(logging.targetPrefix).toBe(`${role}/`);
    }
    expect(() => companion("access-logs", "access-logging")).toThrow();
  });

  test("PHI buckets protected and retained", () => {
    for (const role of ["raw", "deidentified", "audit", "access-logs"]) {
      const bucket = mocks.named(`store-${role}`);
      expect(bucket.protect).toBe(true);
      expect(bucket.retainOnDelete).toBe(true);
      expect(bucket.inputs.forceDestroy).toBe(false);
    }
    expect(mocks.named("store-artifacts").protect).toBe(false);
  });

  test("classification and purpose tags", () => {
    const tags = mocks.named("store-raw").inputs.tags;
    expect(tags["data-classification"]).toBe("phi");
    expect(tags.purpose).toBe("raw-clinical-notes");
    expect(tags["retention-days"]).toBe("30");
    expect(tags.project).toBe("hcft");
    expect(mocks.named("store-deidentified").inputs.tags["data-classification"]).toBe(
      "deidentified",
    );
  });
});

describe("DatasetStorage lifecycle", () => {
  test("raw PHI expires after retention", () => {
    const rules = companion("raw", "lifecycle").inputs.rules;
    const current = rules.find((r: { id: string }) => r.id === "expire-current-versions");
    expect(current.expiration).toEqual({ days: 30 });
    const noncurrent = rules.find((r: { id: string }) => r.id === "expire-noncurrent-versions");
    expect(noncurrent.noncurrentVersionExpiration).toEqual({ noncurrentDays: 7 });
    expect(noncurrent.abortIncompleteMultipartUpload).toEqual({ daysAfterInitiation: 7 });
  });

  test("noncurrent versions expire everywhere", () => {
    for (const role of roles) {
      const ids = companion(role, "lifecycle").inputs.rules.map((r: { id: string }) => r.id);
      expect(ids).toContain("expire-noncurrent-versions");
    }
  });

  test("de-identified data does not expire", () => {
    const ids = companion("deidentified", "lifecycle").inputs.rules.map(
      (r: { id: string }) => r.id,
    );
    expect(ids).not.toContain("expire-current-versions");
  });
});

describe("DatasetStorage audit bucket", () => {
  test("Object Lock compliance for audit retention", () => {
    expect(mocks.named("store-audit").inputs.objectLockEnabled).toBe(true);
    const lock = companion("audit", "object-lock").inputs;
    expect(lock.objectLockEnabled).toBe("Enabled");
    expect(lock.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 2192 } });
  });

  test("only the audit bucket is locked", () => {
    expect(
      mocks.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
    ).toHaveLength(1);
  });

  test("CloudTrail may write under its prefix", () => {
    const statements = policyOf("audit").Statement;
    const write = statements.find((s: { Sid: string }) => s.Sid === "CloudTrailWrite");
    const auditArn = mocks.named("store-audit").state.arn;
    expect(write.Resource).toBe(`${auditArn}/cloudtrail/AWSLogs/111122223333/*`);
    expect(write.Condition.StringEquals["aws:SourceArn"]).toBe(
      "arn:aws:cloudtrail:us-east-1:111122223333:trail/hcft-test",
    );
  });

  test("name output waits for the policy", async () => {
    expect(await outputValue(storage.auditBucketName)).toBe(
      mocks.named("store-audit").state.bucket,
    );
  });
});

describe("DatasetStorage policies", () => {
  test("every bucket denies plain HTTP", () => {
    for (const role of roles) {
      const deny = policyOf(role).Statement.find(
        (s: { Sid: string }) => s.Sid === "DenyInsecureTransport",
      );
      expect(deny.Effect).toBe("Deny");
      expect(deny.Condition).toEqual({ Bool: { "aws:SecureTransport": false } });
    }
  });

  test("uploads must use the bucket key", () => {
    const statements = policyOf("raw").Statement;
    const algorithm = statements.find((s: { Sid: string }) => s.Sid === "DenyUploadsWithoutKms");
    expect(algorithm.Condition).toEqual({
      StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" },
    });
    const key = statements.find((s: { Sid: string }) => s.Sid === "DenyUploadsWithOtherKey");
    expect(
      key.Condition.StringNotEqualsIfExists["s3:x-amz-server-side-encryption-aws-kms-key-id"],
    ).toBe(datasetsKeyArn);
  });

  test("data buckets only through the endpoint", () => {
    for (const role of ["raw", "deidentified", "artifacts"]) {
      const deny = policyOf(role).Statement.find(
        (s: { Sid: string }) => s.Sid === "DenyObjectAccessOutsideVpcEndpoint",
      );
      expect(deny.Condition).toEqual({
        StringNotEquals: { "aws:SourceVpce": endpointId },
        ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/break-glass" },
      });
      expect(deny.Action).toContain("s3:GetObject*");
    }
  });

  test("log delivery limited to own buckets", () => {
    const [, delivery] = policyOf("access-logs").Statement;
    expect(delivery.Principal).toEqual({ Service: "logging.s3.amazonaws.com" });
    expect(delivery.Condition.ArnLike["aws:SourceArn"]).toHaveLength(4);
    expect(delivery.Condition.StringEquals).toEqual({ "aws:SourceAccount": "111122223333" });
  });

  test("no bucket policy grants to *", () => {
    for (const role of roles) {
      for (const statement of policyOf(role).Statement) {
        if (statement.Principal === "*") expect(statement.Effect).toBe("Deny");
      }
    }
  });
});
