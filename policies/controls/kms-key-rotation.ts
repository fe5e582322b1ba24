import { KMS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const kmsKeyRotation: ResourceControl = {
  id: "HC-KMS-01",
  name: "kms-key-rotation",
  description: "Every customer-managed KMS key rotates its key material automatically.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(2)(iv)"], dpdp: ["Rule 6(1)(a)"] },
  resourceTypes: [KMS.key],
  remediation: "Set enableKeyRotation: true on the key.",
  scope: "resource",
  check: (key) =>
    key.props.enableKeyRotation === true
      ? []
      : [
          `KMS key ${key.name} must have enableKeyRotation true, but it is ${String(key.props.enableKeyRotation ?? "unset")}.`,
        ],
};
