import { beforeAll, describe, expect, test } from "vitest";
import { makeStackConfig, outputValue, settle, setupMocks } from "../helpers/mocks";

const mocks = setupMocks({ region: "us-east-1", accountId: "111122223333" });
const logsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/logs";

type NetworkModule = typeof import("../../infra/network");
let network: NetworkModule;
let privateOnly: InstanceType<NetworkModule["Network"]>;

// Resources of one component instance, by its name prefix.
function inside(prefix: string, type: string) {
  return mocks.ofType(type).filter((r) => r.name.startsWith(`${prefix}-`));
}

beforeAll(async () => {
  network = await import("../../infra/network/index.js");
  privateOnly = new network.Network("net", {
    config: makeStackConfig({ network: { egress: "none", vpcCidr: "10.40.0.0/16" } }),
    logsKeyArn,
    tags: { project: "hcft" },
  });
  new network.Network("natnet", {
    config: makeStackConfig({ network: { egress: "nat", vpcCidr: "10.50.0.0/16" } }),
    azs: ["us-east-1a", "us-east-1b"],
    logsKeyArn,
    tags: { project: "hcft" },
  });
  await settle();
});

describe("Network with egress none", () => {
  test("private subnets in three zones", async () => {
    const subnets = inside("net", "aws:ec2/subnet:Subnet");
    expect(subnets).toHaveLength(3);
    const zones = await Promise.all(subnets.map((s) => s.inputs.availabilityZone));
    expect(new Set(zones)).toEqual(new Set(["us-east-1a", "us-east-1b", "us-east-1c"]));
    for (const subnet of subnets) {
      expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
    }
    expect(await outputValue(privateOnly.privateSubnetIds)).toHaveLength(3);
  });

  test("no internet or NAT gateway", () => {
    expect(inside("net", "aws:ec2/internetGateway:InternetGateway")).toEqual([]);
    expect(inside("net", "aws:ec2/natGateway:NatGateway")).toEqual([]);
    expect(inside("net", "aws:ec2/route:Route")).toEqual([]);
  });

  test("default security group has no rules", () => {
    const [group] = inside("net", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(group?.inputs.ingress).toEqual([]);
    expect(group?.inputs.egress).toEqual([]);
  });

  test("interface endpoints use private DNS", () => {
    const endpoints = inside("net", "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
      (e) => e.inputs.vpcEndpointType === "Interface",
    );
    const services = endpoints.map((e) =>
      e.inputs.serviceName.replace("com.amazonaws.us-east-1.", ""),
    );
    expect(services.sort()).toEqual(
      [
        "autoscaling",
        "ec2",
        "ecr.api",
        "ecr.dkr",
        "eks",
        "eks-auth",
        "elasticloadbalancing",
        "kms",
        "logs",
        "ssm",
        "sts",
      ].sort(),
    );
    for (const endpoint of endpoints) {
      expect(endpoint.inputs.privateDnsEnabled).toBe(true);
      expect(endpoint.inputs.subnetIds).toHaveLength(3);
      expect(endpoint.inputs.securityGroupIds).toEqual([mocks.named("net-endpoints-sg").id]);
    }
  });

  test("endpoint group admits 443 from the VPC only", () => {
    const group = mocks.named("net-endpoints-sg");
    expect(group.inputs.ingress).toHaveLength(1);
    const rule = group.inputs.ingress[0];
    expect(rule.protocol).toBe("tcp");
    expect(rule.fromPort).toBe(443);
    expect(rule.toPort).toBe(443);
    expect(rule.cidrBlocks).toEqual(["10.40.0.0/16"]);
    expect(group.inputs.egress).toEqual([]);
  });

  test("S3 gateway endpoint limited to the account", () => {
    const endpoint = mocks.named("net-s3");
    expect(endpoint.inputs.vpcEndpointType).toBe("Gateway");
    expect(endpoint.inputs.serviceName).toBe("com.amazonaws.us-east-1.s3");
    expect(endpoint.inputs.routeTableIds).toHaveLength(3);
    const policy = JSON.parse(endpoint.inputs.policy);
    const [account, layers] = policy.Statement;
    expect(account.Condition).toEqual({ StringEquals: { "aws:ResourceAccount": "111122223333" } });
    expect(account.Action).not.toContain("s3:*");
    expect(layers.Action).toEqual(["s3:GetObject"]);
    expect(layers.Resource).toEqual(["arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"]);
  });

  test("account-scoped policies on ECR, KMS and logs", () => {
    for (const role of ["ecr-api", "ecr-dkr", "kms", "logs"]) {
      const policy = JSON.parse(mocks.named(`net-${role}`).inputs.policy);
      expect(policy.Statement[0].Condition).toEqual({
        StringEquals: { "aws:PrincipalAccount": "111122223333" },
      });
    }
  });

  test("flow logs capture ALL to an encrypted group", () => {
    const flowLog = mocks.named("net-flow-log");
    const group = mocks.named("net-flow-logs");
    expect(flowLog.inputs.trafficType).toBe("ALL");
    expect(flowLog.inputs.logDestinationType).toBe("cloud-watch-logs");
    expect(flowLog.inputs.logDestination).toBe(group.state.arn);
    expect(flowLog.inputs.vpcId).toBe(mocks.named("net-vpc").id);
    expect(group.inputs.kmsKeyId).toBe(logsKeyArn);
    expect(group.inputs.retentionInDays).toBe(2192);
  });

  test("flow-log role trusts the service of the account", () => {
    const trust = JSON.parse(mocks.named("net-flow-logs-role").inputs.assumeRolePolicy);
    expect(trust.Statement[0].Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "111122223333" },
    });
    const policy = JSON.parse(mocks.named("net-flow-logs-write").inputs.policy);
    expect(policy.Statement[0].Resource[0]).toBe(mocks.named("net-flow-logs").state.arn);
  });

  test("children are parented to the component", () => {
    const component = mocks.named("net");
    expect(component.type).toBe("hcft:network:Network");
    expect(mocks.named("net-vpc").parent).toContain("hcft:network:Network::net");
  });
});

