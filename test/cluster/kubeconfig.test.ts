import { describe, expect, it } from "vitest";
import { decideDevicePluginImage } from "../../infra/cluster/devicePlugin";
import {
  buildKubeconfig,
  partitionOf,
  secretsKeyPolicy,
  serviceTrustPolicy,
} from "../../infra/cluster/kubeconfig";

const input = {
  clusterName: "hcft-qwen7b",
  endpoint: "https://eks.mock.invalid",
  certificateAuthorityData: "bW9jaw==",
  region: "ap-south-1",
  roleArn: "arn:aws:iam::123456789012:role/platform-admin",
};

describe("buildKubeconfig", () => {
  it("authenticates through aws eks get-token for the admin role", () => {
    const config = JSON.parse(buildKubeconfig(input));
    const exec = config.users[0].user.exec;
    expect(exec.apiVersion).toBe("client.authentication.k8s.io/v1beta1");
    expect(exec.command).toBe("aws");
    expect(exec.args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "hcft-qwen7b",
      "--region",
      "ap-south-1",
      "--role-arn",
      "arn:aws:iam::123456789012:role/platform-admin",
      "--output",
      "json",
    ]);
  });

  it("points at the endpoint with the cluster CA", () => {
    const config = JSON.parse(buildKubeconfig(input));
    expect(config.clusters[0].cluster.server).toBe("https://eks.mock.invalid");
    expect(config.clusters[0].cluster["certificate-authority-data"]).toBe("bW9jaw==");
    expect(config["current-context"]).toBe("hcft-qwen7b");
  });
});

describe("IAM documents", () => {
  it("maps GovCloud regions to their partition", () => {
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOf("ap-south-1")).toBe("aws");
  });

  it("limits the secrets key policy to one key", () => {
    const policy = JSON.parse(secretsKeyPolicy("arn:aws:kms:ap-south-1:123456789012:key/k"));
    for (const statement of policy.Statement) {
      expect(statement.Resource).toBe("arn:aws:kms:ap-south-1:123456789012:key/k");
      expect(statement.Action).not.toContain("*");
    }
    const grant = policy.Statement.find((s: { Action: unknown }) => s.Action === "kms:CreateGrant");
    expect(grant.Condition.Bool["kms:GrantIsForAWSResource"]).toBe("true");
  });

  it("trusts exactly the named service", () => {
    const trust = JSON.parse(serviceTrustPolicy("eks.amazonaws.com"));
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Principal).toEqual({ Service: "eks.amazonaws.com" });
  });
});

describe("decideDevicePluginImage", () => {
  it("mirrors the plugin into the project registry", () => {
    const image = decideDevicePluginImage(
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/hcft/deid@sha256:${"a".repeat(64)}`,
    );
    expect(image).toMatch(
      /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/nvidia\/k8s-device-plugin:v0\.17\.0@sha256:7089559c/,
    );
  });

  it("rejects an image without a registry host", () => {
    expect(() => decideDevicePluginImage("hcft/deid@sha256:abc")).toThrow(
      /cannot find a registry host in image hcft\/deid@sha256:abc/,
    );
  });
});
