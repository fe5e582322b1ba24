import { EKS } from "./lib/tokens";
import type { ResourceControl } from "./types";

/** EC2 families with NVIDIA GPUs (P and G instances, for example p5.48xlarge or g6e.xlarge). */
const GPU_FAMILY = /^(p\d|g\d)/;

/** EKS-optimised AMI types that ship the NVIDIA driver (EKS API `amiType` values). */
const GPU_AMI_TYPES = [
  "AL2_x86_64_GPU",
  "AL2023_x86_64_NVIDIA",
  "BOTTLEROCKET_x86_64_NVIDIA",
  "BOTTLEROCKET_ARM_64_NVIDIA",
];

export const eksNodeGroupGpuAmi: ResourceControl = {
  id: "HC-EKS-08",
  name: "eks-nodegroup-gpu-ami",
  description:
    "Every node group on GPU instances uses an EKS-optimised AMI with the NVIDIA driver, so nodes get vendor-patched drivers.",
  severity: "medium",
  enforcementLevel: "advisory",
  clauses: { hipaa: ["164.308(a)(5)(ii)(B)"], dpdp: ["Rule 6(1)(g)"] },
  resourceTypes: [EKS.nodeGroup],
  remediation: `Set amiType to one of ${GPU_AMI_TYPES.join(", ")} for GPU instance types.`,
  scope: "resource",
  appliesTo: (group) =>
    ((group.props.instanceTypes as string[] | undefined) ?? []).some((t) => GPU_FAMILY.test(t)),
  check: (group) => {
    const ami = group.props.amiType as string | undefined;
    if (ami !== undefined && GPU_AMI_TYPES.includes(ami)) return [];
    return [
      `Node group ${group.name} runs GPU instances and must use a GPU AMI type, but amiType is ${ami ?? "unset"}.`,
    ];
  },
};
