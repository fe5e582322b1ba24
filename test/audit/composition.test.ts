import { beforeAll, describe, expect, test } from "vitest";
import { makeStackConfig, settle, setupMocks } from "../helpers/mocks";

// Network, keys, storage, audit and workload roles wired together the way the program
// wires them, to check that the references between parts line up.
const mocks = setupMocks({ region: "us-east-1", accountId: "111122223333" });

beforeAll(async () => {
  const { Network } = await import("../../infra/network/index.js");
  const { Keys, WorkloadRoles } = await import("../../infra/security/index.js");
  const { DatasetStorage } = await import("../../infra/storage/index.js");
  const { AuditTrail } = await import("../../infra/audit/index.js");
  const config = makeStackConfig();
  const tags = { project: "hcft" };
  const keys = new Keys("keys", { config, tags });
  const network = new Network("network", { config, logsKeyArn: keys.logsKeyArn, tags });
  const storage = new DatasetStorage("storage", {
    config,
    datasetsKeyArn: keys.datasetsKeyArn,
    logsKeyArn: keys.logsKeyArn,
    s3EndpointId: network.s3GatewayEndpointId,
    tags,
  });
  new AuditTrail("audit", {
    config,
    auditBucketName: storage.auditBucketName,
    rawBucketArn: storage.rawBucketArn,
    deidentifiedBucketArn: storage.deidentifiedBucketArn,
    logsKeyArn: keys.logsKeyArn,
    tags,
  });
  new WorkloadRoles("roles", {
    config,
    clusterName: "hcft-test",
    rawBucketArn: storage.rawBucketArn,
    deidentifiedBucketArn: storage.deidentifiedBucketArn,
    artifactsBucketArn: storage.artifactsBucketArn,
    auditBucketArn: storage.auditBucketArn,
    datasetsKeyArn: keys.datasetsKeyArn,
    logsKeyArn: keys.logsKeyArn,
    tags,
  });
  await settle();
});

function policy(name: string) {
  return JSON.parse(mocks.named(name).inputs.policy);
}

describe("parts wired together", () => {
  test("data buckets trust the network's endpoint", () => {
    const endpointId = mocks.named("network-s3").id;
    const deny = policy("storage-raw-policy").Statement.find(
      (s: { Sid: string }) => s.Sid === "DenyObjectAccessOutsideVpcEndpoint",
    );
    expect(deny.Condition.StringNotEquals["aws:SourceVpce"]).toBe(endpointId);
  });

  test("trail writes to the audit bucket", () => {
    const trail = mocks.named("audit-trail");
    expect(trail.inputs.s3BucketName).toBe(mocks.named("storage-audit").state.bucket);
    expect(trail.inputs.kmsKeyId).toBe(mocks.named("keys-logs").state.arn);
  });

  test("bucket policy admits the real trail", () => {
    const write = policy("storage-audit-policy").Statement.find(
      (s: { Sid: string }) => s.Sid === "CloudTrailWrite",
    );
    expect(write.Condition.StringEquals["aws:SourceArn"]).toBe(
      mocks.named("audit-trail").state.arn,
    );
  });

  test("key policy names the real roles", () => {
    const statements = policy("keys-datasets").Statement;
    const roleArns = mocks.ofType("aws:iam/role:Role").filter((r) => r.name.startsWith("roles-"));
    expect(statements[1].Condition.ArnLike["aws:PrincipalArn"]).toEqual(
      expect.arrayContaining(roleArns.map((r) => r.state.arn)),
    );
  });

  test("logs key trusts the real trail", () => {
    const encrypt = policy("keys-logs").Statement.find(
      (s: { Sid: string }) => s.Sid === "CloudTrailEncryptLogFiles",
    );
    expect(encrypt.Condition.StringEquals["aws:SourceArn"]).toBe(
      mocks.named("audit-trail").state.arn,
    );
  });

  test("training reads the real de-identified bucket", () => {
    const deidentifiedArn = mocks.named("storage-deidentified").state.arn;
    const read = policy("roles-training-data").Statement.find(
      (s: { Sid: string }) => s.Sid === "TrainingReadObjects0",
    );
    expect(read.Resource).toBe(`${deidentifiedArn}/notes/*`);
  });

  test("flow logs encrypted with the logs key", () => {
    expect(mocks.named("network-flow-logs").inputs.kmsKeyId).toBe(
      mocks.named("keys-logs").state.arn,
    );
  });
});
