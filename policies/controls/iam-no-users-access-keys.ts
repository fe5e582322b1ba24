import { IAM } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const iamNoUsersAccessKeys: ResourceControl = {
  id: "HC-IAM-02",
  name: "iam-no-users-access-keys",
  description:
    "The program creates no IAM users, access keys, user policies or console passwords; people and workloads use roles.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.308(a)(4)", "164.312(d)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [IAM.user, IAM.accessKey, IAM.userPolicy, IAM.loginProfile],
  remediation: "Replace the user with an IAM role assumed through SSO or EKS Pod Identity.",
  scope: "resource",
  check: (resource) => [
    `${resource.name} must not be created: long-lived IAM users and keys are not allowed (${resource.type}).`,
  ],
};
