import { EKS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const eksClusterPrivateEndpoint: ResourceControl = {
  id: "HC-EKS-01",
  name: "eks-cluster-private-endpoint",
  description: "Every EKS cluster serves its API only on a private endpoint inside the VPC.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)", "164.312(e)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EKS.cluster],
  remediation:
    "Set vpcConfig.endpointPrivateAccess: true and vpcConfig.endpointPublicAccess: false.",
  scope: "resource",
  check: (cluster) => {
    const vpc = cluster.props.vpcConfig ?? {};
    const problems: string[] = [];
    if (vpc.endpointPrivateAccess !== true) problems.push("endpointPrivateAccess is not true");
    // The EKS API makes the endpoint public when endpointPublicAccess is absent.
    if (vpc.endpointPublicAccess !== false) problems.push("endpointPublicAccess is not false");
    return problems.length === 0
      ? []
      : [
          `EKS cluster ${cluster.name} must have a private API endpoint only: ${problems.join(", ")}.`,
        ];
  },
};
