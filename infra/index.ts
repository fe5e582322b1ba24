import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuditTrail } from "./audit";
import { GpuCluster } from "./cluster";
import {
  checkCostGuard,
  checkProviderRegion,
  hourlyCost,
  parseStackConfig,
  stackConfigKeys,
} from "./config";
import { baseTags } from "./names";
import { Network } from "./network";
import { Keys, WorkloadRoles } from "./security";
import { decideSizing, SizingError } from "./sizing";
import type { SizingPlan } from "./sizing/types";
import { DatasetStorage } from "./storage";
import { Workloads } from "./workloads";

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

// Parses the config, sizes the tier and applies the checks that need the sizing result.
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

// Keys come first because the flow logs, buckets, trail and cluster secrets are encrypted
// with them. Then come network, storage, audit, the GPU cluster and its workloads.
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
const cluster = new GpuCluster("cluster", {
  config,
  sizing: plan,
  vpcId: network.vpcId,
  privateSubnetIds: network.privateSubnetIds,
  vpcCidr: network.vpcCidr,
  secretsKeyArn: keys.clusterKeyArn,
  volumeKeyArn: keys.clusterKeyArn,
  tags,
});
const roles = new WorkloadRoles("workload-roles", {
  config,
  clusterName: cluster.clusterName,
  rawBucketArn: storage.rawBucketArn,
  deidentifiedBucketArn: storage.deidentifiedBucketArn,
  artifactsBucketArn: storage.artifactsBucketArn,
  auditBucketArn: storage.auditBucketArn,
  datasetsKeyArn: keys.datasetsKeyArn,
  logsKeyArn: keys.logsKeyArn,
  tags,
});

// Pods reach S3 through the gateway endpoint, whose traffic goes to S3's public address
// ranges, so the egress NetworkPolicies need the region's S3 prefix list.
const s3PrefixList = aws.ec2.getManagedPrefixListOutput({
  name: `com.amazonaws.${config.region}.s3`,
});
const workloads = new Workloads(
  "workloads",
  {
    config,
    sizing: plan,
    provider: cluster.provider,
    vpcCidr: network.vpcCidr,
    buckets: {
      raw: storage.rawBucketName,
      deidentified: storage.deidentifiedBucketName,
      artifacts: storage.artifactsBucketName,
    },
    s3Cidrs: s3PrefixList.entries.apply((entries) => entries.map((entry) => entry.cidr)),
  },
  { dependsOn: [roles] },
);

export const clusterName = cluster.clusterName;
export const vpcId = network.vpcId;
export const bucketNames = {
  raw: storage.rawBucketName,
  deidentified: storage.deidentifiedBucketName,
  artifacts: storage.artifactsBucketName,
  audit: storage.auditBucketName,
  accessLogs: storage.accessLogBucketName,
};
export const keyArns = {
  datasets: keys.datasetsKeyArn,
  logs: keys.logsKeyArn,
  cluster: keys.clusterKeyArn,
};
export const workloadRoleArns = roles.roleArns;
export const nodeGroupNames = cluster.nodeGroupNames;
/** In-cluster URL of the vLLM Service; absent when the stack does not serve. */
export const servingUrl = workloads.servingUrl;
export const kubeconfig = pulumi.secret(cluster.kubeconfig);
/** Estimated on-demand $/hour of the GPU instances while training and serving both run. */
export const estimatedUsdPerHour = Math.round(hourlyCost(config, plan) * 100) / 100;
/** The sizing decision, so `pulumi stack output sizing` and the offline plan can show it. */
export const sizing = plan;
