import { MIN_LOG_RETENTION_DEFAULTS } from "./lib/regulatory";
import { LOGS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const cloudwatchLogGroupRetention: ResourceControl = {
  id: "HC-LOG-03",
  name: "cloudwatch-loggroup-retention",
  description: "Every CloudWatch log group keeps events for at least the minimum log retention.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(b)", "164.316(b)(2)(i)"], dpdp: ["Rule 6(1)(e)", "Rule 8(3)"] },
  resourceTypes: [LOGS.logGroup],
  remediation: `Set the stack key hcft:retention.logDays, or retentionInDays on the log group, to a CloudWatch-accepted value (such as 2192 or 3653) of at least the pack setting minLogRetentionDays (${MIN_LOG_RETENTION_DEFAULTS}). A retentionInDays of 0 also passes, because events then never expire.`,
  scope: "resource",
  check: (group, settings) => {
    const days = group.props.retentionInDays as number | undefined;
    // 0 means the events never expire.
    if (days === 0) return [];
    if (typeof days === "number" && days >= settings.minLogRetentionDays) return [];
    const found =
      days === undefined ? "unset (events never expire only if set to 0)" : `${days} days`;
    return [
      `Log group ${group.name} must keep events at least ${settings.minLogRetentionDays} days, but retentionInDays is ${found}.`,
    ];
  },
};
