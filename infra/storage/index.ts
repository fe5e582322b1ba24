import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { decideAuditRetentionDays, decideLogRetentionDays } from "../audit/retention";
import { buildCloudTrailBucketStatements, trailArn } from "../audit/trail-policy";
import type { StackConfig } from "../config";
import type { DataClassification } from "../names";
import {
  type BucketPolicySpec,
  buildBucketPolicy,
  buildLogDeliveryStatements,
} from "./bucket-policies";
import { createSecureBucket, decideLifecycleRules } from "./secure-bucket";

export * from "./bucket-policies";
export * from "./layout";
export * from "./secure-bucket";

export interface DatasetStorageArgs {
  config: StackConfig;
  datasetsKeyArn: pulumi.Input<string>;
  logsKeyArn: pulumi.Input<string>;
  /** The S3 gateway endpoint; data buckets deny object access that does not come through it. */
  s3EndpointId: pulumi.Input<string>;
  tags: Record<string, string>;
}

// Replaced versions of de-identified data and artifacts stay this long for recovery.
const noncurrentRecoveryDays = 30;
// Replaced or deleted raw PHI is erased soon: the purpose it served is over.
const rawNoncurrentDays = 7;

/**
 * The dataset buckets: raw PHI, de-identified notes, model artifacts, audit records, and
 * the access-log bucket that records every request to the other four.
 */
export class DatasetStorage extends pulumi.ComponentResource {
  readonly rawBucketName: pulumi.Output<string>;
  readonly rawBucketArn: pulumi.Output<string>;
  readonly deidentifiedBucketName: pulumi.Output<string>;
  readonly deidentifiedBucketArn: pulumi.Output<string>;
  readonly artifactsBucketName: pulumi.Output<string>;
  readonly artifactsBucketArn: pulumi.Output<string>;
  /** Resolves only once the bucket policy that admits CloudTrail is in place. */
  readonly auditBucketName: pulumi.Output<string>;
  readonly auditBucketArn: pulumi.Output<string>;
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly accessLogBucketArn: pulumi.Output<string>;

