import { isPublicAllow, statementsOf } from "./lib/docs";
import { KMS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const kmsKeyPolicyPrincipals: ResourceControl = {
  id: "HC-KMS-03",
  name: "kms-key-policy-principals",
  description:
    "Every KMS key has an explicit key policy that grants nothing to the anonymous principal and keeps the lockout safety check.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)", "164.308(a)(4)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [KMS.key, KMS.keyPolicy],
  remediation:
    "Write a key policy that names the administrator and user roles, and leave bypassPolicyLockoutSafetyCheck false.",
  scope: "resource",
  check: (key) => {
    const problems: string[] = [];
    if (key.props.bypassPolicyLockoutSafetyCheck === true)
      problems.push("bypassPolicyLockoutSafetyCheck is true");
    const statements = statementsOf(key.props.policy);
    if (statements === "invalid") problems.push("the policy is not valid JSON");
    else if (statements.length === 0) problems.push("there is no key policy");
    else if (statements.some(isPublicAllow))
      problems.push("a statement allows principal * without a condition");
    return problems.length === 0
      ? []
      : [`KMS key ${key.name} must have a restrictive key policy: ${problems.join("; ")}.`];
  },
};
