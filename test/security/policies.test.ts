import { describe, expect, test } from "vitest";
import {
  buildKeyPolicy,
  type KeyPolicyContext,
  keyAdministrationActions,
} from "../../infra/security/key-policies";
import {
  buildPodIdentityTrust,
  buildWorkloadPolicy,
  decideWorkloadGrants,
  type WorkloadResources,
  workloadRoleArns,
} from "../../infra/security/role-policies";

const resources: WorkloadResources = {
  region: "us-east-1",
  rawBucketArn: "arn:aws:s3:::raw",
  deidentifiedBucketArn: "arn:aws:s3:::deid",
  artifactsBucketArn: "arn:aws:s3:::artifacts",
  auditBucketArn: "arn:aws:s3:::audit",
  datasetsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/datasets",
  logsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/logs",
};

const ctx: KeyPolicyContext = {
  accountId: "111122223333",
  region: "us-east-1",
  dataRoleArns: ["arn:aws:iam::111122223333:role/hcft-test-deid"],
  auditReaderArns: ["arn:aws:iam::111122223333:role/platform-admin"],
  trailArn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/hcft-test",
};

// Every resource ARN a policy names, with the actions that go with it.
function grantsOf(workload: "deid" | "training" | "serving") {
  return buildWorkloadPolicy(workload, resources).Statement.flatMap((s) =>
    [s.Resource ?? []].flat().map((resource) => ({ resource, actions: [s.Action].flat() })),
  );
}

describe("workload policies", () => {
  test("deid reads raw and writes de-identified", () => {
    const grants = decideWorkloadGrants("deid", resources).map(
      (g) => `${g.access} ${g.bucketArn}/${g.prefix}`,
    );
    expect(grants).toEqual([
      "read arn:aws:s3:::raw/notes/",
      "write arn:aws:s3:::deid/notes/",
      "write arn:aws:s3:::audit/lineage/deid/",
    ]);
  });

  test("training never touches raw PHI", () => {
    const touched = grantsOf("training").map((g) => g.resource);
    expect(touched.some((r) => r.startsWith("arn:aws:s3:::raw"))).toBe(false);
    const reads = decideWorkloadGrants("training", resources).filter((g) => g.access === "read");
    expect(reads.map((g) => g.bucketArn)).not.toContain(resources.rawBucketArn);
  });

  test("serving only reads artifacts", () => {
    const grants = decideWorkloadGrants("serving", resources);
    expect(grants.every((g) => g.access === "read")).toBe(true);
    expect(new Set(grants.map((g) => g.bucketArn))).toEqual(
      new Set([resources.artifactsBucketArn]),
    );
    const actions = grantsOf("serving").flatMap((g) => g.actions);
    expect(actions).not.toContain("s3:PutObject");
    expect(actions).not.toContain("kms:GenerateDataKey");
  });

  test("object grants are scoped to prefixes", () => {
    for (const workload of ["deid", "training", "serving"] as const) {
      for (const statement of buildWorkloadPolicy(workload, resources).Statement) {
        const actions = [statement.Action].flat();
        if (actions.some((a) => a.startsWith("s3:") && a !== "s3:ListBucket")) {
          expect(statement.Resource).toMatch(/^arn:aws:s3:::[a-z]+\/[a-z/]+\/\*$/);
        }
        if (actions.includes("s3:ListBucket")) {
          expect(statement.Condition?.StringLike?.["s3:prefix"]).toBeDefined();
        }
      }
    }
  });

  test("keys only through S3", () => {
    const statements = buildWorkloadPolicy("deid", resources).Statement.filter((s) =>
      [s.Action].flat().some((a) => a.startsWith("kms:")),
    );
    expect(statements.map((s) => s.Resource)).toEqual([
      resources.datasetsKeyArn,
      resources.logsKeyArn,
    ]);
    for (const statement of statements) {
      expect(statement.Condition).toEqual({
        StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
      });
    }
  });

  test("writers cannot delete objects", () => {
    for (const workload of ["deid", "training", "serving"] as const) {
      const actions = grantsOf(workload).flatMap((g) => g.actions);
      expect(actions).not.toContain("s3:DeleteObject");
      expect(actions).not.toContain("s3:DeleteObjectVersion");
    }
  });
});

