import { EC2 } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const ec2SubnetNoPublicIp: ResourceControl = {
  id: "HC-NET-01",
  name: "ec2-subnet-no-public-ip",
  description: "No subnet assigns public IP addresses to the instances launched in it.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)", "164.312(e)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EC2.subnet],
  remediation: "Set mapPublicIpOnLaunch: false and reach AWS services through VPC endpoints.",
  scope: "resource",
  check: (subnet) =>
    subnet.props.mapPublicIpOnLaunch === true
      ? [
          `Subnet ${subnet.name} must not map public IPs on launch, but mapPublicIpOnLaunch is true.`,
        ]
      : [],
};
