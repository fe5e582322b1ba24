import { isBucket } from "./lib/s3";
import { isSensitive } from "./lib/tags";
import { LOGS } from "./lib/tokens";
import type { EnvironmentControl } from "./types";

export const cloudtrailTrailPresent: EnvironmentControl = {
  id: "HC-LOG-07",
  name: "cloudtrail-trail-present",
  description: "A stack that stores PHI, PII or de-identified data defines a CloudTrail trail.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"], dpdp: ["Rule 6(1)(c)"] },
  resourceTypes: [LOGS.trail],
  remediation: "Add an aws.cloudtrail.Trail with isMultiRegionTrail: true to the program.",
  scope: "environment",
  appliesTo: (context) => context.resources.some((r) => isBucket(r) && isSensitive(r)),
  check: (context) => {
    if (context.resources.some((r) => r.type === LOGS.trail)) return [];
    return [
      "The stack must define a CloudTrail trail because it stores personal data, but it has none.",
    ];
  },
};
