import { bucketLabel, companionsOf, inline, isAccessLogTarget } from "./lib/s3";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

// biome-ignore lint/suspicious/noExplicitAny: encryption rules are untyped JSON
type Rule = Record<string, any>;

// Inline rules: the legacy `{ rule: {...} }` block or v6 BucketV2's `{ rules: [...] }` list.
function inlineRules(config: Rule | undefined): Rule[] {
  if (config === undefined) return [];
  if (config.rule !== undefined) return [config.rule];
  return (config.rules as Rule[] | undefined) ?? [];
}

function ruleProblem(rule: Rule, logTarget: boolean): string | undefined {
  const byDefault =
    rule.applyServerSideEncryptionByDefault ?? rule.applyServerSideEncryptionByDefaults?.[0];
  const algorithm = byDefault?.sseAlgorithm;
  if (logTarget && algorithm === "AES256") return undefined;
  if (algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
    return `sseAlgorithm is ${JSON.stringify(algorithm ?? null)}, expected "aws:kms"`;
  }
  const key = byDefault?.kmsMasterKeyId;
  if (typeof key !== "string" || key === "" || key.endsWith("alias/aws/s3")) {
    return "kmsMasterKeyId is not a customer-managed key";
  }
  if (rule.bucketKeyEnabled !== true) return "bucketKeyEnabled is not true";
  return undefined;
}

export const s3BucketCmkEncryption: StackControl = {
  id: "HC-S3-01",
  name: "s3-bucket-cmk-encryption",
  description:
    "Every S3 bucket encrypts objects by default with a customer-managed KMS key and an S3 Bucket Key, except that a server access log target may use SSE-S3.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(2)(iv)"], dpdp: ["s.8(5)", "Rule 6(1)(a)"] },
  resourceTypes: S3.bucket,
  remediation:
    "Add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms, the ARN of a customer-managed KMS key and bucketKeyEnabled: true.",
  scope: "stack",
  check: (bucket, context) => {
    const rules = [
      ...inlineRules(
        inline(
          bucket.props,
          "serverSideEncryptionConfiguration",
          "serverSideEncryptionConfigurations",
        ),
      ),
      ...companionsOf(bucket, S3.encryption, context).flatMap(
        (c) => (c.props.rules as Rule[]) ?? [],
      ),
    ];
    if (rules.length === 0) {
      return [
        `Bucket ${bucketLabel(bucket)} must have default encryption with a customer-managed KMS key, but it has none.`,
      ];
    }
    const logTarget = isAccessLogTarget(bucket, context);
    const problems = rules.map((rule) => ruleProblem(rule, logTarget));
    if (problems.some((p) => p === undefined)) return [];
    return [
      `Bucket ${bucketLabel(bucket)} must use a customer-managed KMS key: ${problems.join("; ")}.`,
    ];
  },
};
