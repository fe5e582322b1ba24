/** A workload that no instance in the region can hold; the message has the numbers and knobs. */
export class SizingError extends Error {
  override name = "SizingError";
}

/** Knobs that lower training memory, in the order practitioners turn them. */
export const TRAINING_KNOBS = [
  "shorter context (training.seqLen)",
  "smaller micro-batch (training.microBatch)",
  "QLoRA (training.method: qlora)",
  "gradient checkpointing (training.checkpointing: standard or offload)",
  "smaller model (model.id)",
  "more GPUs (training.gpus with parallelism zero3, fsdp or device_map)",
] as const;
