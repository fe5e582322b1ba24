import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

// Mock provider responses for the offline plan. Every resource gets a realistic id and the
// output-only properties that programs commonly read (arn, endpoint, certificate data,
// the OIDC issuer), so `apply` callbacks never see `undefined` where AWS returns a value.
// Ids are derived from the type and logical name, so two runs write identical plans.

/** The account the offline plan pretends to deploy into (the AWS documentation example). */
export const PLAN_ACCOUNT_ID = "123456789012";

export interface PlanMockContext {
  region: string;
  accountId: string;
  /** Availability zone names returned by `aws.getAvailabilityZones`. */
  zones: string[];
}

/** Creates the mocks for one plan run in `region`. */
export function createPlanMocks(region: string, accountId = PLAN_ACCOUNT_ID): pulumi.runtime.Mocks {
  const context: PlanMockContext = {
    region,
    accountId,
    zones: ["a", "b", "c"].map((suffix) => `${region}${suffix}`),
  };
  // Regions of explicit AWS providers, by provider id, so that a resource created through a
  // provider for another region gets that region in its ARN and state, as it would in AWS.
  const providerRegions = new Map<string, string>();
  return {
    newResource(args) {
      const inputs = (args.inputs ?? {}) as Record<string, unknown>;
      if (args.custom === false) return { id: undefined, state: inputs };
      const id = args.id || mockResourceId(args.type, args.name);
      if (args.type === "pulumi:providers:aws" && typeof inputs.region === "string") {
        providerRegions.set(id, inputs.region);
      }
      const resourceRegion = decideResourceRegion(inputs, args.provider, providerRegions, region);
      const state = mockResourceState(args.type, args.name, inputs, id, {
        ...context,
        region: resourceRegion,
      });
      return { id: String(state.id ?? id), state };
    },
    call(args) {
      return mockInvoke(args.token, (args.inputs ?? {}) as Record<string, unknown>, context);
    },
  };
}

/**
 * Returns the region a resource lives in: its own `region` input (a per-resource setting
 * since @pulumi/aws v7), else its explicit provider's region, else the plan's region. A
 * provider reference has the form `<provider URN>::<provider id>`.
 */
export function decideResourceRegion(
  inputs: Record<string, unknown>,
  providerReference: string | undefined,
  providerRegions: ReadonlyMap<string, string>,
  defaultRegion: string,
): string {
  if (typeof inputs.region === "string" && inputs.region !== "") return inputs.region;
  if (providerReference !== undefined) {
    const providerId = providerReference.slice(providerReference.lastIndexOf("::") + 2);
    const providerRegion = providerRegions.get(providerId);
    if (providerRegion !== undefined) return providerRegion;
  }
  return defaultRegion;
}

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

// EC2 and EKS ids carry the prefix AWS gives each resource type (vpc-, subnet-, sg-, ...).
const idPrefixes: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:ec2/networkAcl:NetworkAcl": "acl",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "acl",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
};

/** Returns a deterministic id for a resource: prefixed hex for EC2 types, name-based otherwise. */
export function mockResourceId(type: string, name: string): string {
  const prefix = idPrefixes[type];
  if (prefix !== undefined) return `${prefix}-${digest(`${type}/${name}`, 17)}`;
  return `${name}-${digest(`${type}/${name}`, 7)}`;
}

