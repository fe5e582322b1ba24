import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkCostGuard, checkProviderRegion, parseStackConfig, stackConfigKeys } from "./config";
import { baseTags } from "./names";
import { decideSizing, SizingError } from "./sizing";
import type { SizingPlan } from "./sizing/types";

// The Pulumi program: read the `hcft:` config, parse it, size the GPUs, build the parts in
// order and export the outputs. This is the only file that reads `pulumi.Config`, and an
// invalid stack fails here, before any resource is registered.

const stack = pulumi.getStack();

// Turns the config and sizing errors a user fixes in the stack file into a clean Pulumi
// error (message only, no stack trace). `cause` keeps the original for the offline plan.
function failCleanly(error: unknown): never {
  if (
    error instanceof Error &&
    (error.name === "StackConfigError" || error instanceof SizingError)
  ) {
    const clean = new pulumi.RunError(error.message);
    (clean as { cause?: unknown }).cause = error;
    throw clean;
  }
  throw error;
}

// Reads each `hcft:` key as JSON when it parses as JSON and as text otherwise. Keys the
// schema does not know are read too, so that a misspelled key is reported, not ignored.
function readRawConfig(): Record<string, unknown> {
  const config = new pulumi.Config("hcft");
  const present = Object.keys(pulumi.runtime.allConfig())
    .filter((key) => key.startsWith("hcft:"))
    .map((key) => key.slice("hcft:".length));
  const raw: Record<string, unknown> = {};
  for (const key of new Set([...stackConfigKeys, ...present])) {
    const text = config.get(key);
    if (text === undefined) continue;
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text;
    }
  }
  return raw;
}

function decide() {
  try {
    const parsed = parseStackConfig(stack, readRawConfig());
    checkProviderRegion(stack, parsed, new pulumi.Config("aws").get("region"));
    const plan: SizingPlan = decideSizing({
      modelId: parsed.model.id,
      region: parsed.region,
      headroomPct: parsed.sizing.headroomPct,
      training: parsed.training,
      serving: parsed.serving,
    });
    checkCostGuard(stack, parsed, plan);
    return { config: parsed, sizing: plan };
  } catch (error) {
    failCleanly(error);
  }
}

const { config, sizing: plan } = decide();
const tags = baseTags(config.environment, config.compliance.dataResidency);
pulumi.log.info(
  `sizing: training on ${plan.training.instance.nodeCount} x ${plan.training.instance.instanceType}, ` +
    `serving on ${plan.serving ? plan.serving.instance.instanceType : "none"}`,
);

// NOTE: until the network, security, storage, audit, cluster and workloads components are
// wired in, this program builds only the VPC, the EKS cluster and the GPU node groups.
const vpc = new aws.ec2.Vpc("vpc", {
  cidrBlock: config.network.vpcCidr,
  enableDnsHostnames: true,
  enableDnsSupport: true,
  tags: { ...tags, Name: `${config.environment}-vpc` },
});

// One private /19 per availability zone, at the start of the VPC's /16.
const zones = aws.getAvailabilityZonesOutput({ state: "available" });
const secondOctets = config.network.vpcCidr.split(".").slice(0, 2).join(".");
const subnets = [0, 1, 2].map(
  (index) =>
    new aws.ec2.Subnet(`private-${index}`, {
      vpcId: vpc.id,
      cidrBlock: `${secondOctets}.${index * 32}.0/19`,
      availabilityZone: zones.names.apply((names) => names[index % names.length] as string),
      mapPublicIpOnLaunch: false,
      tags: { ...tags, Name: `${config.environment}-private-${index}` },
    }),
);

function serviceRole(name: string, service: string, policies: string[]): aws.iam.Role {
  const role = new aws.iam.Role(name, {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: service },
          Action: ["sts:AssumeRole", "sts:TagSession"],
        },
      ],
    }),
    tags,
  });
  policies.forEach((policy, index) => {
    new aws.iam.RolePolicyAttachment(`${name}-${index}`, {
      role: role.name,
      policyArn: `arn:aws:iam::aws:policy/${policy}`,
    });
  });
  return role;
}

const clusterRole = serviceRole("cluster-role", "eks.amazonaws.com", ["AmazonEKSClusterPolicy"]);
const nodeRole = serviceRole("node-role", "ec2.amazonaws.com", [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryReadOnly",
]);

const cluster = new aws.eks.Cluster("cluster", {
  version: config.cluster.kubernetesVersion,
  roleArn: clusterRole.arn,
  vpcConfig: {
    subnetIds: subnets.map((subnet) => subnet.id),
    endpointPrivateAccess: true,
    endpointPublicAccess: false,
  },
  accessConfig: { authenticationMode: "API" },
  tags,
});

// GPU node groups take their instance type and count from the SizingPlan. The NVIDIA
// AL2023 AMI carries the driver, and the taint keeps non-GPU pods off these nodes.
function gpuNodeGroup(role: string, instanceType: string, maxSize: number, minSize: number) {
  return new aws.eks.NodeGroup(`${role}-gpu`, {
    clusterName: cluster.name,
    nodeRoleArn: nodeRole.arn,
    subnetIds: subnets.map((subnet) => subnet.id),
    instanceTypes: [instanceType],
    amiType: "AL2023_x86_64_NVIDIA",
    capacityType: "ON_DEMAND",
    scalingConfig: { minSize, maxSize, desiredSize: minSize },
    labels: { "hcft.io/pool": role, "nvidia.com/gpu.present": "true" },
    taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }],
    tags,
  });
}

// Training scales to zero when no job runs.
const trainingNodes = gpuNodeGroup(
  "training",
  plan.training.instance.instanceType,
  plan.training.instance.nodeCount,
  0,
);
const servingConfig = config.serving;
const servingNodes =
  plan.serving && servingConfig.enabled
    ? gpuNodeGroup(
        "serving",
        plan.serving.instance.instanceType,
        plan.serving.instance.nodeCount * servingConfig.replicas,
        plan.serving.instance.nodeCount * servingConfig.replicas,
      )
    : undefined;

const kubeconfigText = pulumi
  .all([cluster.name, cluster.endpoint, cluster.certificateAuthority.data])
  .apply(([name, endpoint, caData]) =>
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": caData } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
      users: [
        {
          name,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", name, "--region", config.region],
            },
          },
        },
      ],
    }),
  );

export const clusterName = cluster.name;
export const vpcId = vpc.id;
export const trainingNodeGroup = trainingNodes.nodeGroupName;
export const servingNodeGroup = servingNodes?.nodeGroupName;
export const kubeconfig = pulumi.secret(kubeconfigText);
/** The sizing decision, so `pulumi stack output sizing` and the offline plan can show it. */
export const sizing = plan;
