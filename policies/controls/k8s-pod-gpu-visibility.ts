import { containersOf, objectName, podSpecOf } from "./lib/k8s";
import { K8S_WORKLOADS } from "./lib/tokens";
import type { ResourceControl } from "./types";

const VISIBILITY_VARS = ["NVIDIA_VISIBLE_DEVICES", "CUDA_VISIBLE_DEVICES"];
const GPU_RESOURCE = /^nvidia\.com\//;

// biome-ignore lint/suspicious/noExplicitAny: resource maps are untyped JSON
function gpuEntries(map: Record<string, any> | undefined): [string, string][] {
  return Object.entries(map ?? {})
    .filter(([k]) => GPU_RESOURCE.test(k))
    .map(([k, v]) => [k, String(v)]);
}

export const k8sPodGpuVisibility: ResourceControl = {
  id: "HC-K8S-04",
  name: "k8s-pod-gpu-visibility",
  description:
    "A container sees GPUs only through an nvidia.com resource limit equal to its request, never through visibility variables alone or privileged mode.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: K8S_WORKLOADS,
  remediation:
    "Request GPUs with resources.limits nvidia.com/gpu (or a MIG profile) and remove NVIDIA_VISIBLE_DEVICES and CUDA_VISIBLE_DEVICES settings.",
  scope: "resource",
  appliesTo: (workload) => podSpecOf(workload) !== undefined,
  check: (workload) => {
    const problems: string[] = [];
    for (const { label, container } of containersOf(podSpecOf(workload) ?? {})) {
      const limits = gpuEntries(container.resources?.limits);
      const requests = gpuEntries(container.resources?.requests);
      // biome-ignore lint/suspicious/noExplicitAny: env entries are untyped JSON
      const vars = ((container.env as any[]) ?? [])
        .map((e) => e.name)
        .filter((n) => VISIBILITY_VARS.includes(n));
      if (vars.length > 0 && limits.length === 0)
        problems.push(`${label} sets ${vars.join(", ")} without a GPU limit`);
      for (const [name, value] of requests) {
        const limit = limits.find(([k]) => k === name)?.[1];
        if (limit !== value)
          problems.push(`${label} requests ${value} ${name} but its limit is ${limit ?? "unset"}`);
      }
      // A privileged container has access to every device on the node, GPUs included, with
      // or without an nvidia.com request.
      if (container.securityContext?.privileged === true) {
        problems.push(
          limits.length > 0
            ? `${label} gets GPUs and is privileged`
            : `${label} is privileged, which exposes every GPU on the node without a request`,
        );
      }
    }
    return problems.length === 0
      ? []
      : [`Workload ${objectName(workload)} must isolate GPUs: ${problems.join("; ")}.`];
  },
};
