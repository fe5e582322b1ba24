import { isPublicAllow, statementsOf } from "./lib/docs";
import { S3 } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const s3BucketPolicyNoPublicPrincipal: ResourceControl = {
  id: "HC-S3-05",
  name: "s3-bucketpolicy-no-public-principal",
  description:
    "No S3 bucket policy allows the anonymous principal `*` without a condition that narrows it.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [...S3.policy, ...S3.bucket],
  remediation:
    "Name the IAM roles that need access as principals, or add a condition such as aws:PrincipalOrgID or aws:SourceVpce.",
  scope: "resource",
  check: (resource) => {
    const statements = statementsOf(resource.props.policy);
    if (statements === "invalid")
      return [`${resource.name} must have a JSON bucket policy, but it does not parse.`];
    const open = statements.filter(isPublicAllow);
    if (open.length === 0) return [];
    const actions = open.flatMap((s) => s.actions).join(", ");
    return [
      `${resource.name} must not allow principal * without a condition, but allows ${actions}.`,
    ];
  },
};
