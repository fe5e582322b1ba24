import type { StackConfig } from "../config";
import type { SizingPlan } from "../sizing/types";

// Pure decisions about the cluster's node groups: which pools exist, their AMI type,
// scaling bounds, labels, taints and root volume size. The component only wires them.

/** Role of a node group; also the value of its `hcft.io/pool` label. */
export type NodePool = "system" | "training" | "serving";

/** Label that names the pool a node belongs to. */
export const poolLabel = "hcft.io/pool";

/** Label set on GPU nodes only; the device plugin and GPU workloads select on it. */
export const gpuPresentLabel = "nvidia.com/gpu.present";

/** Extended resource name of NVIDIA GPUs, also the key of the GPU taint. */
export const gpuResource = "nvidia.com/gpu";

/** EKS AMI type for GPU nodes: Amazon Linux 2023 with the NVIDIA driver and container toolkit. */
export const gpuAmiType = "AL2023_x86_64_NVIDIA";

/** EKS AMI type for the CPU-only system nodes. */
export const systemAmiType = "AL2023_x86_64_STANDARD";

/** AMI types that carry the NVIDIA driver, per the EKS node group AmiType enum. */
export const nvidiaAmiTypes = ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA"] as const;

// Small on-demand general-purpose nodes for CoreDNS, the Pod Identity agent and other
// system pods; two nodes so a node replacement never takes DNS down.
const systemInstanceType = "m6i.large";
const systemNodeCount = 2;
const systemRootVolumeGiB = 50;

/** Taint as the EKS node group API spells it. */
export interface NodeTaint {
  key: string;
  value?: string;
  effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** Everything the component needs to create one managed node group and its launch template. */
export interface NodeGroupSpec {
  pool: NodePool;
  instanceType: string;
  amiType: string;
  gpu: boolean;
  minSize: number;
  maxSize: number;
  desiredSize: number;
  labels: Record<string, string>;
  taints: NodeTaint[];
  rootVolumeGiB: number;
}

// Space the OS, the kubelet and the unpacked container images take on the root volume.
// The vLLM and trainer images are each about 10-20 GiB unpacked, and containerd keeps the
// compressed layers too, so this is an allowance, not a measurement.
const imageAllowanceGiB = 80;
const maxGp3VolumeGiB = 16_384;

/**
 * Decides the root volume of a GPU node from the model's bf16 weights. Pods copy the
 * weights into emptyDir volumes, which live on the root volume. Full fine-tuning keeps
 * the base copy, one checkpoint (the weights plus two fp32 Adam moments, about 5x the
 * bf16 weights) and the final weights: 7 copies. LoRA and QLoRA add small adapters to
 * one base copy, and serving keeps one copy. The total gets 20% margin, rounded up to
 * 10 GiB.
 */
export function decideRootVolumeGiB(
  modelWeightsGiB: number,
  pool: "training" | "serving",
  method: StackConfig["training"]["method"],
): number {
  if (!Number.isFinite(modelWeightsGiB) || modelWeightsGiB <= 0) {
    throw new Error(
      `modelWeightsGiB must be a positive number of GiB (got ${modelWeightsGiB}); ` +
        "check the sizing plan's model catalog entry",
    );
  }
  let weightCopies = 1.1;
  if (pool === "training") weightCopies = method === "full" ? 7 : 1.5;
  const needed = (imageAllowanceGiB + modelWeightsGiB * weightCopies) * 1.2;
  const rounded = Math.ceil(needed / 10) * 10;
  if (rounded > maxGp3VolumeGiB) {
    throw new Error(
      `the ${pool} root volume needs ${rounded} GiB, above the gp3 maximum of ` +
        `${maxGp3VolumeGiB} GiB; use a smaller model or LoRA instead of full fine-tuning`,
    );
  }
  return rounded;
}

/** Rejects an AMI type without the NVIDIA driver on a GPU node group. */
export function validateGpuAmiType(pool: NodePool, amiType: string): void {
  if (!(nvidiaAmiTypes as readonly string[]).includes(amiType)) {
    throw new Error(
      `node group "${pool}" runs GPU instances but has AMI type ${amiType}; ` +
        `use one of ${nvidiaAmiTypes.join(", ")} so the NVIDIA driver is installed`,
    );
  }
}

function gpuNodeGroup(
  pool: "training" | "serving",
  instanceType: string,
  scaling: { minSize: number; maxSize: number; desiredSize: number },
  rootVolumeGiB: number,
): NodeGroupSpec {
  validateGpuAmiType(pool, gpuAmiType);
  return {
    pool,
    instanceType,
    amiType: gpuAmiType,
    gpu: true,
    ...scaling,
    labels: { [poolLabel]: pool, [gpuPresentLabel]: "true" },
    // Only pods that tolerate the taint (GPU workloads, the device plugin, DaemonSet
    // addons that tolerate everything) land on the expensive GPU nodes.
    taints: [{ key: gpuResource, value: "true", effect: "NO_SCHEDULE" }],
    rootVolumeGiB,
  };
}

/**
 * Decides the node groups from the sizing plan. The system pool is fixed. The training
 * pool can scale to zero (minimum 0, maximum the plan's node count). When serving is
 * enabled, the serving pool has one set of nodes per replica.
 */
export function decideNodeGroups(config: StackConfig, sizing: SizingPlan): NodeGroupSpec[] {
  const method = config.training.method;
  const system: NodeGroupSpec = {
    pool: "system",
    instanceType: systemInstanceType,
    amiType: systemAmiType,
    gpu: false,
    minSize: systemNodeCount,
    maxSize: systemNodeCount + 1,
    desiredSize: systemNodeCount,
    labels: { [poolLabel]: "system" },
    taints: [],
    rootVolumeGiB: systemRootVolumeGiB,
  };
  const trainingNodes = sizing.training.instance.nodeCount;
  if (!Number.isInteger(trainingNodes) || trainingNodes < 1) {
    throw new Error(
      `sizing.training.instance.nodeCount must be a positive integer (got ${trainingNodes})`,
    );
  }

  // NOTE: desiredSize starts at the plan's node count so the training Job can schedule.
  // Scaling back to zero after the run needs Cluster Autoscaler, which this program does
  // not install, or a manual scale-down. The component ignores later desiredSize drift.
  const training = gpuNodeGroup(
    "training",
    sizing.training.instance.instanceType,
    { minSize: 0, maxSize: trainingNodes, desiredSize: trainingNodes },
    decideRootVolumeGiB(sizing.modelWeightsGiB, "training", method),
  );
  const groups = [system, training];
  if (config.serving.enabled && sizing.serving) {
    const nodes = sizing.serving.instance.nodeCount * config.serving.replicas;
    groups.push(
      gpuNodeGroup(
        "serving",
        sizing.serving.instance.instanceType,
        { minSize: nodes, maxSize: nodes, desiredSize: nodes },
        decideRootVolumeGiB(sizing.modelWeightsGiB, "serving", method),
      ),
    );
  }
  return groups;
}
