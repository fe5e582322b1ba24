import { GPUS } from "./data/gpus";
import { INSTANCES } from "./data/instances";

/** Facts of one GPU model. */
export interface GpuSpec {
  architecture: "Turing" | "Ampere" | "Ada Lovelace" | "Hopper";
  /** Size AWS prints, in GB. */
  nominalGB: number;
  /** Memory PyTorch can use, in GiB: what every fit check compares against. */
  usableGiB: number;
  bf16: boolean;
  flashAttention2: boolean;
  fp8: boolean;
  /** Tensor-core bf16 peak without sparsity, in TFLOPS. */
  bf16DenseTflops: number;
  /** Memory bandwidth in GB/s (10^9 bytes), which bounds vLLM decode speed. */
  memoryBandwidthGBs: number;
}

/** One EC2 GPU instance type with its prices and regions. */
export interface InstanceType {
  instanceType: string;
  family: string;
  gpuModel: string;
  gpuCount: number;
  vcpu: number;
  ramGiB: number;
  /** On-demand Linux USD per hour, by region; a region without a price is not selectable. */
  usdPerHour: Record<string, number>;
  /** Regions the price source confirms. */
  regions: string[];
  /** True when `regions` is the complete list. */
  regionsComplete?: boolean;
  notes?: string;
}

/** An instance type offered in one region, with its GPU facts and that region's price. */
export interface RegionalInstance extends InstanceType {
  gpu: GpuSpec;
  region: string;
  price: number;
}

/** Returns the facts of a GPU model, or throws naming the known models. */
export function gpuSpec(gpuModel: string): GpuSpec {
  const spec = GPUS[gpuModel];
  if (spec === undefined) {
    throw new Error(
      `unknown GPU model "${gpuModel}"; expected one of: ${Object.keys(GPUS).join(", ")}`,
    );
  }
  return spec;
}

/** Lists the instance types offered with a price in a region (all of them without one). */
export function listInstanceTypes(region?: string): string[] {
  const all = region === undefined ? INSTANCES : instancesInRegion(region);
  return all.map((instance) => instance.instanceType);
}

/** Returns the instances offered in a region, cheapest first. */
export function instancesInRegion(
  region: string,
  catalog: readonly InstanceType[] = INSTANCES,
): RegionalInstance[] {
  const offered: RegionalInstance[] = [];
  for (const instance of catalog) {
    const price = instance.usdPerHour[region];
    if (!instance.regions.includes(region) || price === undefined) continue;
    offered.push({ ...instance, gpu: gpuSpec(instance.gpuModel), region, price });
  }
  return offered.sort((a, b) => a.price - b.price);
}

/** Lists the regions any catalog instance is offered in with a price. */
export function listRegions(): string[] {
  const regions = new Set<string>();
  for (const instance of INSTANCES) {
    for (const region of Object.keys(instance.usdPerHour)) regions.add(region);
  }
  return [...regions].sort();
}