  constructor(name: string, args: DatasetStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:storage:DatasetStorage", name, {}, opts);
    const { config } = args;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const logDays = decideLogRetentionDays(config);
    const auditDays = decideAuditRetentionDays(config);
    // retention-days is "indefinite" where no lifecycle rule expires current objects.
    const tags = (
      classification: DataClassification,
      purpose: string,
      days: number | "indefinite",
    ) => ({
      ...args.tags,
      "data-classification": classification,
      purpose,
      "retention-days": String(days),
    });

    // Access logs are audit evidence, kept as long as logs and protected like the audit
    // bucket. The AWS S3 User Guide ("Enabling Amazon S3 server access logging") allows
    // only SSE-S3 default encryption and no Object Lock default retention on this bucket.
    const accessLogs = createSecureBucket(this, name, {
      role: "access-logs",
      lifecycleRules: decideLifecycleRules({
        expireCurrentAfterDays: logDays,
        expireNoncurrentAfterDays: noncurrentRecoveryDays,
      }),
      retain: true,
      tags: tags("audit-logs", "s3-access-logs", logDays),
    });
    const logTo = (prefix: string) => ({ bucket: accessLogs.bucket, prefix: `${prefix}/` });

    // Raw PHI expires after the configured retention: erasure once the purpose is served.
    const raw = createSecureBucket(this, name, {
      role: "raw",
      kmsKeyArn: args.datasetsKeyArn,
      accessLog: logTo("raw"),
      lifecycleRules: decideLifecycleRules({
        expireCurrentAfterDays: config.retention.rawPhiDays,
        expireNoncurrentAfterDays: rawNoncurrentDays,
      }),
      retain: true,
      tags: tags("phi", "raw-clinical-notes", config.retention.rawPhiDays),
    });
    // De-identified data can still hold residual identifiers, so it is kept like PHI.
    const deidentified = createSecureBucket(this, name, {
      role: "deidentified",
      kmsKeyArn: args.datasetsKeyArn,
      accessLog: logTo("deidentified"),
      lifecycleRules: decideLifecycleRules({ expireNoncurrentAfterDays: noncurrentRecoveryDays }),
      retain: true,
      tags: tags("deidentified", "training-data", "indefinite"),
    });
    const artifacts = createSecureBucket(this, name, {
      role: "artifacts",
      kmsKeyArn: args.datasetsKeyArn,
      accessLog: logTo("artifacts"),
      lifecycleRules: decideLifecycleRules({ expireNoncurrentAfterDays: noncurrentRecoveryDays }),
      retain: false,
      tags: tags("model-artifacts", "adapters-checkpoints-weights", "indefinite"),
    });
    // Audit records are write-once: Object Lock in compliance mode means no one, the root
    // user included, can delete or overwrite them before the retention ends.
    const audit = createSecureBucket(this, name, {
      role: "audit",
      kmsKeyArn: args.logsKeyArn,
      accessLog: logTo("audit"),
      lifecycleRules: decideLifecycleRules({
        expireCurrentAfterDays: auditDays,
        expireNoncurrentAfterDays: 1,
      }),
      objectLockDays: auditDays,
      retain: true,
      tags: tags("audit-logs", "cloudtrail-and-lineage", auditDays),
    });

    const breakGlassRoleArn = config.cluster.breakGlassRoleArn;
    const attachPolicy = (
      role: string,
      bucket: aws.s3.Bucket,
      spec: pulumi.Input<Omit<BucketPolicySpec, "bucketArn">>,
    ) =>
      new aws.s3.BucketPolicy(
        `${name}-${role}-policy`,
        {
          bucket: bucket.id,
          policy: pulumi
            .all([bucket.arn, spec])
            .apply(([arn, s]) => JSON.stringify(buildBucketPolicy({ ...s, bucketArn: arn }))),
        },
        { parent: this },
      );

    const dataSpec = pulumi
      .all([args.datasetsKeyArn, args.s3EndpointId])
      .apply(([kmsKeyArn, vpcEndpointId]) => ({
        kmsKeyArn,
        requireKeyId: true,
        vpcEndpointId,
        breakGlassRoleArn,
      }));
    attachPolicy("raw", raw, dataSpec);
    attachPolicy("deidentified", deidentified, dataSpec);
    attachPolicy("artifacts", artifacts, dataSpec);

    // NOTE: the audit bucket does not require its own key id, because CloudTrail writes
    // with the trail's key reference, whose form (ARN or id) this code cannot pin down.
    const auditPolicy = attachPolicy(
      "audit",
      audit,
      pulumi.all([args.logsKeyArn, audit.arn, accountId]).apply(([kmsKeyArn, arn, account]) => ({
        kmsKeyArn,
        serviceStatements: buildCloudTrailBucketStatements(
          arn,
          account,
          trailArn(config.region, account, config.environment),
        ),
      })),
    );
    attachPolicy(
      "access-logs",
      accessLogs,
      pulumi
        .all([accessLogs.arn, accountId, raw.arn, deidentified.arn, artifacts.arn, audit.arn])
        .apply(([arn, account, ...sources]) => ({
          serviceStatements: buildLogDeliveryStatements(arn, sources, account),
        })),
    );

    this.rawBucketName = raw.bucket;
    this.rawBucketArn = raw.arn;
    this.deidentifiedBucketName = deidentified.bucket;
    this.deidentifiedBucketArn = deidentified.arn;
    this.artifactsBucketName = artifacts.bucket;
    this.artifactsBucketArn = artifacts.arn;
    // CloudTrail checks the bucket policy when the trail is created, so consumers of the
    // name also wait for the policy.
    this.auditBucketName = pulumi.all([audit.bucket, auditPolicy.id]).apply(([bucket]) => bucket);
    this.auditBucketArn = audit.arn;
    this.accessLogBucketName = accessLogs.bucket;
    this.accessLogBucketArn = accessLogs.arn;
    this.registerOutputs({
      rawBucketName: this.rawBucketName,
      rawBucketArn: this.rawBucketArn,
      deidentifiedBucketName: this.deidentifiedBucketName,
      deidentifiedBucketArn: this.deidentifiedBucketArn,
      artifactsBucketName: this.artifactsBucketName,
      artifactsBucketArn: this.artifactsBucketArn,
      auditBucketName: this.auditBucketName,
      auditBucketArn: this.auditBucketArn,
      accessLogBucketName: this.accessLogBucketName,
      accessLogBucketArn: this.accessLogBucketArn,
    });
  }
}
