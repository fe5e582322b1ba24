import { LOGS } from "./lib/tokens";
import type { ResourceControl } from "./types";

const REQUIRED: [string, string][] = [
  ["isMultiRegionTrail", "isMultiRegionTrail true"],
  ["includeGlobalServiceEvents", "includeGlobalServiceEvents true"],
  ["enableLogFileValidation", "enableLogFileValidation true"],
];

export const cloudtrailTrailHardened: ResourceControl = {
  id: "HC-LOG-01",
  name: "cloudtrail-trail-hardened",
  description:
    "Every CloudTrail trail covers all regions and global services, validates log files, encrypts with KMS and sends events to CloudWatch Logs.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: {
    hipaa: ["164.312(b)", "164.312(c)(2)", "164.308(a)(1)(ii)(D)"],
    dpdp: ["Rule 6(1)(c)"],
  },
  resourceTypes: [LOGS.trail],
  remediation:
    "Set isMultiRegionTrail, includeGlobalServiceEvents and enableLogFileValidation to true, kmsKeyId to a customer-managed key and cloudWatchLogsGroupArn with its role.",
  scope: "resource",
  check: (trail) => {
    const props = trail.props;
    const missing = REQUIRED.filter(([key]) => props[key] !== true).map(([, text]) => text);
    for (const key of ["kmsKeyId", "cloudWatchLogsGroupArn"]) {
      if (typeof props[key] !== "string" || props[key] === "") missing.push(`${key} set`);
    }
    return missing.length === 0 ? [] : [`Trail ${trail.name} must have ${missing.join(", ")}.`];
  },
};
