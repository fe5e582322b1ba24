import { classificationOf, isSensitive } from "./lib/tags";
import { S3 } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const s3BucketProtected: ResourceControl = {
  id: "HC-S3-12",
  name: "s3-bucket-protected",
  description:
    "Every bucket holding PHI, PII, de-identified data or audit logs has the Pulumi protect option, so no update can delete or replace it.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.310(d)(2)(iv)", "164.312(c)(1)"], dpdp: ["Rule 6(1)(d)"] },
  resourceTypes: S3.bucket,
  remediation:
    "Pass { protect: true } (and retainOnDelete: true) in the bucket's resource options.",
  scope: "resource",
  appliesTo: (bucket) => isSensitive(bucket) || classificationOf(bucket) === "audit-logs",
  check: (bucket) =>
    bucket.opts.protect === true
      ? []
      : [
          `Bucket ${bucket.name} must be protected from deletion and replacement, but protect is false.`,
        ],
};
