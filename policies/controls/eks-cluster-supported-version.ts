import { SUPPORTED_EKS_VERSIONS } from "./lib/regulatory";
import { EKS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const eksClusterSupportedVersion: ResourceControl = {
  id: "HC-EKS-04",
  name: "eks-cluster-supported-version",
  description:
    "Every EKS cluster runs a Kubernetes version from the allowed list, so it keeps receiving security fixes.",
  severity: "medium",
  enforcementLevel: "advisory",
  clauses: { hipaa: ["164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(B)"], dpdp: ["Rule 6(1)(g)"] },
  resourceTypes: [EKS.cluster],
  remediation: `Set version to one of the pack setting allowedKubernetesVersions (default ${SUPPORTED_EKS_VERSIONS.join(", ")}) and upgrade before its standard support ends. The hcft program reads it from the stack key hcft:cluster.kubernetesVersion.`,
  scope: "resource",
  check: (cluster, settings) => {
    const version = cluster.props.version as string | undefined;
    if (version !== undefined && settings.allowedKubernetesVersions.includes(version)) return [];
    return [
      `EKS cluster ${cluster.name} must run one of ${settings.allowedKubernetesVersions.join(", ")}, but version is ${version ?? "unset"}.`,
    ];
  },
};