describe("Network with egress nat", () => {
  test("internet gateway and a NAT per zone", () => {
    expect(inside("natnet", "aws:ec2/internetGateway:InternetGateway")).toHaveLength(1);
    expect(inside("natnet", "aws:ec2/natGateway:NatGateway")).toHaveLength(2);
  });

  test("private routes go to the NAT of their zone", () => {
    for (const i of [0, 1]) {
      const route = mocks.named(`natnet-private-default-${i}`);
      expect(route.inputs.destinationCidrBlock).toBe("0.0.0.0/0");
      expect(route.inputs.natGatewayId).toBe(mocks.named(`natnet-nat-${i}`).id);
      expect(route.inputs.routeTableId).toBe(mocks.named(`natnet-private-rt-${i}`).id);
    }
  });

  test("public subnets assign no public IPs", () => {
    const publicSubnets = ["natnet-public-0", "natnet-public-1"].map((n) => mocks.named(n));
    for (const subnet of publicSubnets) {
      expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
    }
    expect(publicSubnets.map((s) => s.inputs.cidrBlock)).toEqual([
      "10.50.224.0/22",
      "10.50.228.0/22",
    ]);
  });

  test("given zones are used as passed", () => {
    const zones = inside("natnet", "aws:ec2/subnet:Subnet")
      .filter((s) => s.name.includes("private"))
      .map((s) => s.inputs.availabilityZone);
    expect(zones).toEqual(["us-east-1a", "us-east-1b"]);
  });
});

describe("Network argument checks", () => {
  test("rejects one zone", () => {
    expect(
      () =>
        new network.Network("bad", {
          config: makeStackConfig(),
          azs: ["us-east-1a"],
          logsKeyArn,
          tags: {},
        }),
    ).toThrow("at least two availability zones are required, got 1");
  });

  test("dpdp-only retention is 365 days", async () => {
    new network.Network("dpdp", {
      config: makeStackConfig({
        region: "ap-south-1",
        compliance: { profiles: ["dpdp"], dataResidency: "IN" },
      }),
      azs: ["ap-south-1a", "ap-south-1b", "ap-south-1c"],
      logsKeyArn,
      tags: {},
    });
    await settle();
    expect(mocks.named("dpdp-flow-logs").inputs.retentionInDays).toBe(365);
    expect(mocks.named("dpdp-s3").inputs.serviceName).toBe("com.amazonaws.ap-south-1.s3");
  });
});
