import { type PolicyDocument, policyDocument, type Statement } from "./documents";

// Key policies for the three customer-managed keys. Each policy keeps the account root
// as key administrator, so the key can always be managed and never locked out, but gives
// the root no cryptographic action. Use of a key is then granted per purpose: to named
// AWS services, or to this account's principals only through a named service
// (kms:ViaService) and only for the workload, admin and break-glass role ARNs.

export type KeyPurpose = "datasets" | "logs" | "cluster";

export interface KeyPolicyContext {
  accountId: string;
  region: string;
  /** IAM role ARNs allowed to use the datasets and logs keys through S3. */
  dataRoleArns: string[];
  /** Roles that may read CloudTrail log files: the admin and break-glass roles. */
  auditReaderArns: string[];
  /** ARN of the environment's trail, the only trail that may encrypt with the logs key. */
  trailArn: string;
}

/** Key-management actions of the administrator: no Encrypt, Decrypt or GenerateDataKey. */
export const keyAdministrationActions = [
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:UpdateAlias",
  "kms:DescribeKey",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:GetKeyRotationStatus",
  "kms:ListKeyRotations",
  "kms:RotateKeyOnDemand",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:ListKeyPolicies",
  "kms:ListGrants",
  "kms:RevokeGrant",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];

const encryptDecrypt = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:DescribeKey",
];

function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

function administration(ctx: KeyPolicyContext): Statement {
  return {
    Sid: "KeyAdministrationByAccount",
    Effect: "Allow",
    Principal: { AWS: rootArn(ctx.accountId) },
    Action: keyAdministrationActions,
    Resource: "*",
  };
}

// Account principals may use the key only through the named service and only when their
// ARN matches one of `principalArns`. The IAM policy of the caller must also allow it.
function useThroughService(
  sid: string,
  ctx: KeyPolicyContext,
  service: string,
  principalArns: string[],
  actions: string[],
): Statement {
  const condition: Statement["Condition"] = {
    StringEquals: {
      "kms:ViaService": `${service}.${ctx.region}.amazonaws.com`,
      "kms:CallerAccount": ctx.accountId,
    },
  };
  if (principalArns.length > 0) condition.ArnLike = { "aws:PrincipalArn": principalArns };
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: rootArn(ctx.accountId) },
    Action: actions,
    Resource: "*",
    Condition: condition,
  };
}

function logsStatements(ctx: KeyPolicyContext): Statement[] {
  const { accountId, region } = ctx;
  return [
    {
      Sid: "CloudWatchLogsEncryptLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: [...encryptDecrypt, "kms:GenerateDataKeyWithoutPlaintext"],
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*`,
        },
      },
    },
    {
      // The prefix match covers every GenerateDataKey variant, the form that AWS's example
      // key policies for CloudTrail use (for instance in the AWS Control Tower guide).
      Sid: "CloudTrailEncryptLogFiles",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": ctx.trailArn },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${accountId}:trail/*`,
        },
      },
    },
    {
      Sid: "CloudTrailDescribeKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": ctx.trailArn } },
    },
    {
      // Alarms publish to the SNS topic encrypted with this key.
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
    {
      Sid: "AuditReadersDecryptTrail",
      Effect: "Allow",
      Principal: { AWS: rootArn(accountId) },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": accountId },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${accountId}:trail/*`,
        },
        ArnLike: { "aws:PrincipalArn": ctx.auditReaderArns },
      },
    },
    useThroughService("RolesUseThroughS3", ctx, "s3", ctx.dataRoleArns, encryptDecrypt),
  ];
}

function clusterStatements(ctx: KeyPolicyContext): Statement[] {
  const grant = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];
  const ebs = [...encryptDecrypt, "kms:GenerateDataKeyWithoutPlaintext"];
  const autoScalingRole = `arn:aws:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  return [
    useThroughService("SecretsThroughEks", ctx, "eks", [], [...encryptDecrypt, ...grant]),
    useThroughService("VolumesThroughEc2", ctx, "ec2", [], [...ebs, ...grant]),
    {
      // Managed node groups launch instances through this service-linked role, which
      // needs the key to create their encrypted root volumes.
      // NOTE: a key policy may only name a role that exists, and AWS creates this one with
      // the first Auto Scaling group of the account.
      Sid: "AutoScalingUseForVolumes",
      Effect: "Allow",
      Principal: { AWS: autoScalingRole },
      Action: ebs,
      Resource: "*",
    },
    {
      Sid: "AutoScalingGrantForVolumes",
      Effect: "Allow",
      Principal: { AWS: autoScalingRole },
      Action: ["kms:CreateGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
    },
  ];
}

/** Builds the key policy for one purpose. */
export function buildKeyPolicy(purpose: KeyPurpose, ctx: KeyPolicyContext): PolicyDocument {
  const statements = [administration(ctx)];
  if (purpose === "datasets") {
    statements.push(
      useThroughService("RolesUseThroughS3", ctx, "s3", ctx.dataRoleArns, encryptDecrypt),
    );
  } else if (purpose === "logs") {
    statements.push(...logsStatements(ctx));
  } else {
    statements.push(...clusterStatements(ctx));
  }
  return policyDocument(statements);
}
