import { EC2 } from "./lib/tokens";
import type { ResourceControl } from "./types";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

// biome-ignore lint/suspicious/noExplicitAny: rules are untyped JSON
function openCidrs(rule: Record<string, any>): string[] {
  const cidrs = [
    ...((rule.cidrBlocks as string[]) ?? []),
    ...((rule.ipv6CidrBlocks as string[]) ?? []),
    rule.cidrIpv4,
    rule.cidrIpv6,
  ];
  return cidrs.filter((c): c is string => typeof c === "string" && ANYWHERE.includes(c));
}

export const ec2SecurityGroupNoOpenIngress: ResourceControl = {
  id: "HC-NET-03",
  name: "ec2-securitygroup-no-open-ingress",
  description: "No security group accepts inbound traffic from 0.0.0.0/0 or ::/0 on any port.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(e)(1)", "164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EC2.securityGroup, EC2.securityGroupRule, EC2.ingressRule],
  remediation: "Allow ingress only from the VPC CIDR or from other security groups.",
  scope: "resource",
  check: (resource) => {
    const props = resource.props;
    // biome-ignore lint/suspicious/noExplicitAny: rules are untyped JSON
    let rules: Record<string, any>[] = [];
    if (resource.type === EC2.securityGroup) rules = props.ingress ?? [];
    else if (resource.type === EC2.securityGroupRule)
      rules = props.type === "ingress" ? [props] : [];
    else rules = [props];
    const open = rules.flatMap(openCidrs);
    if (open.length === 0) return [];
    return [`${resource.name} must not allow ingress from ${[...new Set(open)].join(" or ")}.`];
  },
};
