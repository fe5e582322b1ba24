import * as pulumi from "@pulumi/pulumi";

// Records every resource a test program registers under Pulumi's mocks, with the
// output-only properties the cluster and workload components read back.

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
  /** URNs of the explicit dependsOn resources, as the engine receives them. */
  dependencies: string[];
}

const records: RecordedResource[] = [];
const dependenciesByName = new Map<string, string[]>();

function outputsFor(type: string, name: string, inputs: Record<string, unknown>) {
  const base = { ...inputs, arn: `arn:aws:mock:::${name}` };
  switch (type) {
    case "aws:eks/cluster:Cluster":
      return {
        ...base,
        endpoint: "https://eks.mock.invalid",
        certificateAuthority: { data: "bW9jay1jYQ==" },
        identities: [{ oidcs: [{ issuer: "https://oidc.mock.invalid/id/MOCK" }] }],
        vpcConfig: { ...(inputs.vpcConfig as object), clusterSecurityGroupId: "sg-cluster" },
      };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { ...base, latestVersion: 1 };
    case "aws:eks/nodeGroup:NodeGroup":
      return { ...base, nodeGroupName: `${name}-ng` };
    default:
      return base;
  }
}

/** Installs the mocks; call before importing any component module. */
export async function installMocks(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        records.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          provider: args.provider,
          dependencies: dependenciesByName.get(`${args.type}::${args.name}`) ?? [],
        });
        return { id: `${args.name}-id`, state: outputsFor(args.type, args.name, args.inputs) };
      },
      call(args) {
        throw new Error(`unexpected provider function call ${args.token} in a unit test`);
      },
    },
    "hcft",
    "test",
  );
  captureDependencies();
}

// The mock API passes newResource no resource options, so the mock monitor's
// registerResource is wrapped to read the dependencies from the register request.
function captureDependencies(): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: RegisterRequest, callback: unknown) => unknown;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    dependenciesByName.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
    return original(req, callback);
  };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

/** Tells whether `resource` depends on the resource with the given logical name. */
export function dependsOn(resource: RecordedResource, name: string): boolean {
  return resource.dependencies.some((urn) => urn.endsWith(`::${name}`));
}

/** Waits until no new resource has registered for a few event-loop turns. */
export async function settle(): Promise<RecordedResource[]> {
  let count = -1;
  let stableTicks = 0;
  while (stableTicks < 5) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (records.length === count) stableTicks += 1;
    else {
      count = records.length;
      stableTicks = 0;
    }
  }
  return records;
}

/** Resolves an Output's value in a test. */
export function resolveOutput<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

export function byType(type: string): RecordedResource[] {
  return records.filter((r) => r.type === type);
}

export function byName(name: string): RecordedResource {
  const found = records.find((r) => r.name === name);
  if (!found) {
    const names = records.map((r) => r.name).join(", ");
    throw new Error(`no resource named ${name}; registered: ${names}`);
  }
  return found;
}
