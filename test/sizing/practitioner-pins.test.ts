import { describe, expect, it } from "vitest";
import {
  decideSizing,
  findModel,
  gpuSpec,
  normalizeTraining,
  type TrainingWorkload,
} from "../../infra/sizing";
import type { ModelArchitecture } from "../../infra/sizing/model";
import { trainingMemory } from "../../infra/sizing/training";

// What practitioners report for QLoRA (NF4, rank 16, micro-batch 1, checkpointing) at 2-4K
// tokens. "Fits" means the peak is at most the usable memory; "comfortable" means it also
// leaves the default 10% headroom.

// A 16 GB card such as the T4 leaves about 14.7 GiB to PyTorch.
const GPU_16GB = 14.74;
const GPU_24GB = gpuSpec("A10G-24GB").usableGiB;
const GPU_48GB = gpuSpec("L40S-48GB").usableGiB;
const GPU_80GB = gpuSpec("A100-80GB").usableGiB;

function qloraPeak(modelId: string, seqLen: number): number {
  const model = findModel(modelId) as ModelArchitecture;
  const training = normalizeTraining({ method: "qlora", seqLen });
  return trainingMemory({ model, training, parallelism: "single", gpus: 1 }).peakGiB;
}

const comfortable = (gpuGiB: number) => gpuGiB * 0.9;

describe("practitioner pins for QLoRA", () => {
  it("fits 7-8B on a 16 GB GPU at 2K", () => {
    for (const id of ["qwen2.5-7b", "qwen3-8b"]) {
      expect(qloraPeak(id, 2048)).toBeLessThanOrEqual(GPU_16GB);
    }
  });

  it("runs 7-8B comfortably on 24 GB at 4K", () => {
    for (const id of ["qwen2.5-7b", "qwen3-8b"]) {
      expect(qloraPeak(id, 4096)).toBeLessThanOrEqual(comfortable(GPU_24GB));
    }
  });

  it("runs 14B comfortably on 48 GB at 4K", () => {
    for (const id of ["qwen2.5-14b", "qwen3-14b"]) {
      expect(qloraPeak(id, 4096)).toBeLessThanOrEqual(comfortable(GPU_48GB));
    }
  });

  it("fits 30-32B on 48 GB and is comfortable on 80 GB", () => {
    for (const id of ["qwen2.5-32b", "qwen3-32b", "qwen3-30b-a3b"]) {
      for (const seqLen of [2048, 4096]) {
        expect(qloraPeak(id, seqLen)).toBeLessThanOrEqual(GPU_48GB);
        expect(qloraPeak(id, seqLen)).toBeLessThanOrEqual(comfortable(GPU_80GB));
      }
    }
  });

  it("needs 80 GB or several GPUs for 70B", () => {
    for (const seqLen of [2048, 4096]) {
      const peak = qloraPeak("qwen2.5-72b", seqLen);
      expect(peak).toBeGreaterThan(GPU_48GB);
      expect(peak).toBeLessThanOrEqual(GPU_80GB);
    }
    const sized = decideSizing({
      modelId: "qwen2.5-72b",
      region: "us-east-1",
      training: { method: "qlora", seqLen: 4096 },
    });
    const oneBigGpu = sized.training.instance.gpuMemoryGiB >= 79;
    expect(oneBigGpu || sized.training.instance.gpusUsed > 1).toBe(true);
  });

  it("pushes a 16K 14B tier to 80 GB or several GPUs", () => {
    const training: TrainingWorkload = { method: "qlora", seqLen: 16_384 };
    for (const region of ["us-east-1", "ap-south-1"]) {
      const sized = decideSizing({ modelId: "qwen2.5-14b", region, training });
      const { gpuMemoryGiB, gpusUsed } = sized.training.instance;
      expect(gpuMemoryGiB >= 79 || gpusUsed > 1).toBe(true);
    }
  });
});
