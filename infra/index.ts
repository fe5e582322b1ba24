import * as pulumi from "@pulumi/pulumi";
import { GpuCluster } from "./cluster";
import { checkCostGuard, checkProviderRegion, parseStackConfig, stackConfigKeys } from "./config";
import { baseTags } from "./names";
import { Network } from "./network";
import { Keys } from "./security";
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

// Components in the order their inputs need: keys first (the flow logs, buckets and
// cluster secrets are encrypted with them), then network, then the GPU cluster.
// NOTE: storage, audit, the workload roles and the workloads are not wired in yet.
const keys = new Keys("keys", { config, tags });
const network = new Network("network", { config, logsKeyArn: keys.logsKeyArn, tags });
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

export const clusterName = cluster.clusterName;
export const vpcId = network.vpcId;
export const keyArns = {
  datasets: keys.datasetsKeyArn,
  logs: keys.logsKeyArn,
  cluster: keys.clusterKeyArn,
};
export const nodeGroupNames = cluster.nodeGroupNames;
export const kubeconfig = pulumi.secret(cluster.kubeconfig);
/** The sizing decision, so `pulumi stack output sizing` and the offline plan can show it. */
export const sizing = plan;
