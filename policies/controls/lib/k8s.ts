import type { CheckedResource } from "../types";

// Pod specs sit at different depths in each workload kind; these helpers find them.

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are untyped JSON here
export type PodSpec = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are untyped JSON here
export type Container = Record<string, any>;

/** Returns the pod spec of a Pod, a workload with a pod template, or a CronJob. */
export function podSpecOf(resource: CheckedResource): PodSpec | undefined {
  const spec = resource.props.spec;
  if (spec === undefined) return undefined;
  if (resource.type.endsWith(":Pod")) return spec;
  if (resource.type.endsWith(":CronJob")) return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

/** Init and regular containers, each with a label for messages. */
export function containersOf(spec: PodSpec): { label: string; container: Container }[] {
  const regular = (spec.containers ?? []) as Container[];
  const init = (spec.initContainers ?? []) as Container[];
  return [
    ...init.map((c) => ({ label: `init container "${c.name}"`, container: c })),
    ...regular.map((c) => ({ label: `container "${c.name}"`, container: c })),
  ];
}

export function namespaceOf(resource: CheckedResource): string {
  return (resource.props.metadata?.namespace as string | undefined) ?? "default";
}

/** Namespaces that run cluster add-ons (device plugins, CNI) and may need host access. */
export const SYSTEM_NAMESPACES: readonly string[] = ["kube-system", "kube-node-lease"];

export function isSystemWorkload(resource: CheckedResource): boolean {
  return SYSTEM_NAMESPACES.includes(namespaceOf(resource));
}

/** Returns a Kubernetes object's `metadata.name`, or the Pulumi logical name without one. */
export function objectName(resource: CheckedResource): string {
  return (resource.props.metadata?.name as string | undefined) ?? resource.name;
}
