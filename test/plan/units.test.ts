import { describe, expect, it } from "vitest";
import { validateKubernetesObjects } from "../../cli/plan/kubernetes";
import {
  createPlanMocks,
  decideResourceRegion,
  mockInvoke,
  mockResourceState,
} from "../../cli/plan/mocks";
import { toPolicyResources } from "../../cli/plan/policies";
import { sanitize } from "../../cli/plan/recorder";
import { planRegion } from "../../cli/plan/run";
import { namespaceConfig, toPulumiConfig } from "../../cli/plan/stacks";
import { countByPart, partOf, summarize } from "../../cli/plan/summary";
import type { PlannedResource } from "../../cli/plan/types";

// The plan's pure pieces, tested without running a Pulumi program.

const context = { region: "ap-south-1", accountId: "123456789012", zones: ["ap-south-1a"] };

function record(
  partial: Partial<PlannedResource> & { urn: string; type: string },
): PlannedResource {
  return {
    name: partial.urn.split("::").at(-1) ?? "",
    custom: true,
    inputs: {},
    outputs: {},
    options: {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      dependsOn: [],
      deleteBeforeReplace: false,
    },
    ...partial,
  };
}

describe("plan mocks", () => {
  it("fill every EKS output the program reads", () => {
    const state = mockResourceState(
      "aws:eks/cluster:Cluster",
      "cluster",
      { name: "hcft" },
      "x",
      context,
    );
    const identities = state.identities as { oidcs: { issuer: string }[] }[];

    expect(state.arn).toBe("arn:aws:eks:ap-south-1:123456789012:cluster/hcft");
    expect(state.endpoint).toMatch(/^https:\/\/[0-9A-F]+\.gr7\.ap-south-1\.eks\.amazonaws\.com$/);
    expect((state.certificateAuthority as { data: string }).data).not.toBe("");
    expect(identities[0]?.oidcs[0]?.issuer).toMatch(
      /^https:\/\/oidc\.eks\.ap-south-1\.amazonaws\.com\/id\//,
    );
  });

  it("give EC2 ids their AWS prefixes", async () => {
    const mocks = createPlanMocks("us-east-1");
    const vpc = await mocks.newResource({
      type: "aws:ec2/vpc:Vpc",
      name: "v",
      inputs: {},
      custom: true,
    });
    expect(vpc.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect((vpc.state as Record<string, string>).defaultSecurityGroupId).toMatch(/^sg-/);
  });

  it("return the same ids on every run", () => {
    const first = mockResourceState("aws:kms/key:Key", "logs", {}, "a", context);
    const second = mockResourceState("aws:kms/key:Key", "logs", {}, "a", context);
    expect(first.arn).toBe(second.arn);
  });

  it("keep bucket names given as input", () => {
    const state = mockResourceState(
      "aws:s3/bucket:Bucket",
      "raw",
      { bucket: "hcft-raw" },
      "x",
      context,
    );
    expect(state.id).toBe("hcft-raw");
    expect(state.arn).toBe("arn:aws:s3:::hcft-raw");
  });

  it("answer the region's zones and account", () => {
    const zones = mockInvoke("aws:index/getAvailabilityZones:getAvailabilityZones", {}, context);
    const identity = mockInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, context);
    expect(zones.names).toEqual(["ap-south-1a"]);
    expect(identity.accountId).toBe("123456789012");
  });

  it("reject an invoke they do not mock", () => {
    expect(() => mockInvoke("aws:ec2/getAmi:getAmi", {}, context)).toThrow(
      "provider function aws:ec2/getAmi:getAmi has no offline mock",
    );
  });
});

describe("resource region", () => {
  const providers = new Map([["eu-provider-0a1b2c3", "eu-west-1"]]);
  const reference = "urn:pulumi:dev::hcft::pulumi:providers:aws::eu::eu-provider-0a1b2c3";

  it("defaults to the plan region", () => {
    expect(decideResourceRegion({}, undefined, providers, "ap-south-1")).toBe("ap-south-1");
  });

  it("follows an explicit provider", () => {
    expect(decideResourceRegion({}, reference, providers, "ap-south-1")).toBe("eu-west-1");
  });

  it("prefers the resource's own region", () => {
    const inputs = { region: "us-east-1" };
    expect(decideResourceRegion(inputs, reference, providers, "ap-south-1")).toBe("us-east-1");
  });

  it("gives a bucket behind another provider that region", async () => {
    const mocks = createPlanMocks("ap-south-1");
    const provider = await mocks.newResource({
      type: "pulumi:providers:aws",
      name: "eu",
      inputs: { region: "eu-west-1" },
      custom: true,
    });
    const bucket = await mocks.newResource({
      type: "aws:s3/bucket:Bucket",
      name: "replica",
      inputs: {},
      custom: true,
      provider: `urn:pulumi:dev::hcft::pulumi:providers:aws::eu::${provider.id}`,
    });
    expect(bucket.state.region).toBe("eu-west-1");
    expect(bucket.state.bucketRegionalDomainName).toContain(".s3.eu-west-1.");
  });
});