describe("workloadRoleArns", () => {
  test("names the three roles exactly", () => {
    expect(workloadRoleArns("111122223333", "prod")).toEqual([
      "arn:aws:iam::111122223333:role/hcft-prod-deid",
      "arn:aws:iam::111122223333:role/hcft-prod-training",
      "arn:aws:iam::111122223333:role/hcft-prod-serving",
    ]);
  });
});

describe("buildPodIdentityTrust", () => {
  test("binds namespace, service account and cluster", () => {
    const [statement] = buildPodIdentityTrust("training", "111122223333", "hcft-test").Statement;
    expect(statement?.Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    expect(statement?.Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
    expect(statement?.Condition).toEqual({
      StringEquals: {
        "aws:SourceAccount": "111122223333",
        "aws:RequestTag/eks-cluster-name": "hcft-test",
        "aws:RequestTag/kubernetes-namespace": "hcft-training",
        "aws:RequestTag/kubernetes-service-account": "trainer",
      },
    });
  });
});

describe("buildKeyPolicy", () => {
  test("account root administers every key", () => {
    for (const purpose of ["datasets", "logs", "cluster"] as const) {
      const [admin] = buildKeyPolicy(purpose, ctx).Statement;
      expect(admin?.Principal).toEqual({ AWS: "arn:aws:iam::111122223333:root" });
      expect(admin?.Action).toEqual(keyAdministrationActions);
      expect(admin?.Action).toContain("kms:PutKeyPolicy");
      expect(admin?.Action).not.toContain("kms:Decrypt");
      expect(admin?.Condition).toBeUndefined();
    }
  });

  test("no statement has an unconditioned * principal", () => {
    for (const purpose of ["datasets", "logs", "cluster"] as const) {
      for (const statement of buildKeyPolicy(purpose, ctx).Statement) {
        expect(statement.Principal).not.toBe("*");
      }
    }
  });

  test("dataset key usable only through S3 by named roles", () => {
    const statements = buildKeyPolicy("datasets", ctx).Statement;
    expect(statements).toHaveLength(2);
    expect(statements[1]?.Condition).toEqual({
      StringEquals: {
        "kms:ViaService": "s3.us-east-1.amazonaws.com",
        "kms:CallerAccount": "111122223333",
      },
      ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/hcft-test-deid"] },
    });
  });

  test("logs key names its services", () => {
    const principals = buildKeyPolicy("logs", ctx).Statement.map((s) =>
      JSON.stringify(s.Principal),
    );
    expect(principals).toContain(JSON.stringify({ Service: "logs.us-east-1.amazonaws.com" }));
    expect(principals).toContain(JSON.stringify({ Service: "cloudtrail.amazonaws.com" }));
    expect(principals).toContain(JSON.stringify({ Service: "cloudwatch.amazonaws.com" }));
    const logs = buildKeyPolicy("logs", ctx).Statement.find(
      (s) => s.Sid === "CloudWatchLogsEncryptLogGroups",
    );
    expect(logs?.Condition?.ArnLike).toEqual({
      "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*",
    });
  });

  test("only the environment's trail encrypts", () => {
    const statements = buildKeyPolicy("logs", ctx).Statement;
    const encrypt = statements.find((s) => s.Sid === "CloudTrailEncryptLogFiles");
    expect(encrypt?.Condition?.StringEquals).toEqual({
      "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/hcft-test",
    });
    expect(encrypt?.Condition?.StringLike).toEqual({
      "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*",
    });
  });

  test("cluster key through EKS and EC2", () => {
    const services = buildKeyPolicy("cluster", ctx)
      .Statement.map((s) => s.Condition?.StringEquals?.["kms:ViaService"])
      .filter(Boolean);
    expect(services).toEqual(["eks.us-east-1.amazonaws.com", "ec2.us-east-1.amazonaws.com"]);
  });
});
