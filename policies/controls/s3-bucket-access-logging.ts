import { bucketLabel, bucketRefs, companionsOf, inline } from "./lib/s3";
import { isSensitive } from "./lib/tags";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

export const s3BucketAccessLogging: StackControl = {
  id: "HC-S3-08",
  name: "s3-bucket-access-logging",
  description:
    "Every bucket holding PHI, PII or de-identified data writes server access logs to a separate bucket.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"], dpdp: ["Rule 6(1)(c)"] },
  resourceTypes: S3.bucket,
  remediation: "Add a BucketLogging whose targetBucket is the dedicated access-log bucket.",
  scope: "stack",
  appliesTo: (bucket) => isSensitive(bucket),
  check: (bucket, context) => {
    const targets = [
      inline(bucket.props, "logging", "loggings")?.targetBucket,
      ...companionsOf(bucket, S3.logging, context).map((c) => c.props.targetBucket),
    ].filter((t): t is string => typeof t === "string" && t !== "");
    if (targets.length === 0) {
      return [
        `Bucket ${bucketLabel(bucket)} must write server access logs, but has no logging configuration.`,
      ];
    }
    const own = bucketRefs(bucket);
    if (targets.some((t) => !own.includes(t))) return [];
    return [`Bucket ${bucketLabel(bucket)} must log to a separate bucket, but logs to itself.`];
  },
};
