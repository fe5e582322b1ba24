import { regionOf } from "./lib/region";
import { bucketRefs, isBucket } from "./lib/s3";
import { S3 } from "./lib/tokens";
import type { StackControl } from "./types";

export const s3ReplicationAllowedRegions: StackControl = {
  id: "HC-S3-11",
  name: "s3-replication-allowed-regions",
  description:
    "S3 replication writes only to buckets of the same stack that sit in an allowed region.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.308(a)(7)(ii)(B)"], dpdp: ["s.16", "Rule 15"] },
  resourceTypes: S3.replication,
  remediation:
    "Replicate only to a bucket defined in the same program, in a region of the pack setting allowedRegions.",
  scope: "stack",
  check: (replication, context) => {
    const allowed = context.settings.allowedRegions;
    // biome-ignore lint/suspicious/noExplicitAny: replication rules are untyped JSON
    const rules = (replication.props.rules as any[] | undefined) ?? [];
    const problems: string[] = [];
    for (const rule of rules) {
      const arn = rule.destination?.bucket as string;
      const name = arn.replace(/^arn:aws[a-z-]*:s3:::/, "");
      const target = context.resources.find(
        (r) => isBucket(r) && bucketRefs(r).some((ref) => ref === arn || ref === name),
      );
      if (target === undefined) {
        problems.push(
          `destination ${arn} is not a bucket of this stack, so its region and controls cannot be checked`,
        );
        continue;
      }
      const region = regionOf(target);
      if (allowed.length > 0 && (region === undefined || !allowed.includes(region))) {
        problems.push(
          `destination ${target.name} is in ${region ?? "an unknown region"}, allowed: ${allowed.join(", ")}`,
        );
      }
    }
    return problems.length === 0
      ? []
      : [`${replication.name} must replicate to an allowed bucket: ${problems.join("; ")}.`];
  },
};
