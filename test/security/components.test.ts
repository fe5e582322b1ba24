import { beforeAll, describe, expect, test } from "vitest";
import { makeStackConfig, outputValue, settle, setupMocks } from "../helpers/mocks";

const mocks = setupMocks({ region: "us-east-1", accountId: "111122223333" });

type SecurityModule = typeof import("../../infra/security");
let keys: InstanceType<SecurityModule["Keys"]>;
let roles: InstanceType<SecurityModule["WorkloadRoles"]>;

beforeAll(async () => {
  const security = await import("../../infra/security/index.js");
  const config = makeStackConfig();
  keys = new security.Keys("keys", { config, tags: { project: "hcft" } });
  roles = new security.WorkloadRoles("roles", {
    config,
    clusterName: "hcft-test",
    rawBucketArn: "arn:aws:s3:::raw",
    deidentifiedBucketArn: "arn:aws:s3:::deid",
    artifactsBucketArn: "arn:aws:s3:::artifacts",
    auditBucketArn: "arn:aws:s3:::audit",
    datasetsKeyArn: keys.datasetsKeyArn,
    logsKeyArn: keys.logsKeyArn,
    tags: { project: "hcft" },
  });
  await settle();
});

describe("Keys", () => {
  test("three keys with rotation and 30-day window", () => {
    const created = mocks.ofType("aws:kms/key:Key");
    expect(created.map((k) => k.name)).toEqual(["keys-datasets", "keys-logs", "keys-cluster"]);
    for (const key of created) {
      expect(key.inputs.enableKeyRotation).toBe(true);
      expect(key.inputs.deletionWindowInDays).toBe(30);
      expect(key.inputs.multiRegion).toBe(false);
      expect(key.inputs.bypassPolicyLockoutSafetyCheck).toBe(false);
    }
  });

  test("policies keep the account as admin", () => {
    for (const key of mocks.ofType("aws:kms/key:Key")) {
      const policy = JSON.parse(key.inputs.policy);
      expect(policy.Statement[0].Principal).toEqual({ AWS: "arn:aws:iam::111122223333:root" });
      expect(policy.Statement[0].Action).toContain("kms:PutKeyPolicy");
    }
  });

  test("dataset key names roles and break-glass", () => {
    const policy = JSON.parse(mocks.named("keys-datasets").inputs.policy);
    expect(policy.Statement[1].Condition.ArnLike["aws:PrincipalArn"]).toEqual([
      "arn:aws:iam::111122223333:role/hcft-test-deid",
      "arn:aws:iam::111122223333:role/hcft-test-training",
      "arn:aws:iam::111122223333:role/hcft-test-serving",
      "arn:aws:iam::111122223333:role/break-glass",
    ]);
  });

  test("classification tags", () => {
    expect(mocks.named("keys-datasets").inputs.tags["data-classification"]).toBe("phi");
    expect(mocks.named("keys-logs").inputs.tags["data-classification"]).toBe("audit-logs");
  });

  test("aliases per key", () => {
    const aliases = mocks.ofType("aws:kms/alias:Alias").map((a) => a.inputs.name);
    expect(aliases).toEqual([
      "alias/hcft-test-datasets",
      "alias/hcft-test-logs",
      "alias/hcft-test-cluster",
    ]);
  });

  test("outputs are key ARNs", async () => {
    expect(await outputValue(keys.datasetsKeyArn)).toMatch(
      /^arn:aws:kms:us-east-1:111122223333:key\//,
    );
    expect(await outputValue(keys.clusterKeyArn)).toBe(mocks.named("keys-cluster").state.arn);
  });
});

describe("WorkloadRoles", () => {
  test("one named role per workload", () => {
    const names = mocks.ofType("aws:iam/role:Role").map((r) => r.inputs.name);
    expect(names).toEqual(["hcft-test-deid", "hcft-test-training", "hcft-test-serving"]);
  });

  test("pod identity associations per service account", () => {
    const bindings = mocks
      .ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
      .map((a) => [a.inputs.namespace, a.inputs.serviceAccount, a.inputs.clusterName]);
    expect(bindings).toEqual([
      ["hcft-deid", "deid-job", "hcft-test"],
      ["hcft-training", "trainer", "hcft-test"],
      ["hcft-serving", "vllm", "hcft-test"],
    ]);
  });

  test("associations point at their roles", () => {
    const association = mocks.named("roles-serving-pod-identity");
    expect(association.inputs.roleArn).toBe(mocks.named("roles-serving").state.arn);
  });

  test("trust policy uses pod identity", () => {
    const trust = JSON.parse(mocks.named("roles-deid").inputs.assumeRolePolicy);
    expect(trust.Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    expect(trust.Statement[0].Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
  });

  test("inline policies use the real key ARNs", () => {
    const policy = JSON.parse(mocks.named("roles-training-data").inputs.policy);
    const keyStatement = policy.Statement.find((s: { Sid: string }) => s.Sid.includes("UseKey"));
    expect(keyStatement.Resource).toBe(mocks.named("keys-datasets").state.arn);
  });

  test("role ARN outputs", async () => {
    const arns = await outputValue(roles.roleArns);
    expect(arns.serving).toBe("arn:aws:iam::111122223333:role/hcft-test-serving");
    expect(await outputValue(roles.deidRoleArn)).toBe(
      "arn:aws:iam::111122223333:role/hcft-test-deid",
    );
  });
});
