import { bucketLabel, companionsOf } from "./lib/s3";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

export const s3BucketOwnershipEnforced: StackControl = {
  id: "HC-S3-03",
  name: "s3-bucket-ownership-enforced",
  description:
    "Every S3 bucket sets object ownership to BucketOwnerEnforced, so access control lists are disabled.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: S3.bucket,
  remediation: "Add a BucketOwnershipControls with rule.objectOwnership BucketOwnerEnforced.",
  scope: "stack",
  check: (bucket, context) => {
    const controls = companionsOf(bucket, S3.ownership, context);
    const modes = controls.map((c) => c.props.rule?.objectOwnership as string | undefined);
    if (modes.includes("BucketOwnerEnforced")) return [];
    const found =
      modes.length === 0 ? "no BucketOwnershipControls" : `objectOwnership ${modes.join(", ")}`;
    return [
      `Bucket ${bucketLabel(bucket)} must enforce bucket-owner object ownership, but has ${found}.`,
    ];
  },
};
