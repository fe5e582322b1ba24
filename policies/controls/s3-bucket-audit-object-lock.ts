import { MIN_LOG_RETENTION_DEFAULTS } from "./lib/regulatory";
import { bucketLabel, companionsOf, isAccessLogTarget } from "./lib/s3";
import { classificationOf } from "./lib/tags";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

// biome-ignore lint/suspicious/noExplicitAny: retention blocks are untyped JSON
function retentionDays(retention: Record<string, any> | undefined): number {
  if (retention === undefined) return 0;
  if (typeof retention.days === "number") return retention.days;
  // NOTE: a year counts as 365 days here, the lower bound S3 itself applies.
  if (typeof retention.years === "number") return retention.years * 365;
  return 0;
}

export const s3BucketAuditObjectLock: StackControl = {
  id: "HC-S3-10",
  name: "s3-bucket-audit-object-lock",
  description:
    "Every audit-log bucket other than a server access log target has S3 Object Lock with a default retention of at least the minimum log retention.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: {
    hipaa: ["164.312(b)", "164.312(c)(2)", "164.316(b)(2)(i)"],
    dpdp: ["Rule 6(1)(e)", "Rule 8(3)"],
  },
  resourceTypes: S3.bucket,
  remediation: `Create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration whose COMPLIANCE or GOVERNANCE default retention is at least the pack setting minLogRetentionDays (${MIN_LOG_RETENTION_DEFAULTS}). The hcft program sets that retention from the stack key hcft:retention.auditDays.`,
  scope: "stack",
  // S3 cannot deliver server access logs to a bucket with Object Lock enabled.
  appliesTo: (bucket, context) =>
    classificationOf(bucket) === "audit-logs" && !isAccessLogTarget(bucket, context),
  check: (bucket, context) => {
    const label = bucketLabel(bucket);
    const legacy = bucket.props.objectLockConfiguration;
    const enabled =
      bucket.props.objectLockEnabled === true || legacy?.objectLockEnabled === "Enabled";
    if (!enabled) return [`Bucket ${label} must be created with Object Lock enabled, but is not.`];
    const retentions = [
      legacy?.rule?.defaultRetention,
      ...companionsOf(bucket, S3.objectLock, context).map((c) => c.props.rule?.defaultRetention),
    ];
    const days = Math.max(0, ...retentions.map(retentionDays));
    const minimum = context.settings.minLogRetentionDays;
    if (days >= minimum) return [];
    return [
      `Bucket ${label} must keep locked objects at least ${minimum} days, but its default retention is ${days} days.`,
    ];
  },
};
