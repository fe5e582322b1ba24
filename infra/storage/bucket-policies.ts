import { type PolicyDocument, policyDocument, type Statement } from "../security/documents";

// Bucket policy statements. Every bucket denies plain HTTP. Encrypted buckets deny uploads
// that ask for another encryption than SSE-KMS with their own key. Data buckets deny object
// access from outside the VPC endpoint, so a leaked credential is useless off the network.
// The named break-glass role is the only exception.

// Object-level actions that the VPC endpoint restriction covers. Bucket configuration
// actions stay reachable, so the deployment pipeline can still manage the bucket.
export const objectDataActions = [
  "s3:GetObject*",
  "s3:PutObject*",
  "s3:DeleteObject*",
  "s3:ListBucket*",
  "s3:RestoreObject",
  "s3:ReplicateObject",
];

export interface BucketPolicySpec {
  bucketArn: string;
  /** KMS key ARN that uploads must use; absent for the SSE-S3 access-log bucket. */
  kmsKeyArn?: string;
  /** Deny uploads that name another key than kmsKeyArn. */
  requireKeyId?: boolean;
  /** VPC endpoint through which object access must come; absent for non-data buckets. */
  vpcEndpointId?: string;
  breakGlassRoleArn?: string;
  /** Statements that grant AWS services access, such as CloudTrail or log delivery. */
  serviceStatements?: Statement[];
}

/** Builds the full policy of one bucket from its spec. */
export function buildBucketPolicy(spec: BucketPolicySpec): PolicyDocument {
  const { bucketArn } = spec;
  const everything = [bucketArn, `${bucketArn}/*`];
  const statements: Statement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { Bool: { "aws:SecureTransport": false } },
    },
  ];
  if (spec.kmsKeyArn) {
    statements.push({
      Sid: "DenyUploadsWithoutKms",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    });
    if (spec.requireKeyId) {
      statements.push({
        Sid: "DenyUploadsWithOtherKey",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: {
          StringNotEqualsIfExists: {
            "s3:x-amz-server-side-encryption-aws-kms-key-id": spec.kmsKeyArn,
          },
        },
      });
    }
  }
  if (spec.vpcEndpointId) {
    const condition: NonNullable<Statement["Condition"]> = {
      StringNotEquals: { "aws:SourceVpce": spec.vpcEndpointId },
    };
    if (spec.breakGlassRoleArn) {
      condition.ArnNotEquals = { "aws:PrincipalArn": spec.breakGlassRoleArn };
    }
    statements.push({
      Sid: "DenyObjectAccessOutsideVpcEndpoint",
      Effect: "Deny",
      Principal: "*",
      Action: objectDataActions,
      Resource: everything,
      Condition: condition,
    });
  }
  statements.push(...(spec.serviceStatements ?? []));
  return policyDocument(statements);
}

/** Builds the statements that let S3 server access logging write into the log bucket. */
export function buildLogDeliveryStatements(
  logBucketArn: string,
  sourceBucketArns: string[],
  accountId: string,
): Statement[] {
  return [
    {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: `${logBucketArn}/*`,
      Condition: {
        ArnLike: { "aws:SourceArn": sourceBucketArns },
        StringEquals: { "aws:SourceAccount": accountId },
      },
    },
  ];
}
