import type { Statement } from "../security/documents";
import { bucketPrefixes } from "../storage/layout";

/** Physical name of the environment's trail; the audit bucket policy names it. */
export function trailName(environment: string): string {
  return `hcft-${environment}`;
}

/** ARN of the environment's trail, known before the trail exists. */
export function trailArn(region: string, accountId: string, environment: string): string {
  return `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName(environment)}`;
}

/**
 * Builds the audit bucket statements that CloudTrail needs: reading the bucket ACL and
 * writing log files under the trail prefix, both only for this environment's trail.
 */
export function buildCloudTrailBucketStatements(
  bucketArn: string,
  accountId: string,
  sourceTrailArn: string,
): Statement[] {
  const prefix = bucketPrefixes.cloudTrail;
  return [
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["s3:GetBucketAcl"],
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": sourceTrailArn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: `${bucketArn}/${prefix}AWSLogs/${accountId}/*`,
      Condition: {
        StringEquals: {
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:SourceArn": sourceTrailArn,
        },
      },
    },
  ];
}
