import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, type StackConfig } from "../../infra/config";

// Pulumi mocks for component tests. Every registered resource is recorded with its type,
// logical name, inputs, resource options (protect, retainOnDelete, parent) and the
// state the mock returned. The state carries realistic ids and ARNs for output-only
// properties, so that code which builds policies from `arn` or `id` gets real-looking
// values instead of `undefined`. Invokes that are not mocked here throw, so a test
// can never silently depend on a cloud call.
//
// Usage: call `setupMocks()` before `await import()` of the code under test, because
// the mocks are process-global and vitest hoists static imports. Import with a `.js`
// suffix (`../../infra/network/index.js`): tsc under nodenext requires an extension on
// dynamic imports, and vitest resolves it to the `.ts` file.

/** Recorded inputs and state: untyped JSON that tests index into freely. */
// biome-ignore lint/suspicious/noExplicitAny: recorded properties are untyped JSON
export type Json = Record<string, any>;

/** One resource registered while the mocks were active. */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Json;
  /** The inputs plus the output-only properties the mock filled in. */
  state: Json;
  id: string;
  custom: boolean;
  /** URN of the parent resource, or "" for a top-level resource. */
  parent: string;
  protect: boolean;
  retainOnDelete: boolean;
}

/** One provider function call (invoke) made while the mocks were active. */
export interface RecordedCall {
  token: string;
  inputs: Json;
}

export interface MockOptions {
  region?: string;
  accountId?: string;
  /** Availability zones returned by `aws.getAvailabilityZones`; three in the region by default. */
  availabilityZones?: string[];
  project?: string;
  stack?: string;
}

export interface MockRecorder {
  resources: RecordedResource[];
  calls: RecordedCall[];
  /** Every recorded resource of a type token, in registration order. */
  ofType(type: string): RecordedResource[];
  /** The one resource with this logical name; throws naming the known names otherwise. */
  named(name: string): RecordedResource;
}

/** Installs Pulumi mocks that record every resource and mock the common AWS invokes. */
export function setupMocks(options: MockOptions = {}): MockRecorder {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "111122223333";
  const zones = options.availabilityZones ?? ["a", "b", "c"].map((suffix) => `${region}${suffix}`);
  const resources: RecordedResource[] = [];
  const calls: RecordedCall[] = [];
  const resourceOptions = new Map<
    string,
    Pick<RecordedResource, "parent" | "protect" | "retainOnDelete">
  >();
  const context: MockContext = { region, accountId };

  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      const generatedId = args.id || mockId(args.type, args.name);
      const state = mockState(args.type, args.name, args.inputs ?? {}, generatedId, context);
      // A bucket's id is its name, so the state may replace the generated id.
      const id = String(state.id);
      const captured = resourceOptions.get(`${args.type}::${args.name}`);
      resources.push({
        type: args.type,
        name: args.name,
        inputs: args.inputs ?? {},
        state,
        id,
        custom: args.custom ?? true,
        parent: captured?.parent ?? "",
        protect: captured?.protect ?? false,
        retainOnDelete: captured?.retainOnDelete ?? false,
      });
      return { id, state };
    },
    call(args) {
      calls.push({ token: args.token, inputs: args.inputs ?? {} });
      return mockCall(args.token, args.inputs ?? {}, { ...context, zones });
    },
  };
  pulumi.runtime.setMocks(mocks, options.project ?? "hcft", options.stack ?? "test", false);
  captureResourceOptions(resourceOptions);

  return {
    resources,
    calls,
    ofType: (type) => resources.filter((r) => r.type === type),
    named(name) {
      const found = resources.filter((r) => r.name === name);
      if (found.length !== 1) {
        const known = resources.map((r) => r.name).join(", ");
        throw new Error(
          `expected one resource named "${name}", found ${found.length}; known: ${known}`,
        );
      }
      return found[0]!;
    },
  };
}

// The mock API hands newResource only type, name and inputs. Resource options travel in
// the register request, so the mock monitor's registerResource is wrapped to read them.
function captureResourceOptions(
  into: Map<string, Pick<RecordedResource, "parent" | "protect" | "retainOnDelete">>,
): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: RegisterRequest, callback: unknown) => Promise<void>;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    into.set(`${req.getType()}::${req.getName()}`, {
      parent: req.getParent(),
      protect: req.getProtect() ?? false,
      retainOnDelete: req.getRetainondelete() ?? false,
    });
    return original(req, callback);
  };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
}

/** Resolves an Output (or plain value) to its value; for use in tests under mocks. */
export function outputValue<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => {
    pulumi.output(value).apply((resolved) => {
      resolve(resolved as T);
      return resolved;
    });
  });
}

/**
 * Waits until every resource registration and invoke in flight has finished, so tests
 * see resources whose inputs depended on other outputs.
 */
export async function settle(): Promise<void> {
  // NOTE: waitForRPCs is exported by @pulumi/pulumi 3.248 at run time but marked internal
  // in its typings, so it is reached through a cast.
  const runtime = pulumi.runtime as unknown as { waitForRPCs: () => Promise<void> };
  await runtime.waitForRPCs();
}

