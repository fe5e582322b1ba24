import { describe, expect, test } from "vitest";
import { buildBucketPolicy, objectDataActions } from "../../infra/storage/bucket-policies";
import { decideLifecycleRules } from "../../infra/storage/secure-bucket";

const bucketArn = "arn:aws:s3:::data";

describe("buildBucketPolicy", () => {
  test("TLS deny covers bucket and objects", () => {
    const [tls] = buildBucketPolicy({ bucketArn }).Statement;
    expect(tls?.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    expect(tls?.Action).toBe("s3:*");
  });

  test("no encryption statements without a key", () => {
    const sids = buildBucketPolicy({ bucketArn }).Statement.map((s) => s.Sid);
    expect(sids).toEqual(["DenyInsecureTransport"]);
  });

  test("endpoint deny without break-glass", () => {
    const statements = buildBucketPolicy({ bucketArn, vpcEndpointId: "vpce-1" }).Statement;
    const deny = statements.find((s) => s.Sid === "DenyObjectAccessOutsideVpcEndpoint");
    expect(deny?.Condition).toEqual({ StringNotEquals: { "aws:SourceVpce": "vpce-1" } });
    expect(deny?.Action).toEqual(objectDataActions);
  });

  test("endpoint deny leaves configuration actions", () => {
    // The deployment pipeline manages bucket settings from outside the VPC.
    for (const action of objectDataActions) {
      expect(action.startsWith("s3:PutBucket")).toBe(false);
      expect(action.startsWith("s3:GetBucket")).toBe(false);
    }
  });

  test("key id enforced only on request", () => {
    const loose = buildBucketPolicy({ bucketArn, kmsKeyArn: "arn:key" }).Statement.map(
      (s) => s.Sid,
    );
    expect(loose).toEqual(["DenyInsecureTransport", "DenyUploadsWithoutKms"]);
    const strict = buildBucketPolicy({ bucketArn, kmsKeyArn: "arn:key", requireKeyId: true });
    expect(strict.Statement.map((s) => s.Sid)).toContain("DenyUploadsWithOtherKey");
  });
});

describe("decideLifecycleRules", () => {
  test("noncurrent expiry always present", () => {
    const rules = decideLifecycleRules({ expireNoncurrentAfterDays: 30 });
    expect(rules.map((r) => r.id)).toEqual([
      "expire-noncurrent-versions",
      "remove-expired-delete-markers",
    ]);
    expect(rules[0]?.noncurrentVersionExpiration).toEqual({ noncurrentDays: 30 });
  });

  test("current expiry when given", () => {
    const rules = decideLifecycleRules({
      expireCurrentAfterDays: 90,
      expireNoncurrentAfterDays: 7,
    });
    const current = rules.find((r) => r.id === "expire-current-versions");
    expect(current?.expiration).toEqual({ days: 90 });
    expect(current?.status).toBe("Enabled");
  });
});
