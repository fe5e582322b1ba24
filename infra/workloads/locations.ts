import type { StackConfig } from "../config";

// Where each workload reads and writes in S3. The IAM policies of the workload roles
// grant exactly these prefixes, so both sides read them from here.

/** Physical names of the three data buckets. */
export interface BucketNames {
  raw: string;
  deidentified: string;
  artifacts: string;
  /** Audit bucket for lineage records; without it the job writes no lineage record. */
  audit?: string;
}

/** Key prefixes inside the buckets; each ends with a slash. */
export const dataPrefixes = {
  /** Raw clinical notes (PHI), in the raw bucket. */
  notes: "notes/",
  /** Base model weights, one folder per catalog model id, in the artifacts bucket. */
  models: "models/",
  /** LoRA and QLoRA adapters, one folder per environment, in the artifacts bucket. */
  adapters: "adapters/",
  /** Fully fine-tuned weights, one folder per environment, in the artifacts bucket. */
  finetuned: "finetuned/",
  /** De-identification lineage records, in the audit bucket. */
  deidLineage: "lineage/deid/",
} as const;

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
  const deidOutput = `s3://${buckets.deidentified}/${dataPrefixes.notes}`;
  const baseWeights = `s3://${buckets.artifacts}/${dataPrefixes.models}${config.model.id}/`;
  const isFull = config.training.method === "full";
  const trainingOutput = isFull
    ? `s3://${buckets.artifacts}/${dataPrefixes.finetuned}${env}/`
    : `s3://${buckets.artifacts}/${dataPrefixes.adapters}${env}/`;
  const adaptersOn = config.serving.enabled && config.serving.adapters !== undefined;
  return {
    deidInput: `s3://${buckets.raw}/${dataPrefixes.notes}`,
    deidOutput,
    trainingInput: deidOutput,
    baseWeights,
    trainingOutput,
    // A full fine-tune produces new weights, which vLLM serves in place of the base.
    servingWeights: isFull ? trainingOutput : baseWeights,
    servingAdapter: adaptersOn && !isFull ? trainingOutput : null,
    lineage: buckets.audit ? `s3://${buckets.audit}/${dataPrefixes.deidLineage}` : null,
  };
}
