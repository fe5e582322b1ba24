import { objectName } from "./lib/k8s";
import { K8S } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const k8sRbacNoClusterAdmin: ResourceControl = {
  id: "HC-K8S-09",
  name: "k8s-rbac-no-cluster-admin",
  description: "Only the configured break-glass subjects are bound to the cluster-admin role.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.308(a)(4)", "164.312(a)(2)(ii)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [K8S.roleBinding, K8S.clusterRoleBinding],
  remediation:
    "Bind a narrower role, or add the subject to the pack setting breakGlassRoles if it is the emergency-access group.",
  scope: "resource",
  check: (binding, settings) => {
    if (binding.props.roleRef?.name !== "cluster-admin") return [];
    // biome-ignore lint/suspicious/noExplicitAny: subjects are untyped JSON
    const subjects = ((binding.props.subjects as any[]) ?? []).map((s) => String(s.name));
    const others = subjects.filter((s) => !settings.breakGlassRoles.includes(s));
    if (others.length === 0 && subjects.length > 0) return [];
    return [
      `Binding ${objectName(binding)} must not grant cluster-admin to ${others.join(", ") || "its subjects"}.`,
    ];
  },
};
