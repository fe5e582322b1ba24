import { statementsOf } from "./lib/docs";
import { bucketLabel, companionsOf } from "./lib/s3";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

// A statement that denies every request sent without TLS.
function deniesPlainHttp(document: unknown): boolean {
  const statements = statementsOf(document);
  if (statements === "invalid") return false;
  return statements.some((s) => {
    const bool = s.condition.Bool ?? s.condition.BoolIfExists;
    const secure = bool?.["aws:SecureTransport"];
    return s.effect === "Deny" && s.principals.includes("*") && String(secure) === "false";
  });
}

export const s3BucketTlsOnly: StackControl = {
  id: "HC-S3-06",
  name: "s3-bucket-tls-only",
  description: "Every S3 bucket policy denies requests that do not use TLS.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"], dpdp: ["Rule 6(1)(a)"] },
  resourceTypes: S3.bucket,
  remediation:
    'Add a bucket policy statement with Effect Deny, Principal "*", Action s3:* and Condition Bool aws:SecureTransport "false".',
  scope: "stack",
  check: (bucket, context) => {
    const documents = [
      bucket.props.policy,
      ...companionsOf(bucket, S3.policy, context).map((p) => p.props.policy),
    ];
    if (documents.some(deniesPlainHttp)) return [];
    return [
      `Bucket ${bucketLabel(bucket)} must deny requests without TLS (aws:SecureTransport false), but no bucket policy does.`,
    ];
  },
};
