// Security alarms on the CloudTrail log group: each a metric filter pattern and the alarm
// raised when it matches once in five minutes. The patterns follow these monitoring
// controls of the CIS AWS Foundations Benchmark v1.4.0:
//   4.1 unauthorized API calls, 4.2 console sign-in without MFA, 4.3 root user,
//   4.4 IAM policy changes, 4.5 CloudTrail changes, 4.7 KMS key disable or deletion,
//   4.8 S3 bucket policy changes, 4.10 security group changes.
// An alarm is where breach handling starts: the DPDP Rules 2025, Rule 7(2), require a
// detailed report to the Data Protection Board within 72 hours.

export interface SecurityAlarm {
  /** Role in logical names and the metric name. */
  id: string;
  description: string;
  pattern: string;
}

// A pattern that matches any of the named API calls.
function anyEvent(names: string[], source?: string): string {
  const events = names.map((event) => `($.eventName = ${event})`).join(" || ");
  return source ? `{ ($.eventSource = ${source}) && (${events}) }` : `{ ${events} }`;
}

export const securityAlarms: readonly SecurityAlarm[] = [
  {
    id: "unauthorized-api-calls",
    description: "API calls rejected as unauthorized or access denied",
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  },
  {
    id: "console-signin-without-mfa",
    description: "Successful console sign-in by an IAM user without MFA",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: "root-user-activity",
    description: "Activity by the account root user",
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: "iam-policy-changes",
    description: "An IAM policy was created, changed, attached or detached",
    pattern: anyEvent([
      "PutRolePolicy",
      "PutUserPolicy",
      "PutGroupPolicy",
      "DeleteRolePolicy",
      "DeleteUserPolicy",
      "DeleteGroupPolicy",
      "CreatePolicy",
      "DeletePolicy",
      "CreatePolicyVersion",
      "DeletePolicyVersion",
      "AttachRolePolicy",
      "DetachRolePolicy",
      "AttachUserPolicy",
      "DetachUserPolicy",
      "AttachGroupPolicy",
      "DetachGroupPolicy",
    ]),
  },
  {
    id: "cloudtrail-changes",
    description: "A CloudTrail trail was created, changed, stopped or deleted",
    pattern: anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]),
  },
  {
    id: "kms-key-disable-or-deletion",
    description: "A KMS key was disabled or scheduled for deletion",
    pattern: anyEvent(["DisableKey", "ScheduleKeyDeletion"], "kms.amazonaws.com"),
  },
  {
    id: "bucket-policy-changes",
    description: "An S3 bucket policy, ACL, CORS, lifecycle or replication setting changed",
    pattern: anyEvent(
      [
        "PutBucketAcl",
        "PutBucketPolicy",
        "PutBucketCors",
        "PutBucketLifecycle",
        "PutBucketReplication",
        "DeleteBucketPolicy",
        "DeleteBucketCors",
        "DeleteBucketLifecycle",
        "DeleteBucketReplication",
      ],
      "s3.amazonaws.com",
    ),
  },
  {
    id: "security-group-changes",
    description: "A security group or one of its rules was created, changed or deleted",
    pattern: anyEvent([
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ]),
  },
];

/** Namespace of the environment's security metrics in CloudWatch. */
export function securityMetricNamespace(environment: string): string {
  return `hcft/${environment}/security`;
}
