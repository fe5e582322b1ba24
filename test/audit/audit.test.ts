import { beforeAll, describe, expect, test } from "vitest";
import { makeStackConfig, outputValue, settle, setupMocks } from "../helpers/mocks";

const mocks = setupMocks({ region: "ap-south-1", accountId: "111122223333" });
const logsKeyArn = "arn:aws:kms:ap-south-1:111122223333:key/logs";

let trail: InstanceType<typeof import("../../infra/audit")["AuditTrail"]>;

beforeAll(async () => {
  const audit = await import("../../infra/audit/index.js");
  trail = new audit.AuditTrail("audit", {
    config: makeStackConfig({
      region: "ap-south-1",
      compliance: { profiles: ["dpdp"], dataResidency: "IN" },
    }),
    auditBucketName: "audit-bucket",
    rawBucketArn: "arn:aws:s3:::raw-bucket",
    deidentifiedBucketArn: "arn:aws:s3:::deid-bucket",
    logsKeyArn,
    tags: { project: "hcft" },
  });
  await settle();
});

describe("AuditTrail trail", () => {
  test("multi-region with validation and KMS", () => {
    const inputs = mocks.named("audit-trail").inputs;
    expect(inputs.name).toBe("hcft-test");
    expect(inputs.isMultiRegionTrail).toBe(true);
    expect(inputs.includeGlobalServiceEvents).toBe(true);
    expect(inputs.enableLogFileValidation).toBe(true);
    expect(inputs.enableLogging).toBe(true);
    expect(inputs.kmsKeyId).toBe(logsKeyArn);
  });

  test("delivers to the audit bucket and logs", () => {
    const inputs = mocks.named("audit-trail").inputs;
    const group = mocks.named("audit-trail-logs");
    expect(inputs.s3BucketName).toBe("audit-bucket");
    expect(inputs.s3KeyPrefix).toBe("cloudtrail");
    expect(inputs.cloudWatchLogsGroupArn).toBe(`${group.state.arn}:*`);
    expect(inputs.cloudWatchLogsRoleArn).toBe(mocks.named("audit-trail-delivery").state.arn);
  });

  test("S3 data events on both PHI buckets", () => {
    const selectors = mocks.named("audit-trail").inputs.advancedEventSelectors;
    const data = selectors.find((s: { name: string }) => s.name === "PHI object reads and writes");
    const fields = Object.fromEntries(
      data.fieldSelectors.map((f: { field: string }) => [f.field, f]),
    );
    expect(fields.eventCategory.equals).toEqual(["Data"]);
    expect(fields["resources.type"].equals).toEqual(["AWS::S3::Object"]);
    expect(fields["resources.ARN"].startsWiths).toEqual([
      "arn:aws:s3:::raw-bucket/",
      "arn:aws:s3:::deid-bucket/",
    ]);
    // Without a readOnly field both reads and writes are recorded.
    expect(fields.readOnly).toBeUndefined();
  });

  test("management events recorded", () => {
    const selectors = mocks.named("audit-trail").inputs.advancedEventSelectors;
    expect(selectors[0].fieldSelectors).toEqual([
      { field: "eventCategory", equals: ["Management"] },
    ]);
  });

  test("delivery role trusts only this trail", () => {
    const trust = JSON.parse(mocks.named("audit-trail-delivery").inputs.assumeRolePolicy);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      "aws:SourceAccount": "111122223333",
      "aws:SourceArn": "arn:aws:cloudtrail:ap-south-1:111122223333:trail/hcft-test",
    });
  });
});

describe("AuditTrail log group", () => {
  test("encrypted with retention from profile", () => {
    const inputs = mocks.named("audit-trail-logs").inputs;
    expect(inputs.kmsKeyId).toBe(logsKeyArn);
    expect(inputs.retentionInDays).toBe(365);
    expect(inputs.tags["retention-days"]).toBe("365");
  });
});

describe("AuditTrail alarms", () => {
  const expectedAlarms = [
    "unauthorized-api-calls",
    "console-signin-without-mfa",
    "root-user-activity",
    "iam-policy-changes",
    "cloudtrail-changes",
    "kms-key-disable-or-deletion",
    "bucket-policy-changes",
    "security-group-changes",
  ];

  test("a filter and alarm per event", () => {
    const filters = mocks.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
    expect(filters.map((f) => f.inputs.metricTransformation.name)).toEqual(expectedAlarms);
    for (const filter of filters) {
      expect(filter.inputs.logGroupName).toBe(mocks.named("audit-trail-logs").state.name);
      expect(filter.inputs.metricTransformation.namespace).toBe("hcft/test/security");
    }
    const alarms = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((a) => a.inputs.metricName)).toEqual(expectedAlarms);
  });

  test("alarms fire on one match", () => {
    const topicArn = mocks.named("audit-alarms").state.arn;
    for (const alarm of mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
      expect(alarm.inputs.threshold).toBe(1);
      expect(alarm.inputs.comparisonOperator).toBe("GreaterThanOrEqualToThreshold");
      expect(alarm.inputs.statistic).toBe("Sum");
      expect(alarm.inputs.alarmActions).toEqual([topicArn]);
    }
  });

  test("filter patterns match their events", () => {
    const pattern = (id: string) => mocks.named(`audit-${id}`).inputs.pattern as string;
    expect(pattern("kms-key-disable-or-deletion")).toContain("ScheduleKeyDeletion");
    expect(pattern("kms-key-disable-or-deletion")).toContain("DisableKey");
    expect(pattern("bucket-policy-changes")).toContain("($.eventName = PutBucketPolicy)");
    expect(pattern("bucket-policy-changes")).toContain("($.eventName = DeleteBucketPolicy)");
    expect(pattern("console-signin-without-mfa")).toContain(
      '$.additionalEventData.MFAUsed != "Yes"',
    );
    expect(pattern("unauthorized-api-calls")).toContain('"AccessDenied*"');
    expect(pattern("cloudtrail-changes")).toContain("($.eventName = StopLogging)");
    expect(pattern("iam-policy-changes")).toContain("($.eventName = AttachRolePolicy)");
    expect(pattern("security-group-changes")).toContain(
      "($.eventName = AuthorizeSecurityGroupIngress)",
    );
    expect(pattern("kms-key-disable-or-deletion")).toBe(
      "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
    );
  });

  test("topic encrypted with the logs key", () => {
    expect(mocks.named("audit-alarms").inputs.kmsMasterKeyId).toBe(logsKeyArn);
    const policy = JSON.parse(mocks.named("audit-alarms-policy").inputs.policy);
    expect(policy.Statement[0].Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
  });

  test("outputs", async () => {
    expect(await outputValue(trail.alarmTopicArn)).toBe(mocks.named("audit-alarms").state.arn);
    expect(await outputValue(trail.logGroupName)).toBe("/hcft/test/cloudtrail");
  });
});
