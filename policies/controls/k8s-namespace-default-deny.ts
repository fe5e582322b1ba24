import { namespaceOf, objectName, SYSTEM_NAMESPACES } from "./lib/k8s";
import { K8S } from "./lib/tokens";
import type { StackControl } from "./types";

export const k8sNamespaceDefaultDeny: StackControl = {
  id: "HC-K8S-03",
  name: "k8s-namespace-default-deny",
  description:
    "Every application namespace has a NetworkPolicy that selects all pods and denies ingress and egress by default.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(e)(1)", "164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [K8S.namespace],
  remediation:
    "Add a NetworkPolicy in the namespace with podSelector {} and policyTypes [Ingress, Egress] and no rules, then allow flows with narrower policies.",
  scope: "stack",
  appliesTo: (namespace) => !SYSTEM_NAMESPACES.includes(objectName(namespace)),
  check: (namespace, context) => {
    const name = objectName(namespace);
    const denies = context.resources.filter((r) => {
      if (r.type !== K8S.networkPolicy || namespaceOf(r) !== name) return false;
      const spec = r.props.spec ?? {};
      const selector = spec.podSelector ?? {};
      const selectsAll =
        Object.keys(selector.matchLabels ?? {}).length === 0 &&
        (selector.matchExpressions ?? []).length === 0;
      const types = (spec.policyTypes as string[]) ?? [];
      const empty = (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
      return selectsAll && types.includes("Ingress") && types.includes("Egress") && empty;
    });
    if (denies.length > 0) return [];
    return [
      `Namespace ${name} must have a default-deny NetworkPolicy for ingress and egress, but has none.`,
    ];
  },
};
