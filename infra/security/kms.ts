import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { trailArn } from "../audit/trail-policy";
import type { StackConfig } from "../config";
import { buildKeyPolicy, type KeyPurpose } from "./key-policies";
import { workloadRoleArns } from "./role-policies";

export interface KeysArgs {
  config: StackConfig;
  tags: Record<string, string>;
}

/** Waiting period before a scheduled key deletion happens; the maximum AWS allows. */
export const keyDeletionWindowDays = 30;

const keyTags: Record<KeyPurpose, { classification: string; purpose: string }> = {
  datasets: { classification: "phi", purpose: "dataset-encryption" },
  logs: { classification: "audit-logs", purpose: "log-encryption" },
  cluster: { classification: "internal", purpose: "cluster-secrets-and-volumes" },
};

/**
 * Three customer-managed KMS keys, one per purpose (datasets, logs, cluster secrets and
 * volumes), so that revoking or auditing one kind of data never touches the others.
 */
export class Keys extends pulumi.ComponentResource {
  readonly datasetsKeyArn: pulumi.Output<string>;
  readonly datasetsKeyId: pulumi.Output<string>;
  readonly logsKeyArn: pulumi.Output<string>;
  readonly logsKeyId: pulumi.Output<string>;
  readonly clusterKeyArn: pulumi.Output<string>;
  readonly clusterKeyId: pulumi.Output<string>;

  constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:security:Keys", name, {}, opts);
    const { config } = args;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;

    const keys = (["datasets", "logs", "cluster"] as const).map((purpose) => {
      const policy = accountId.apply((id) => {
        const dataRoleArns = workloadRoleArns(id, config.environment);
        if (config.cluster.breakGlassRoleArn) dataRoleArns.push(config.cluster.breakGlassRoleArn);
        const auditReaderArns = [config.cluster.adminRoleArn];
        if (config.cluster.breakGlassRoleArn)
          auditReaderArns.push(config.cluster.breakGlassRoleArn);
        const ctx = {
          accountId: id,
          region: config.region,
          dataRoleArns,
          auditReaderArns,
          trailArn: trailArn(config.region, id, config.environment),
        };
        return JSON.stringify(buildKeyPolicy(purpose, ctx));
      });
      const meta = keyTags[purpose];

      // Rotation yearly, the 30-day maximum deletion window so a mistaken deletion can be
      // cancelled, single-region so key material stays in the stack's region, and the
      // lockout safety check left on.
      const key = new aws.kms.Key(
        `${name}-${purpose}`,
        {
          description: `hcft ${config.environment}: ${meta.purpose}`,
          keyUsage: "ENCRYPT_DECRYPT",
          customerMasterKeySpec: "SYMMETRIC_DEFAULT",
          enableKeyRotation: true,
          rotationPeriodInDays: 365,
          deletionWindowInDays: keyDeletionWindowDays,
          multiRegion: false,
          bypassPolicyLockoutSafetyCheck: false,
          policy,
          tags: {
            ...args.tags,
            "data-classification": meta.classification,
            purpose: meta.purpose,
            Name: `hcft-${config.environment}-${purpose}`,
          },
        },
        { parent: this },
      );
      new aws.kms.Alias(
        `${name}-${purpose}-alias`,
        { name: `alias/hcft-${config.environment}-${purpose}`, targetKeyId: key.keyId },
        { parent: this },
      );
      return key;
    });
    const [datasets, logs, cluster] = keys as [aws.kms.Key, aws.kms.Key, aws.kms.Key];

    this.datasetsKeyArn = datasets.arn;
    this.datasetsKeyId = datasets.keyId;
    this.logsKeyArn = logs.arn;
    this.logsKeyId = logs.keyId;
    this.clusterKeyArn = cluster.arn;
    this.clusterKeyId = cluster.keyId;
    this.registerOutputs({
      datasetsKeyArn: this.datasetsKeyArn,
      datasetsKeyId: this.datasetsKeyId,
      logsKeyArn: this.logsKeyArn,
      logsKeyId: this.logsKeyId,
      clusterKeyArn: this.clusterKeyArn,
      clusterKeyId: this.clusterKeyId,
    });
  }
}