/** Returns the mock state: the inputs plus the output-only properties AWS would return. */
export function mockResourceState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  id: string,
  context: PlanMockContext,
): Record<string, unknown> {
  const { region, accountId } = context;
  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-${digest(name, 7)}`;
  const base: Record<string, unknown> = { ...inputs, id };
  const arnPrefix = (service: string) => `arn:aws:${service}:${region}:${accountId}`;

  switch (type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket =
        typeof inputs.bucket === "string" ? inputs.bucket : `${name}-${digest(name, 8)}`;
      return {
        ...base,
        id: bucket,
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
        region,
      };
    }
    case "aws:kms/key:Key": {
      const keyId = uuidFrom(`${type}/${name}`);
      return { ...base, id: keyId, keyId, arn: `${arnPrefix("kms")}:key/${keyId}` };
    }
    case "aws:kms/alias:Alias":
      return { ...base, arn: `${arnPrefix("kms")}:${physical}`, targetKeyArn: inputs.targetKeyId };
    case "aws:iam/role:Role":
      return {
        ...base,
        id: physical,
        name: physical,
        arn: `arn:aws:iam::${accountId}:role/${physical}`,
        uniqueId: `AROA${digest(name, 17).toUpperCase()}`,
      };
    case "aws:iam/policy:Policy":
      return { ...base, name: physical, arn: `arn:aws:iam::${accountId}:policy/${physical}` };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return { ...base, arn: `arn:aws:iam::${accountId}:oidc-provider/${String(inputs.url)}` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        ...base,
        id: physical,
        name: physical,
        arn: `${arnPrefix("logs")}:log-group:${physical}`,
      };
    case "aws:sns/topic:Topic":
      return {
        ...base,
        id: `${arnPrefix("sns")}:${physical}`,
        name: physical,
        arn: `${arnPrefix("sns")}:${physical}`,
      };
    case "aws:cloudtrail/trail:Trail":
      return { ...base, name: physical, arn: `${arnPrefix("cloudtrail")}:trail/${physical}` };
    case "aws:ec2/vpc:Vpc":
      return {
        ...base,
        arn: `${arnPrefix("ec2")}:vpc/${id}`,
        defaultSecurityGroupId: mockResourceId(
          "aws:ec2/securityGroup:SecurityGroup",
          `${name}-default`,
        ),
        defaultNetworkAclId: mockResourceId("aws:ec2/networkAcl:NetworkAcl", `${name}-default`),
        mainRouteTableId: mockResourceId("aws:ec2/routeTable:RouteTable", `${name}-main`),
        defaultRouteTableId: mockResourceId("aws:ec2/routeTable:RouteTable", `${name}-main`),
        ownerId: accountId,
      };
    case "aws:ec2/subnet:Subnet":
      return { ...base, arn: `${arnPrefix("ec2")}:subnet/${id}`, ownerId: accountId };
    case "aws:ec2/securityGroup:SecurityGroup":
      return { ...base, arn: `${arnPrefix("ec2")}:security-group/${id}`, ownerId: accountId };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return {
        ...base,
        arn: `${arnPrefix("ec2")}:launch-template/${id}`,
        latestVersion: 1,
        defaultVersion: 1,
      };
    case "aws:eks/cluster:Cluster":
      return eksClusterState(base, physical, id, context);
    case "aws:eks/nodeGroup:NodeGroup":
      return {
        ...base,
        arn: `${arnPrefix("eks")}:nodegroup/${String(inputs.clusterName)}/${physical}/${uuidFrom(id)}`,
        nodeGroupName: inputs.nodeGroupName ?? physical,
        status: "ACTIVE",
      };
    case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
      return {
        ...base,
        associationId: `a-${digest(id, 17)}`,
        associationArn: `${arnPrefix("eks")}:podidentityassociation/${id}`,
      };
    default:
      return { ...base, arn: genericArn(type, physical, context) };
  }
}

function eksClusterState(
  base: Record<string, unknown>,
  clusterName: string,
  id: string,
  { region, accountId }: PlanMockContext,
): Record<string, unknown> {
  const oidcId = digest(id, 32).toUpperCase();
  return {
    ...base,
    id: clusterName,
    name: clusterName,
    arn: `arn:aws:eks:${region}:${accountId}:cluster/${clusterName}`,
    endpoint: `https://${oidcId}.gr7.${region}.eks.amazonaws.com`,
    certificateAuthority: {
      data: Buffer.from(`offline plan CA for ${clusterName}`).toString("base64"),
    },
    identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${oidcId}` }] }],
    clusterId: uuidFrom(clusterName),
    platformVersion: "eks.1",
    status: "ACTIVE",
    vpcConfig: {
      ...((base.vpcConfig as Record<string, unknown> | undefined) ?? {}),
      clusterSecurityGroupId: mockResourceId(
        "aws:ec2/securityGroup:SecurityGroup",
        `${clusterName}-cluster`,
      ),
      vpcId: (base.vpcConfig as Record<string, unknown> | undefined)?.vpcId,
    },
  };
}

// UUID-shaped id from a name, for the types whose ids AWS returns as UUIDs (KMS keys).
function uuidFrom(text: string): string {
  const hex = digest(text, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// arn:aws:<service>:<region>:<account>:<resource type>/<name>, from the type token.
function genericArn(
  type: string,
  physical: string,
  { region, accountId }: PlanMockContext,
): string | undefined {
  const match = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(type);
  if (match === null) return undefined;
  return `arn:aws:${match[1]}:${region}:${accountId}:${match[2]?.toLowerCase()}/${physical}`;
}

/** Returns the result of a provider function (invoke) the program may call; others throw. */
export function mockInvoke(
  token: string,
  inputs: Record<string, unknown>,
  { region, accountId, zones }: PlanMockContext,
): Record<string, unknown> {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        id: region,
        names: zones,
        zoneIds: zones.map((_, index) => `${region.replace(/-/g, "")}-az${index + 1}`),
        groupNames: zones.map(() => region),
        state: inputs.state ?? "available",
      };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: accountId,
        accountId,
        arn: `arn:aws:sts::${accountId}:assumed-role/offline-plan/hcft`,
        userId: "AROAOFFLINEPLAN:hcft",
      };
    case "aws:index/getRegion:getRegion":
      return {
        id: region,
        name: region,
        region,
        endpoint: `ec2.${region}.amazonaws.com`,
        description: region,
      };
    case "aws:index/getPartition:getPartition":
      return {
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
      };
    case "aws:ec2/getManagedPrefixList:getManagedPrefixList": {
      // NOTE: documentation ranges (RFC 5737) stand in for the service's real address
      // ranges, which only AWS returns at deploy time.
      const name = String(inputs.name ?? `com.amazonaws.${region}.s3`);
      return {
        id: `pl-${digest(name, 8)}`,
        name,
        addressFamily: "IPv4",
        maxEntries: 2,
        ownerId: "AWS",
        arn: `arn:aws:ec2:${region}:aws:prefix-list/pl-${digest(name, 8)}`,
        entries: [
          { cidr: "192.0.2.0/24", description: "" },
          { cidr: "198.51.100.0/24", description: "" },
        ],
        filters: [],
        tags: {},
        version: 1,
      };
    }
    default:
      throw new Error(
        `provider function ${token} has no offline mock; add it to mockInvoke in cli/plan/mocks.ts`,
      );
  }
}
