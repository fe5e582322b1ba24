import { EC2 } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const ec2DefaultSecurityGroupClosed: ResourceControl = {
  id: "HC-NET-04",
  name: "ec2-default-securitygroup-closed",
  description: "The default security group of every VPC has no inbound or outbound rules.",
  severity: "medium",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(e)(1)", "164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EC2.defaultSecurityGroup],
  remediation: "Manage the default security group with empty ingress and egress lists.",
  scope: "resource",
  check: (group) => {
    const ingress = (group.props.ingress as unknown[] | undefined) ?? [];
    const egress = (group.props.egress as unknown[] | undefined) ?? [];
    if (ingress.length === 0 && egress.length === 0) return [];
    return [
      `Default security group ${group.name} must have no rules, but has ${ingress.length} ingress and ${egress.length} egress rules.`,
    ];
  },
};
