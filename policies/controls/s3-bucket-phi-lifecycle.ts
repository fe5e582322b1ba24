import { bucketLabel, companionsOf } from "./lib/s3";
import { isRawPersonalData } from "./lib/tags";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

// biome-ignore lint/suspicious/noExplicitAny: lifecycle rules are untyped JSON
type Rule = Record<string, any>;

// Normalises the legacy inline rule and the companion rule to the three numbers checked.
function summary(rule: Rule) {
  const legacy = rule.enabled !== undefined;
  return {
    enabled: legacy ? rule.enabled === true : rule.status === "Enabled",
    expirationDays: (rule.expiration?.days ?? rule.expirations?.[0]?.days) as number | undefined,
    noncurrentDays: (legacy
      ? (rule.noncurrentVersionExpiration?.days ?? rule.noncurrentVersionExpirations?.[0]?.days)
      : rule.noncurrentVersionExpiration?.noncurrentDays) as number | undefined,
    abortDays: (legacy
      ? rule.abortIncompleteMultipartUploadDays
      : rule.abortIncompleteMultipartUpload?.daysAfterInitiation) as number | undefined,
  };
}

export const s3BucketPhiLifecycle: StackControl = {
  id: "HC-S3-09",
  name: "s3-bucket-phi-lifecycle",
  description:
    "Every raw PHI or PII bucket expires current objects within the maximum retention, expires old versions and aborts incomplete uploads.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.310(d)(2)(i)"], dpdp: ["s.8(7)", "Rule 8(1)"] },
  resourceTypes: S3.bucket,
  remediation:
    "Add a BucketLifecycleConfiguration rule with status Enabled, expiration.days at most the pack setting maxRawPhiRetentionDays, noncurrentVersionExpiration and abortIncompleteMultipartUpload. The hcft program sets expiration.days from the stack key hcft:retention.rawPhiDays.",
  scope: "stack",
  appliesTo: (bucket) => isRawPersonalData(bucket),
  check: (bucket, context) => {
    const limit = context.settings.maxRawPhiRetentionDays;
    const rules = [
      ...((bucket.props.lifecycleRules as Rule[] | undefined) ?? []),
      ...companionsOf(bucket, S3.lifecycle, context).flatMap(
        (c) => (c.props.rules as Rule[]) ?? [],
      ),
    ]
      .map(summary)
      .filter((r) => r.enabled);
    const label = bucketLabel(bucket);
    if (rules.length === 0)
      return [`Bucket ${label} must have an enabled lifecycle rule, but has none.`];
    const problems: string[] = [];
    const expiry = rules
      .map((r) => r.expirationDays)
      .filter((d): d is number => typeof d === "number");
    if (expiry.length === 0 || Math.min(...expiry) > limit) {
      problems.push(
        `current objects must expire within ${limit} days (found ${expiry.length === 0 ? "no expiration" : `${Math.min(...expiry)} days`})`,
      );
    }
    if (!rules.some((r) => typeof r.noncurrentDays === "number"))
      problems.push("noncurrent versions must expire");
    if (!rules.some((r) => typeof r.abortDays === "number"))
      problems.push("incomplete multipart uploads must be aborted");
    return problems.length === 0
      ? []
      : [`Bucket ${label} lifecycle is incomplete: ${problems.join("; ")}.`];
  },
};
