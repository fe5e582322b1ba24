import { containersOf, isSystemWorkload, objectName, podSpecOf } from "./lib/k8s";
import { K8S, K8S_WORKLOADS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const k8sPodServiceAccount: ResourceControl = {
  id: "HC-K8S-06",
  name: "k8s-pod-service-account",
  description:
    "Every pod runs under a dedicated service account without an automounted API token and reads no secrets through environment variables.",
  severity: "medium",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(2)(i)", "164.312(d)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [...K8S_WORKLOADS, K8S.serviceAccount],
  remediation:
    "Set serviceAccountName to a dedicated account, automountServiceAccountToken: false, and mount secrets as files instead of secretKeyRef variables.",
  scope: "resource",
  appliesTo: (resource) =>
    resource.type === K8S.serviceAccount
      ? !isSystemWorkload(resource)
      : !isSystemWorkload(resource) && podSpecOf(resource) !== undefined,
  check: (resource) => {
    const name = objectName(resource);
    if (resource.type === K8S.serviceAccount) {
      return resource.props.automountServiceAccountToken === false
        ? []
        : [`Service account ${name} must set automountServiceAccountToken false.`];
    }
    const spec = podSpecOf(resource) ?? {};
    const problems: string[] = [];
    const account = spec.serviceAccountName as string | undefined;
    if (account === undefined || account === "default")
      problems.push("it uses the default service account");
    if (spec.automountServiceAccountToken !== false)
      problems.push("automountServiceAccountToken is not false");
    for (const { label, container } of containersOf(spec)) {
      // biome-ignore lint/suspicious/noExplicitAny: env entries are untyped JSON
      const fromSecret = ((container.env as any[]) ?? []).filter(
        (e) => e.valueFrom?.secretKeyRef !== undefined,
      );
      if (fromSecret.length > 0)
        problems.push(`${label} reads ${fromSecret.map((e) => e.name).join(", ")} from a secret`);
      // biome-ignore lint/suspicious/noExplicitAny: envFrom entries are untyped JSON
      if (((container.envFrom as any[]) ?? []).some((e) => e.secretRef !== undefined))
        problems.push(`${label} loads a secret with envFrom`);
    }
    return problems.length === 0
      ? []
      : [`Workload ${name} must use a dedicated identity: ${problems.join("; ")}.`];
  },
};
