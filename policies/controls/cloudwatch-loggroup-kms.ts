import { LOGS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const cloudwatchLogGroupKms: ResourceControl = {
  id: "HC-LOG-04",
  name: "cloudwatch-loggroup-kms",
  description: "Every CloudWatch log group is encrypted with a customer-managed KMS key.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(2)(iv)", "164.312(b)"], dpdp: ["Rule 6(1)(a)"] },
  resourceTypes: [LOGS.logGroup],
  remediation:
    "Set kmsKeyId to the ARN of a customer-managed key whose policy allows CloudWatch Logs.",
  scope: "resource",
  check: (group) => {
    const key = group.props.kmsKeyId;
    if (typeof key === "string" && key !== "") return [];
    return [
      `Log group ${group.name} must be encrypted with a customer-managed KMS key, but kmsKeyId is not set.`,
    ];
  },
};
