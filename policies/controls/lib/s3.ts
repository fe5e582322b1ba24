import type { CheckedResource, StackContext } from "../types";
import { S3 } from "./tokens";
import { isUnknownValueError, readKnown } from "./unknown";

// S3 configuration lives either inline on the bucket (the legacy shape, still accepted by
// `aws.s3.Bucket` in @pulumi/aws 7) or on companion resources that name the bucket in their
// `bucket` property. These helpers read both.

export function isBucket(resource: CheckedResource): boolean {
  return (S3.bucket as readonly string[]).includes(resource.type);
}

/** Values a companion's `bucket` property can hold to refer to this bucket. */
export function bucketRefs(bucket: CheckedResource): string[] {
  const props = bucket.props;
  const values = ["bucket", "id", "arn"].map((key) => readKnown(props, key));
  const refs = values.filter((v): v is string => typeof v === "string" && v.length > 0);
  return refs;
}

/**
 * Companions of the given types whose `bucket` property refers to this bucket. A companion
 * whose `bucket` is unknown during preview might belong to any bucket, so when no known
 * companion matches, the unknown-value error is rethrown and the finding is deferred.
 * NOTE: when a known companion matches, companions with an unknown target are ignored.
 */
export function companionsOf(
  bucket: CheckedResource,
  types: readonly string[],
  context: StackContext,
): CheckedResource[] {
  const refs = bucketRefs(bucket);
  const matches: CheckedResource[] = [];
  let unresolved: unknown;
  for (const r of context.resources) {
    if (!types.includes(r.type)) continue;
    try {
      if (refs.includes(r.props.bucket)) matches.push(r);
    } catch (error) {
      if (!isUnknownValueError(error)) throw error;
      unresolved = error;
    }
  }
  if (matches.length === 0 && unresolved !== undefined) throw unresolved;
  return matches;
}

/**
 * True when another bucket delivers S3 server access logs to this one. The S3 API reference
 * (PutBucketLogging, LoggingEnabled.TargetBucket) states that a target bucket cannot use
 * SSE-KMS default encryption or have Object Lock enabled, so those controls accept SSE-S3
 * and no lock there.
 */
export function isAccessLogTarget(bucket: CheckedResource, context: StackContext): boolean {
  const refs = bucketRefs(bucket);
  return context.resources.some((r) => {
    if (S3.logging.includes(r.type)) return refs.includes(readKnown(r.props, "targetBucket"));
    if (!isBucket(r)) return false;
    const inlined = readKnown(r.props, "logging") ?? readKnown(r.props, "loggings")?.[0];
    return inlined !== undefined && refs.includes(inlined.targetBucket);
  });
}

/** Name shown in messages: the physical bucket name when known, else the logical name. */
export function bucketLabel(bucket: CheckedResource): string {
  const physical = bucket.props.bucket;
  return typeof physical === "string" && physical !== bucket.name
    ? `${bucket.name} (${physical})`
    : bucket.name;
}

/** Value of a property that v6 `BucketV2` wrote as a one-element list (`versionings: [{…}]`). */
// biome-ignore lint/suspicious/noExplicitAny: inline bucket blocks are untyped JSON
export function inline(props: Record<string, any>, singular: string, plural: string): any {
  if (props[singular] !== undefined) return props[singular];
  const many = props[plural];
  return Array.isArray(many) ? many[0] : undefined;
}
