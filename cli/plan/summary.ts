import type { SizingPlan } from "../../infra/sizing/types";
import type { PlannedResource } from "./types";

// The plan's short summary: resources by part and by type, the instances chosen with the
// reasons, and the estimated cost. Every number is an estimate from the sizing engine.

/** Parts of the environment, after the `hcft:<part>:<Type>` component that contains a resource. */
export const PARTS = ["network", "security", "storage", "audit", "cluster", "workloads"] as const;

/**
 * Returns the part a resource belongs to: the module of its nearest `hcft:` component
 * ancestor (itself included), or "program" for resources outside every component.
 */
export function partOf(resource: PlannedResource, byUrn: Map<string, PlannedResource>): string {
  let current: PlannedResource | undefined = resource;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current.urn)) {
    seen.add(current.urn);
    const match = /^hcft:([a-z0-9-]+):/.exec(current.type);
    if (match?.[1] !== undefined) return match[1];
    current = current.parent === undefined ? undefined : byUrn.get(current.parent);
  }
  return "program";
}

/** Counts custom resources (components excluded) by a key, sorted by key. */
function countBy(
  resources: PlannedResource[],
  key: (resource: PlannedResource) => string,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    if (!resource.custom) continue;
    counts.set(key(resource), (counts.get(key(resource)) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Resources by part, for the summary and for tests. */
export function countByPart(resources: PlannedResource[]): Record<string, number> {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  return Object.fromEntries(countBy(resources, (resource) => partOf(resource, byUrn)));
}

/** Resources by type token. */
export function countByType(resources: PlannedResource[]): Record<string, number> {
  return Object.fromEntries(countBy(resources, (resource) => resource.type));
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

function sizingLines(sizing: SizingPlan): string[] {
  const training = sizing.training;
  const instance = training.instance;
  const lines = [
    `Training: ${instance.nodeCount} x ${instance.instanceType} (${instance.gpusUsed} x ${instance.gpuModel}), ` +
      `peak ${training.peakGiB.toFixed(1)} GiB of ${instance.gpuMemoryGiB} GiB per GPU, ` +
      `headroom ${instance.headroomPct.toFixed(0)}%, ${training.parallelism}`,
    `  why: ${instance.reason}`,
    ...training.rejected.slice(0, 4).map((r) => `  not ${r.instanceType}: ${r.reason}`),
    `  estimate: ${usd(instance.usdPerHour)}/hour on demand, ` +
      `${training.throughput.hoursForDataset.toFixed(1)} hours and ` +
      `${usd(training.throughput.usdForDataset)} for the configured dataset`,
  ];
  const serving = sizing.serving;
  if (serving === null) return [...lines, "Serving: disabled"];
  return [
    ...lines,
    `Serving: ${serving.instance.instanceType} (tensor parallel ${serving.tensorParallelSize}), ` +
      `max model length ${serving.maxModelLen}, peak ${serving.peakGiB.toFixed(1)} GiB per GPU, ` +
      `headroom ${serving.instance.headroomPct.toFixed(0)}%`,
    `  why: ${serving.instance.reason}`,
    `  estimate: ${usd(serving.instance.usdPerHour)}/hour per replica, ` +
      `${usd(serving.usdPer1000Notes)} per 1,000 notes`,
  ];
}

/**
 * Builds the summary lines printed after a plan. `usdPerHour` is the program's estimate for
 * all GPU instances running at once, when it exports one.
 */
export function summarize(
  resources: PlannedResource[],
  sizing: SizingPlan | null,
  usdPerHour?: number,
): string[] {
  const custom = resources.filter((resource) => resource.custom);
  const byPart = Object.entries(countByPart(resources));
  const byType = Object.entries(countByType(resources));
  const width = Math.max(...byType.map(([type]) => type.length), 0);
  return [
    `Resources: ${custom.length} (${resources.length - custom.length} components)`,
    `By part: ${byPart.map(([part, count]) => `${part} ${count}`).join(", ") || "none"}`,
    "By type:",
    ...byType.map(([type, count]) => `  ${type.padEnd(width)}  ${count}`),
    ...(sizing === null ? [] : sizingLines(sizing)),
    ...(usdPerHour === undefined
      ? []
      : [`Estimated cost with training and serving running: ${usd(usdPerHour)}/hour on demand`]),
  ];
}
