import { EC2 } from "./lib/tokens";
import type { StackControl } from "./types";

/** Services a private EKS cluster reaches without internet egress. */
const SERVICES = ["s3", "ecr.api", "ecr.dkr", "sts", "kms", "logs"];

export const ec2VpcPrivateEndpoints: StackControl = {
  id: "HC-NET-05",
  name: "ec2-vpc-private-endpoints",
  description:
    "Every VPC has endpoints for S3, ECR, STS, KMS and CloudWatch Logs, so workloads reach AWS without the internet.",
  severity: "medium",
  enforcementLevel: "advisory",
  clauses: { hipaa: ["164.312(e)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EC2.vpc],
  remediation:
    "Add a gateway endpoint for S3 and interface endpoints for ecr.api, ecr.dkr, sts, kms and logs.",
  scope: "stack",
  check: (vpc, context) => {
    const refs = [vpc.name, vpc.props.id, vpc.props.arn].filter((v) => typeof v === "string");
    const names = context.resources
      .filter((r) => r.type === EC2.vpcEndpoint && refs.includes(r.props.vpcId))
      .map((r) => String(r.props.serviceName));
    const missing = SERVICES.filter((s) => !names.some((n) => n.endsWith(`.${s}`)));
    if (missing.length === 0) return [];
    return [`VPC ${vpc.name} must have VPC endpoints for ${missing.join(", ")}.`];
  },
};
