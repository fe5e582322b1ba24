import { EKS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const eksNodeGroupNoRemoteAccess: ResourceControl = {
  id: "HC-EKS-05",
  name: "eks-nodegroup-no-remote-access",
  description: "No EKS node group opens SSH remote access to its nodes.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EKS.nodeGroup],
  remediation: "Remove remoteAccess and use SSM Session Manager for node access.",
  scope: "resource",
  check: (group) =>
    group.props.remoteAccess === undefined || group.props.remoteAccess === null
      ? []
      : [
          `Node group ${group.name} must not set remoteAccess (SSH key ${group.props.remoteAccess.ec2SshKey ?? "unnamed"}).`,
        ],
};
