import { objectName } from "./lib/k8s";
import { K8S } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const k8sRbacNoWildcards: ResourceControl = {
  id: "HC-K8S-08",
  name: "k8s-rbac-no-wildcards",
  description: "No Role or ClusterRole grants the wildcard verb or the wildcard resource.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.308(a)(4)", "164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [K8S.role, K8S.clusterRole],
  remediation: "List the exact verbs and resources each rule needs.",
  scope: "resource",
  check: (role) => {
    // biome-ignore lint/suspicious/noExplicitAny: rules are untyped JSON
    const rules = (role.props.rules as any[] | undefined) ?? [];
    const wild = rules.filter(
      (r) => (r.verbs ?? []).includes("*") || (r.resources ?? []).includes("*"),
    );
    if (wild.length === 0) return [];
    return [
      `Role ${objectName(role)} must not use * in verbs or resources (${wild.length} rule${wild.length > 1 ? "s" : ""}).`,
    ];
  },
};
