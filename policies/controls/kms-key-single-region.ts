import { KMS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const kmsKeySingleRegion: ResourceControl = {
  id: "HC-KMS-04",
  name: "kms-key-single-region",
  description:
    "No KMS key is multi-Region, so key material cannot be replicated to a region outside the allowed ones.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(2)(iv)"], dpdp: ["s.16", "Rule 15"] },
  resourceTypes: [KMS.key],
  remediation: "Remove multiRegion: true and create one key per region instead.",
  scope: "resource",
  check: (key) =>
    key.props.multiRegion === true
      ? [`KMS key ${key.name} must be single-Region, but multiRegion is true.`]
      : [],
};
