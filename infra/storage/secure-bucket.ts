import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

type BucketLifecycleConfigurationRule = aws.types.input.s3.BucketLifecycleConfigurationRule;

/** What one bucket needs; DatasetStorage decides these per bucket. */
export interface SecureBucketSpec {
  /** Role in logical names, such as "raw". */
  role: string;
  /** KMS key for SSE-KMS; absent means SSE-S3, which only the access-log bucket uses. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Access-log bucket and prefix; absent for the access-log bucket itself. */
  accessLog?: { bucket: pulumi.Input<string>; prefix: string };
  lifecycleRules: BucketLifecycleConfigurationRule[];
  /** Days of Object Lock retention in compliance mode; absent means no Object Lock. */
  objectLockDays?: number;
  /** Protect from deletion and replacement, and keep the bucket if it leaves the program. */
  retain: boolean;
  tags: Record<string, string>;
}

/**
 * Creates a bucket with the controls every bucket of the environment gets: versioning,
 * default encryption with a bucket key, all four public-access blocks, ACLs disabled
 * (BucketOwnerEnforced), access logging and lifecycle rules. The caller adds the policy.
 */
export function createSecureBucket(
  parent: pulumi.Resource,
  name: string,
  spec: SecureBucketSpec,
): aws.s3.Bucket {
  const prefix = `${name}-${spec.role}`;
  const opts = { parent };

  // PHI buckets are protected so a refactor that would replace or delete them fails the
  // plan, and retained on delete so leaving the program never empties them.
  const bucket = new aws.s3.Bucket(
    prefix,
    {
      forceDestroy: false,
      objectLockEnabled: spec.objectLockDays !== undefined ? true : undefined,
      tags: spec.tags,
    },
    { parent, protect: spec.retain, retainOnDelete: spec.retain },
  );

  new aws.s3.BucketOwnershipControls(
    `${prefix}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new aws.s3.BucketPublicAccessBlock(
    `${prefix}-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${prefix}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );

  // NOTE: S3 server access logging supports only SSE-S3 default encryption on its
  // destination (AWS S3 User Guide), so the access-log bucket is the one without SSE-KMS.
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${prefix}-encryption`,
    {
      bucket: bucket.id,
      rules: [
        spec.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: spec.kmsKeyArn,
              },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    },
    opts,
  );

  if (spec.accessLog) {
    new aws.s3.BucketLogging(
      `${prefix}-access-logging`,
      {
        bucket: bucket.id,
        targetBucket: spec.accessLog.bucket,
        targetPrefix: spec.accessLog.prefix,
      },
      opts,
    );
  }

  // Lifecycle rules act on versions, so they wait for versioning.
  new aws.s3.BucketLifecycleConfiguration(
    `${prefix}-lifecycle`,
    { bucket: bucket.id, rules: spec.lifecycleRules },
    { parent, dependsOn: [versioning] },
  );

  if (spec.objectLockDays !== undefined) {
    new aws.s3.BucketObjectLockConfiguration(
      `${prefix}-object-lock`,
      {
        bucket: bucket.id,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: "COMPLIANCE", days: spec.objectLockDays } },
      },
      { parent, dependsOn: [versioning] },
    );
  }
  return bucket;
}

/** Builds the lifecycle rules of a bucket: expiry of current and noncurrent versions. */
export function decideLifecycleRules(options: {
  expireCurrentAfterDays?: number;
  expireNoncurrentAfterDays: number;
}): BucketLifecycleConfigurationRule[] {
  const rules: BucketLifecycleConfigurationRule[] = [
    {
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: { prefix: "" },
      noncurrentVersionExpiration: { noncurrentDays: options.expireNoncurrentAfterDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
  if (options.expireCurrentAfterDays !== undefined) {
    rules.push({
      id: "expire-current-versions",
      status: "Enabled",
      filter: { prefix: "" },
      expiration: { days: options.expireCurrentAfterDays },
    });
  }
  rules.push({
    id: "remove-expired-delete-markers",
    status: "Enabled",
    filter: { prefix: "" },
    expiration: { expiredObjectDeleteMarker: true },
  });
  return rules;
}
