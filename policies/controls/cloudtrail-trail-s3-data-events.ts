import { bucketLabel, bucketRefs } from "./lib/s3";
import { isSensitive } from "./lib/tags";
import { LOGS, S3 } from "./lib/tokens";
import type { CheckedResource, StackControl } from "./types";

// biome-ignore lint/suspicious/noExplicitAny: selectors are untyped JSON
type Json = Record<string, any>;

// True when a classic event selector logs reads and writes of this bucket's objects.
function classicCovers(selector: Json, arns: string[]): boolean {
  if ((selector.readWriteType ?? "All") !== "All") return false;
  return ((selector.dataResources as Json[]) ?? []).some(
    (d) =>
      d.type === "AWS::S3::Object" &&
      ((d.values as string[]) ?? []).some(
        (v) => v === "arn:aws:s3" || arns.some((a) => v.startsWith(a)),
      ),
  );
}

// True when an advanced selector logs S3 object data events with no read-only filter and a
// resource filter, if any, that includes this bucket.
function advancedCovers(selector: Json, arns: string[]): boolean {
  const fields = (selector.fieldSelectors as Json[]) ?? [];
  const field = (name: string) => fields.find((f) => f.field === name);
  if (!field("eventCategory")?.equals?.includes("Data")) return false;
  if (!field("resources.type")?.equals?.includes("AWS::S3::Object")) return false;
  if (field("readOnly") !== undefined) return false;
  const arnFilter = field("resources.ARN");
  if (arnFilter === undefined) return true;
  // @pulumi/aws names the operators in the plural (`startsWiths`, `equals`).
  const prefixes = [...(arnFilter.startsWiths ?? []), ...(arnFilter.equals ?? [])] as string[];
  return prefixes.some((p) => arns.some((a) => a.startsWith(p) || p.startsWith(a)));
}

function covers(trail: CheckedResource, arns: string[]): boolean {
  const classic = (trail.props.eventSelectors as Json[]) ?? [];
  const advanced = (trail.props.advancedEventSelectors as Json[]) ?? [];
  return (
    classic.some((s) => classicCovers(s, arns)) || advanced.some((s) => advancedCovers(s, arns))
  );
}

export const cloudtrailTrailS3DataEvents: StackControl = {
  id: "HC-LOG-02",
  name: "cloudtrail-trail-s3-data-events",
  description:
    "A CloudTrail trail records S3 object read and write events for every bucket holding PHI, PII or de-identified data.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(b)", "164.312(a)(2)(i)"], dpdp: ["Rule 6(1)(c)"] },
  resourceTypes: S3.bucket,
  remediation:
    'Add an event selector with readWriteType All and a data resource of type AWS::S3::Object for "arn:aws:s3:::<bucket>/".',
  scope: "stack",
  // Without any trail, cloudtrail-trail-present reports the gap once for the whole stack.
  appliesTo: (bucket, context) =>
    isSensitive(bucket) && context.resources.some((r) => r.type === LOGS.trail),
  check: (bucket, context) => {
    const names = bucketRefs(bucket).filter((r) => !r.startsWith("arn:"));
    const arns = names.map((n) => `arn:aws:s3:::${n}/`);
    const trails = context.resources.filter((r) => r.type === LOGS.trail);
    if (trails.some((t) => covers(t, arns))) return [];
    return [
      `Bucket ${bucketLabel(bucket)} must have its object reads and writes recorded by a CloudTrail trail, but no trail selects them.`,
    ];
  },
};
