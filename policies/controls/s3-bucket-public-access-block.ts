import { bucketLabel, companionsOf } from "./lib/s3";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3BucketPublicAccessBlock: StackControl = {
  id: "HC-S3-02",
  name: "s3-bucket-public-access-block",
  description: "Every S3 bucket has a public access block with all four settings turned on.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: S3.bucket,
  remediation:
    "Add a BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
  scope: "stack",
  check: (bucket, context) => {
    const blocks = companionsOf(bucket, S3.publicAccessBlock, context);
    if (blocks.length === 0) {
      return [
        `Bucket ${bucketLabel(bucket)} must have a BucketPublicAccessBlock, but none refers to it.`,
      ];
    }
    const off = FLAGS.filter((flag) => !blocks.some((b) => b.props[flag] === true));
    if (off.length === 0) return [];
    return [`Bucket ${bucketLabel(bucket)} must block public access: ${off.join(", ")} not true.`];
  },
};
