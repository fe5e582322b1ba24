import { EKS } from "./lib/tokens";
import type { ResourceControl } from "./types";

const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksClusterControlPlaneLogs: ResourceControl = {
  id: "HC-EKS-03",
  name: "eks-cluster-control-plane-logs",
  description: "Every EKS cluster sends all five control-plane log types to CloudWatch Logs.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: {
    hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"],
    dpdp: ["Rule 6(1)(c)", "Rule 6(1)(e)"],
  },
  resourceTypes: [EKS.cluster],
  remediation: `Set enabledClusterLogTypes to ${LOG_TYPES.join(", ")}.`,
  scope: "resource",
  check: (cluster) => {
    const enabled = (cluster.props.enabledClusterLogTypes as string[] | undefined) ?? [];
    const missing = LOG_TYPES.filter((t) => !enabled.includes(t));
    return missing.length === 0
      ? []
      : [`EKS cluster ${cluster.name} must enable control-plane logs ${missing.join(", ")}.`];
  },
};
