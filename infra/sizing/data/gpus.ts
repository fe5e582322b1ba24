import type { GpuSpec } from "../instances";

// GPU facts per model. Nominal memory is what AWS prints in GB. Usable memory is what the
// driver leaves to PyTorch, and the estimator checks every fit against usable memory.
//
// bf16 dense TFLOPS are tensor-core peaks without sparsity. L4 121, L40S 362 and A100 312
// come from the table in github.com/winston-zhang-orz/gpu-specs specs.md. H100 SXM is the
// datasheet's 1979 with sparsity halved to 989, and H200 has the same tensor cores.
//
// Memory bandwidth in GB/s: A10G 600 (Baseten's "NVIDIA A10 vs A10G" article), L4 300
// (github.com/kentjliu/acml-project1 README), A100 40 GB 1600 (Fudzilla's A100 launch
// article) and A100 80 GB SXM 2039 (github.com/elvispolimi/profile-scripts).
// NOTE: L40S 864, H100 SXM 3350 and H200 4800 are NVIDIA's figures as usually quoted, but
// no source for them was read.
export const GPUS: Record<string, GpuSpec> = {
  "A10G-24GB": {
    architecture: "Ampere",
    nominalGB: 24,
    // Usable size of a 24 GB A10G as PyTorch reports it (about 22.5 GiB).
    usableGiB: 22.5,
    bf16: true,
    flashAttention2: true,
    fp8: false,
    // NOTE: AWS publishes no tensor-core figure for the A10G; 70 is an assumption below the
    // A10's 125 because the A10G variant trades tensor throughput for shader clocks.
    bf16DenseTflops: 70,
    memoryBandwidthGBs: 600,
  },
  "L4-24GB": {
    architecture: "Ada Lovelace",
    nominalGB: 24,
    // NOTE: assumed equal to the A10G's usable size; no L4 figure was printed by a source.
    usableGiB: 22.5,
    bf16: true,
    flashAttention2: true,
    fp8: true,
    bf16DenseTflops: 121,
    memoryBandwidthGBs: 300,
  },
  "L40S-48GB": {
    architecture: "Ada Lovelace",
    nominalGB: 48,
    // Printed by a vLLM start-up log on g6e.
    usableGiB: 44.42,
    bf16: true,
    flashAttention2: true,
    fp8: true,
    bf16DenseTflops: 362,
    memoryBandwidthGBs: 864,
  },
  "A100-40GB": {
    architecture: "Ampere",
    nominalGB: 40,
    // Printed by an Unsloth notebook on A100-SXM4-40GB.
    usableGiB: 39.557,
    bf16: true,
    flashAttention2: true,
    fp8: false,
    bf16DenseTflops: 312,
    memoryBandwidthGBs: 1600,
  },
  "A100-80GB": {
    architecture: "Ampere",
    nominalGB: 80,
    // Printed by an Unsloth notebook on A100-SXM4-80GB.
    usableGiB: 79.318,
    bf16: true,
    flashAttention2: true,
    fp8: false,
    bf16DenseTflops: 312,
    memoryBandwidthGBs: 2039,
  },
  "H100-80GB": {
    architecture: "Hopper",
    nominalGB: 80,
    // NOTE: assumed equal to the A100 80 GB usable size; no H100 figure was printed.
    usableGiB: 79.318,
    bf16: true,
    flashAttention2: true,
    fp8: true,
    bf16DenseTflops: 989,
    memoryBandwidthGBs: 3350,
  },
  "H200-141GB": {
    architecture: "Hopper",
    nominalGB: 141,
    // NOTE: nominal 141 GB scaled by the A100 80 GB usable fraction; no figure was printed.
    usableGiB: 139.8,
    bf16: true,
    flashAttention2: true,
    fp8: true,
    bf16DenseTflops: 989,
    memoryBandwidthGBs: 4800,
  },
};
