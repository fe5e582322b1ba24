import type { StackConfig } from "../config";

// Retention periods for logs and audit records, from the stack's compliance profiles.
//
// - HIPAA, 45 CFR 164.316(b)(2)(i): documentation is kept six years from creation or the
//   date it was last in effect. 2,192 days is six years including two leap days.
// - DPDP Rules 2025, Rule 6(1)(e) and Rule 8(3): logs and traffic data are kept at least
//   one year, so 365 days is the floor when the dpdp profile is on.

export const hipaaRetentionDays = 2192;
export const dpdpMinimumRetentionDays = 365;

// CloudWatch Logs accepts only these retention values (the `retentionInDays` docs of
// @pulumi/aws 7.48 `cloudwatch.LogGroup`). A configured value is rounded up to the next one.
export const cloudWatchRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** Returns the shortest retention that satisfies every active compliance profile, in days. */
export function minimumRetentionDays(config: StackConfig): number {
  const profiles = config.compliance.profiles;
  let floor = 1;
  if (profiles.includes("hipaa")) floor = Math.max(floor, hipaaRetentionDays);
  if (profiles.includes("dpdp")) floor = Math.max(floor, dpdpMinimumRetentionDays);
  return floor;
}

/**
 * Decides the retention of log groups in days: the configured `retention.logDays`, else
 * the profile minimum. Throws when the configured value is below what a profile requires.
 */
export function decideLogRetentionDays(config: StackConfig): number {
  return decideRetention(config, config.retention.logDays, "retention.logDays");
}

/** Decides the Object Lock retention of the audit bucket, in days (same rules as logs). */
export function decideAuditRetentionDays(config: StackConfig): number {
  return decideRetention(config, config.retention.auditDays, "retention.auditDays");
}

function decideRetention(config: StackConfig, configured: number | undefined, key: string): number {
  const floor = minimumRetentionDays(config);
  const days = configured ?? floor;
  if (days < floor) {
    throw new Error(
      `hcft:${key} is ${days} days, below the ${floor} days that profiles ${config.compliance.profiles.join(", ")} require; raise it to ${floor} or more`,
    );
  }
  return days;
}

/** Rounds a retention up to a value CloudWatch Logs accepts (at most 3,653 days). */
export function toCloudWatchRetention(days: number): number {
  const accepted = cloudWatchRetentionDays.find((d) => d >= days);
  if (accepted === undefined) {
    throw new Error(`log retention ${days} days exceeds the CloudWatch Logs maximum of 3653`);
  }
  return accepted;
}
