import type { StackConfig } from "../config";
import { bucketPrefixes as prefixes } from "../storage/layout";

// Where each workload reads and writes in S3, under the bucket prefixes that the IAM
// policies of the workload roles grant.

/** Physical names of the three data buckets. */
export interface BucketNames {
  raw: string;
  deidentified: string;
  artifacts: string;
  /** Audit bucket for lineage records; without it the job writes no lineage record. */
  audit?: string;
}

/** S3 URIs of every read and write, each ending with a slash. */
export interface DataLocations {
  deidInput: string;
  deidOutput: string;
  trainingInput: string;
  baseWeights: string;
  trainingOutput: string;
  servingWeights: string;
  /** Adapter folder vLLM loads, or null when serving runs without adapters. */
  servingAdapter: string | null;
  /** Prefix of the de-identification lineage records, or null when there is no audit bucket. */
  lineage: string | null;
}

/** Decides the S3 locations of one stack from its config and bucket names. */
export function decideDataLocations(config: StackConfig, buckets: BucketNames): DataLocations {
  const env = config.environment;
  const deidOutput = `s3://${buckets.deidentified}/${prefixes.deidentifiedNotes}`;
  const baseWeights = `s3://${buckets.artifacts}/${prefixes.models}${config.model.id}/`;
  const isFull = config.training.method === "full";
  // Fully fine-tuned weights get their own prefix, which training writes and serving reads,
  // so serving never needs access to training's intermediate checkpoints.
  const trainingOutput = isFull
    ? `s3://${buckets.artifacts}/${prefixes.finetunedModels}${env}/`
    : `s3://${buckets.artifacts}/${prefixes.adapters}${env}/`;
  const adaptersOn = config.serving.enabled && config.serving.adapters !== undefined;
  return {
    deidInput: `s3://${buckets.raw}/${prefixes.rawNotes}`,
    deidOutput,
    trainingInput: deidOutput,
    baseWeights,
    trainingOutput,
    // A full fine-tune produces new weights, which vLLM serves in place of the base.
    servingWeights: isFull ? trainingOutput : baseWeights,
    servingAdapter: adaptersOn && !isFull ? trainingOutput : null,
    lineage: buckets.audit ? `s3://${buckets.audit}/${prefixes.deidLineage}` : null,
  };
}
