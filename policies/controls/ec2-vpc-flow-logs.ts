import { EC2 } from "./lib/tokens";
import type { StackControl } from "./types";

export const ec2VpcFlowLogs: StackControl = {
  id: "HC-LOG-05",
  name: "ec2-vpc-flow-logs",
  description: "Every VPC records flow logs for accepted and rejected traffic.",
  severity: "medium",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"], dpdp: ["Rule 6(1)(c)"] },
  resourceTypes: [EC2.vpc],
  remediation: "Add an aws.ec2.FlowLog with vpcId set to the VPC and trafficType ALL.",
  scope: "stack",
  check: (vpc, context) => {
    const refs = [vpc.name, vpc.props.id, vpc.props.arn].filter((v) => typeof v === "string");
    const logs = context.resources.filter(
      (r) => r.type === EC2.flowLog && refs.includes(r.props.vpcId),
    );
    if (logs.some((l) => l.props.trafficType === "ALL")) return [];
    const found =
      logs.length === 0
        ? "no flow log"
        : `trafficType ${logs.map((l) => l.props.trafficType).join(", ")}`;
    return [`VPC ${vpc.name} must have a flow log with trafficType ALL, but has ${found}.`];
  },
};
