// Object key prefixes inside the dataset buckets. The IAM policies of the workload roles
// are scoped to these prefixes, and the jobs read and write under them, so both sides
// import them from here.

export const bucketPrefixes = {
  /** Raw clinical notes in the raw-PHI bucket, read only by de-identification. */
  rawNotes: "notes/",
  /** De-identified notes, written by de-identification and read by training. */
  deidentifiedNotes: "notes/",
  /** LoRA adapters written by training and loaded by serving. */
  adapters: "adapters/",
  /** Training checkpoints, written and read back by training to resume. */
  checkpoints: "checkpoints/",
  /** Fully fine-tuned weights, written by training and served by vLLM in place of the base. */
  finetunedModels: "finetuned/",
  /** Base model weights uploaded by the platform team and read by serving. */
  models: "models/",
  /** Lineage records (inputs, outputs, digests, image) per job run, in the audit bucket. */
  deidLineage: "lineage/deid/",
  trainingLineage: "lineage/training/",
  /** CloudTrail log files in the audit bucket. */
  cloudTrail: "cloudtrail/",
} as const;
