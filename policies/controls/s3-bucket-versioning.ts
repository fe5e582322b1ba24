import { bucketLabel, companionsOf, inline } from "./lib/s3";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

export const s3BucketVersioning: StackControl = {
  id: "HC-S3-07",
  name: "s3-bucket-versioning",
  description: "Every S3 bucket keeps object versions, so an overwrite or deletion can be undone.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(c)(1)", "164.308(a)(7)(ii)(A)"], dpdp: ["Rule 6(1)(d)"] },
  resourceTypes: S3.bucket,
  remediation: "Add a BucketVersioning with versioningConfiguration.status Enabled.",
  scope: "stack",
  check: (bucket, context) => {
    const inlined = inline(bucket.props, "versioning", "versionings");
    if (inlined?.enabled === true) return [];
    const companions = companionsOf(bucket, S3.versioning, context);
    const states = companions.map((c) => c.props.versioningConfiguration?.status as string);
    if (states.includes("Enabled")) return [];
    const found =
      states.length === 0 ? "no versioning configuration" : `status ${states.join(", ")}`;
    return [`Bucket ${bucketLabel(bucket)} must have versioning Enabled, but has ${found}.`];
  },
};
