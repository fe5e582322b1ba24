import { LOGS } from "./lib/tokens";
import type { CheckedResource, StackControl } from "./types";

// Events whose alarms let the breach clock start on time: DPDP Rules 2025 Rule 7(2) requires
// a detailed report to the Board within 72 hours, HIPAA 164.404(b) for notice within 60 days.
// Each entry is the event and API names a metric filter pattern must mention (any of them).
const EVENTS: [string, string[]][] = [
  ["unauthorized API calls", ["UnauthorizedOperation", "AccessDenied"]],
  ["root account use", ["Root"]],
  ["IAM policy changes", ["PutRolePolicy", "AttachRolePolicy", "CreatePolicy"]],
  ["CloudTrail changes", ["StopLogging", "DeleteTrail", "UpdateTrail"]],
  ["KMS key disabling or deletion", ["DisableKey", "ScheduleKeyDeletion"]],
  ["S3 bucket policy changes", ["PutBucketPolicy", "DeleteBucketPolicy"]],
  ["security group changes", ["AuthorizeSecurityGroupIngress", "CreateSecurityGroup"]],
];

function alarmed(filter: CheckedResource, alarms: CheckedResource[]): boolean {
  const transformation = filter.props.metricTransformation;
  const metrics =
    transformation === undefined ? [] : [`${transformation.namespace}/${transformation.name}`];
  return alarms.some(
    (a) =>
      metrics.includes(`${a.props.namespace}/${a.props.metricName}`) &&
      Array.isArray(a.props.alarmActions) &&
      a.props.alarmActions.length > 0,
  );
}

export const cloudwatchAlarmSecurityEvents: StackControl = {
  id: "HC-LOG-06",
  name: "cloudwatch-alarm-security-events",
  description:
    "The CloudTrail log group of every trail has metric filters with alarms that notify someone for each security-relevant event.",
  severity: "medium",
  enforcementLevel: "advisory",
  clauses: { hipaa: ["164.308(a)(5)(ii)(C)", "164.308(a)(6)(ii)"], dpdp: ["s.8(6)", "Rule 7"] },
  resourceTypes: [LOGS.trail],
  remediation:
    "Add a LogMetricFilter on the trail's log group for each listed event and a MetricAlarm on its metric with an alarmActions target such as an SNS topic.",
  scope: "stack",
  check: (trail, context) => {
    const filters = context.resources.filter((r) => r.type === LOGS.metricFilter);
    const alarms = context.resources.filter((r) => r.type === LOGS.metricAlarm);
    const groupArn = String(trail.props.cloudWatchLogsGroupArn ?? "");
    const own = filters.filter(
      (f) =>
        groupArn.includes(`:log-group:${f.props.logGroupName}:`) ||
        groupArn.endsWith(`:log-group:${f.props.logGroupName}`),
    );
    const missing = EVENTS.filter(
      ([, names]) =>
        !own.some(
          (f) => names.some((n) => String(f.props.pattern).includes(n)) && alarmed(f, alarms),
        ),
    ).map(([event]) => event);
    if (missing.length === 0) return [];
    return [`Trail ${trail.name} must have alarmed metric filters for ${missing.join(", ")}.`];
  },
};