describe("sanitize", () => {
  it("hides secrets and resolves resource references", () => {
    const value = sanitize({
      plain: "a",
      secret: {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: "pw",
      },
      resource: {
        "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e",
        urn: "urn:x",
      },
      list: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
    });
    expect(value).toEqual({
      plain: "a",
      secret: "[secret]",
      resource: "urn:x",
      list: ["[unknown]"],
    });
  });
});

describe("stack config encoding", () => {
  it("passes strings and encodes the rest as JSON", () => {
    const encoded = toPulumiConfig({
      "aws:region": "us-east-1",
      "hcft:cost": { maxUsdPerHour: 5 },
    });
    expect(encoded).toEqual({ "aws:region": "us-east-1", "hcft:cost": '{"maxUsdPerHour":5}' });
  });

  it("splits keys by namespace", () => {
    const stack = { name: "s", path: "p", config: { "aws:region": "x", "hcft:region": "y" } };
    expect(namespaceConfig(stack, "hcft")).toEqual({ region: "y" });
    expect(planRegion(stack)).toBe("x");
    expect(planRegion(undefined)).toBe("us-east-1");
  });
});

describe("summary parts", () => {
  const component = record({
    urn: "urn:pulumi:s::hcft::hcft:storage:DatasetStorage::data",
    type: "hcft:storage:DatasetStorage",
    custom: false,
  });
  const bucket = record({
    urn: "urn:pulumi:s::hcft::hcft:storage:DatasetStorage$aws:s3/bucket:Bucket::raw",
    type: "aws:s3/bucket:Bucket",
    parent: component.urn,
  });
  const loose = record({
    urn: "urn:pulumi:s::hcft::aws:iam/role:Role::r",
    type: "aws:iam/role:Role",
  });

  it("follow the nearest hcft component", () => {
    const byUrn = new Map([component, bucket, loose].map((r) => [r.urn, r]));
    expect(partOf(bucket, byUrn)).toBe("storage");
    expect(partOf(loose, byUrn)).toBe("program");
  });

  it("count custom resources only", () => {
    expect(countByPart([component, bucket, loose])).toEqual({ program: 1, storage: 1 });
  });

  it("print none for an empty program", () => {
    const lines = summarize([], null);
    expect(lines[0]).toBe("Resources: 0 (0 components)");
    expect(lines[1]).toBe("By part: none");
  });
});

describe("policy resources", () => {
  it("get the explicit or the default provider", () => {
    const provider = record({
      urn: "urn:pulumi:s::hcft::pulumi:providers:kubernetes::k8s",
      type: "pulumi:providers:kubernetes",
      id: "p1",
      inputs: { namespace: "x" },
    });
    const namespace = record({
      urn: "urn:pulumi:s::hcft::kubernetes:core/v1:Namespace::ns",
      type: "kubernetes:core/v1:Namespace",
    });
    namespace.options.provider = `${provider.urn}::p1`;
    const bucket = record({
      urn: "urn:pulumi:s::hcft::aws:s3/bucket:Bucket::raw",
      type: "aws:s3/bucket:Bucket",
      inputs: { tags: {} },
      outputs: { tags: {}, bucket: "raw-0a1b2c3d" },
    });
    const [, mappedNamespace, mappedBucket] = toPolicyResources(
      [provider, namespace, bucket],
      "ap-south-1",
    );

    expect(mappedNamespace?.provider?.urn).toBe(provider.urn);
    expect(mappedNamespace?.provider?.props).toEqual({ namespace: "x" });
    expect(mappedBucket?.provider?.props).toEqual({ region: "ap-south-1" });
    // Props are the mock state, so provider-made names such as the bucket name are visible.
    expect(mappedBucket?.props).toEqual({ tags: {}, bucket: "raw-0a1b2c3d" });
  });
});

describe("Kubernetes validation", () => {
  it("accepts a valid object and skips types without a schema", () => {
    const namespace = record({
      urn: "u1",
      type: "kubernetes:core/v1:Namespace",
      inputs: { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } },
    });
    const release = record({ urn: "u2", type: "kubernetes:helm.sh/v3:Release" });
    const result = validateKubernetesObjects([namespace, release]);
    expect(result.checked).toBe(1);
    expect(result.errors).toEqual([]);
    expect(result.skippedTypes).toEqual(["kubernetes:helm.sh/v3:Release"]);
  });

  it("names each violation of an invalid object", () => {
    const policy = record({
      urn: "u3",
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      inputs: {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "deny", namespace: "t" },
        spec: { policyTypes: "Ingress" },
      },
    });
    const [error] = validateKubernetesObjects([policy]).errors;
    expect(error?.object).toBe("networking.k8s.io/v1/NetworkPolicy t/deny");
    expect(error?.messages.join("\n")).toContain("data/spec/policyTypes must be array");
  });
});
