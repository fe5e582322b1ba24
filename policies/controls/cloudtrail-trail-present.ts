import { isBucket } from "./lib/s3";
import { isSensitive } from "./lib/tags";
import { LOGS } from "./lib/tokens";
import type { EnvironmentControl } from "./types";

export const cloudtrailTrailPresent: EnvironmentControl = {
  id: "HC-LOG-07",
  name: "cloudtrail-trail-present",
  description:
    "A stack that stores PHI, PII or de-identified data defines a multi-region CloudTrail trail.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"], dpdp: ["Rule 6(1)(c)"] },
  resourceTypes: [LOGS.trail],
  remediation: "Add an aws.cloudtrail.Trail with isMultiRegionTrail: true to the program.",
  scope: "environment",
  appliesTo: (context) => context.resources.some((r) => isBucket(r) && isSensitive(r)),
  check: (context) => {
    const trails = context.resources.filter((r) => r.type === LOGS.trail);
    if (trails.some((t) => t.props.isMultiRegionTrail === true)) return [];
    return [
      "The stack must define a multi-region CloudTrail trail because it stores personal data, but it has none.",
    ];
  },
};