/** Raw `hcft:` keys of a valid stack; tests override what they exercise. */
export const baseRawConfig = {
  environment: "test",
  region: "us-east-1",
  compliance: { profiles: ["hipaa"], dataResidency: "US" },
  model: { id: "qwen2.5-7b" },
  training: { method: "qlora", seqLen: 2048 },
  cost: { maxUsdPerHour: 20 },
  cluster: {
    adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin",
    breakGlassRoleArn: "arn:aws:iam::111122223333:role/break-glass",
  },
  images: {
    deid: `registry.example/hcft/deid@sha256:${"a".repeat(64)}`,
    trainer: `registry.example/hcft/trainer@sha256:${"b".repeat(64)}`,
    vllm: `registry.example/hcft/vllm@sha256:${"c".repeat(64)}`,
  },
};

/** Parses `baseRawConfig`, with top-level sections replaced by `overrides`, into a StackConfig. */
export function makeStackConfig(overrides: Record<string, unknown> = {}): StackConfig {
  return parseStackConfig("test", { ...baseRawConfig, ...overrides });
}

interface MockContext {
  region: string;
  accountId: string;
}

function mockId(type: string, name: string): string {
  const digest = createHash("sha256").update(`${type}/${name}`).digest("hex").slice(0, 17);
  const prefix = idPrefixes[type];
  return prefix ? `${prefix}-${digest}` : `${name}-id`;
}

// EC2 ids carry their resource-type prefix (vpc-, subnet-, sg-, ...), as AWS returns them.
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
};

// Output-only properties per type. Names follow AWS: a generated bucket or role name is
// the logical name plus a suffix (random under Pulumi auto-naming, derived from the id here).
function mockState(type: string, name: string, inputs: Json, id: string, ctx: MockContext): Json {
  const { region, accountId } = ctx;
  const physical = `${name}-${id.slice(-7)}`;
  const base = { ...inputs, id };
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = inputs.bucket ?? physical;
      return {
        ...base,
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
        region,
        id: bucket,
      };
    }
    case "aws:kms/key:Key":
      return { ...base, keyId: id, arn: `arn:aws:kms:${region}:${accountId}:key/${id}` };
    case "aws:kms/alias:Alias":
      return { ...base, arn: `arn:aws:kms:${region}:${accountId}:${inputs.name ?? name}` };
    case "aws:iam/role:Role": {
      const roleName = inputs.name ?? physical;
      return { ...base, name: roleName, arn: `arn:aws:iam::${accountId}:role/${roleName}` };
    }
    case "aws:iam/policy:Policy": {
      const policyName = inputs.name ?? physical;
      return { ...base, name: policyName, arn: `arn:aws:iam::${accountId}:policy/${policyName}` };
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      const groupName = inputs.name ?? physical;
      return {
        ...base,
        name: groupName,
        arn: `arn:aws:logs:${region}:${accountId}:log-group:${groupName}`,
      };
    }
    case "aws:sns/topic:Topic": {
      const topicName = inputs.name ?? physical;
      return { ...base, name: topicName, arn: `arn:aws:sns:${region}:${accountId}:${topicName}` };
    }
    case "aws:cloudtrail/trail:Trail": {
      const trailName = inputs.name ?? physical;
      return {
        ...base,
        name: trailName,
        arn: `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`,
      };
    }
    case "aws:ec2/vpc:Vpc":
      return {
        ...base,
        arn: `arn:aws:ec2:${region}:${accountId}:vpc/${id}`,
        defaultSecurityGroupId: mockId("aws:ec2/securityGroup:SecurityGroup", `${name}-default`),
        defaultNetworkAclId: `acl-${id.slice(4)}`,
        mainRouteTableId: `rtb-${id.slice(4)}`,
        defaultRouteTableId: `rtb-${id.slice(4)}`,
        ownerId: accountId,
      };
    case "aws:eks/cluster:Cluster": {
      const clusterName = inputs.name ?? physical;
      return {
        ...base,
        name: clusterName,
        arn: `arn:aws:eks:${region}:${accountId}:cluster/${clusterName}`,
        endpoint: `https://${id.slice(-12).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from("mock-ca").toString("base64") },
        identities: [
          { oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${id.slice(-12)}` }] },
        ],
        version: inputs.version ?? "1.33",
        status: "ACTIVE",
      };
    }
    default:
      return { ...base, arn: genericArn(type, physical, ctx) };
  }
}

// arn:aws:<service>:<region>:<account>:<resource-type>/<name> from the Pulumi type token.
function genericArn(type: string, physical: string, ctx: MockContext): string | undefined {
  const match = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(type);
  if (!match) return undefined;
  const service = match[1] === "cloudwatch" ? "cloudwatch" : match[1];
  const resourceType = match[2]!.toLowerCase();
  return `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${resourceType}/${physical}`;
}

function mockCall(token: string, inputs: Json, ctx: MockContext & { zones: string[] }): Json {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        id: ctx.region,
        names: ctx.zones,
        zoneIds: ctx.zones.map((_, i) => `${ctx.region}-az${i + 1}`),
        state: inputs.state,
        groupNames: ctx.zones.map(() => ctx.region),
      };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: ctx.accountId,
        accountId: ctx.accountId,
        arn: `arn:aws:iam::${ctx.accountId}:role/hcft-test`,
        userId: "AROAEXAMPLEMOCK",
      };
    case "aws:index/getRegion:getRegion":
      return {
        id: ctx.region,
        name: ctx.region,
        region: ctx.region,
        endpoint: `ec2.${ctx.region}.amazonaws.com`,
        description: ctx.region,
      };
    case "aws:index/getPartition:getPartition":
      return {
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
      };
    default:
      throw new Error(
        `invoke ${token} is not mocked; add it to mockCall in test/helpers/mocks.ts or pass the value in`,
      );
  }
}
