import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import { policyDocument } from "../security/documents";
import { bucketPrefixes } from "../storage/layout";
import { securityAlarms, securityMetricNamespace } from "./alarms";
import { decideLogRetentionDays, toCloudWatchRetention } from "./retention";
import { trailArn, trailName } from "./trail-policy";

export * from "./alarms";
export * from "./retention";
export * from "./trail-policy";

export interface AuditTrailArgs {
  config: StackConfig;
  /** The audit bucket; its policy must already admit this trail. */
  auditBucketName: pulumi.Input<string>;
  rawBucketArn: pulumi.Input<string>;
  deidentifiedBucketArn: pulumi.Input<string>;
  logsKeyArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

/**
 * The audit trail: a multi-region CloudTrail with log file validation, encrypted with the
 * logs key, delivered to the audit bucket and to CloudWatch Logs, recording every read
 * and write of objects in the PHI buckets. Security alarms on its log group publish to an
 * encrypted SNS topic.
 */
export class AuditTrail extends pulumi.ComponentResource {
  readonly trailArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:audit:AuditTrail", name, {}, opts);
    const { config } = args;
    const parent = { parent: this };
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const sourceTrailArn = accountId.apply((id) => trailArn(config.region, id, config.environment));
    const retentionDays = toCloudWatchRetention(decideLogRetentionDays(config));

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-trail-logs`,
      {
        name: `/hcft/${config.environment}/cloudtrail`,
        retentionInDays: retentionDays,
        kmsKeyId: args.logsKeyArn,
        tags: {
          ...args.tags,
          "data-classification": "audit-logs",
          purpose: "cloudtrail",
          "retention-days": String(retentionDays),
        },
      },
      parent,
    );

    // CloudTrail writes to the log group through a role only this trail can assume.
    const deliveryRole = new aws.iam.Role(
      `${name}-trail-delivery`,
      {
        assumeRolePolicy: pulumi.all([accountId, sourceTrailArn]).apply(([id, arn]) =>
          JSON.stringify(
            policyDocument([
              {
                Sid: "CloudTrailDelivery",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": id, "aws:SourceArn": arn } },
              },
            ]),
          ),
        ),
        tags: args.tags,
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-trail-delivery-write`,
      {
        role: deliveryRole.id,
        policy: logGroup.arn.apply((arn) =>
          JSON.stringify(
            policyDocument([
              {
                Sid: "WriteTrailEvents",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${arn}:log-stream:*`,
              },
            ]),
          ),
        ),
      },
      parent,
    );

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName(config.environment),
        s3BucketName: args.auditBucketName,
        // CloudTrail appends "/AWSLogs/<account>/", so the prefix has no trailing slash.
        s3KeyPrefix: bucketPrefixes.cloudTrail.replace(/\/$/, ""),
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: args.logsKeyArn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: deliveryRole.arn,
        advancedEventSelectors: [
          {
            name: "Management events",
            fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
          },
          {
            // No readOnly selector, so both reads and writes of PHI objects are recorded.
            name: "PHI object reads and writes",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::S3::Object"] },
              {
                field: "resources.ARN",
                startsWiths: [
                  pulumi.interpolate`${args.rawBucketArn}/`,
                  pulumi.interpolate`${args.deidentifiedBucketArn}/`,
                ],
              },
            ],
          },
        ],
        tags: { ...args.tags, purpose: "audit-trail" },
      },
      { parent: this, dependsOn: [logGroup] },
    );

    const topic = this.createAlarms(name, args, logGroup, accountId);

    this.trailArn = trail.arn;
    this.logGroupName = logGroup.name;
    this.alarmTopicArn = topic.arn;
    this.registerOutputs({
      trailArn: this.trailArn,
      logGroupName: this.logGroupName,
      alarmTopicArn: this.alarmTopicArn,
    });
  }

  // The SNS topic (encrypted with the logs key), and one metric filter and alarm per
  // security event on the trail's log group.
  private createAlarms(
    name: string,
    args: AuditTrailArgs,
    logGroup: aws.cloudwatch.LogGroup,
    accountId: pulumi.Output<string>,
  ): aws.sns.Topic {
    const parent = { parent: this };
    const { config } = args;
    const namespace = securityMetricNamespace(config.environment);
    const topic = new aws.sns.Topic(
      `${name}-alarms`,
      {
        kmsMasterKeyId: args.logsKeyArn,
        tags: { ...args.tags, purpose: "security-alarms" },
      },
      parent,
    );
    new aws.sns.TopicPolicy(
      `${name}-alarms-policy`,
      {
        arn: topic.arn,
        policy: pulumi.all([topic.arn, accountId]).apply(([arn, id]) =>
          JSON.stringify(
            policyDocument([
              {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["sns:Publish"],
                Resource: arn,
                Condition: {
                  ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${config.region}:${id}:alarm:*` },
                },
              },
              {
                Sid: "AccountManagesTopic",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${id}:root` },
                Action: [
                  "sns:GetTopicAttributes",
                  "sns:SetTopicAttributes",
                  "sns:Subscribe",
                  "sns:ListSubscriptionsByTopic",
                  "sns:Publish",
                ],
                Resource: arn,
              },
              {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: arn,
                Condition: { Bool: { "aws:SecureTransport": false } },
              },
            ]),
          ),
        ),
      },
      parent,
    );

    for (const alarm of securityAlarms) {
      const filter = new aws.cloudwatch.LogMetricFilter(
        `${name}-${alarm.id}`,
        {
          logGroupName: logGroup.name,
          pattern: alarm.pattern,
          metricTransformation: { name: alarm.id, namespace, value: "1", defaultValue: "0" },
        },
        parent,
      );
      new aws.cloudwatch.MetricAlarm(
        `${name}-${alarm.id}-alarm`,
        {
          alarmDescription: alarm.description,
          namespace,
          metricName: alarm.id,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
          tags: args.tags,
        },
        { parent: this, dependsOn: [filter] },
      );
    }
    return topic;
  }
}
