import { objectName, SYSTEM_NAMESPACES } from "./lib/k8s";
import { TAG, tagsOf } from "./lib/tags";
import { K8S } from "./lib/tokens";
import type { ResourceControl } from "./types";

const ENFORCE = "pod-security.kubernetes.io/enforce";

export const k8sNamespacePssRestricted: ResourceControl = {
  id: "HC-K8S-01",
  name: "k8s-namespace-pss-restricted",
  description:
    "Every application namespace carries a data-classification label and enforces the Pod Security Standard restricted.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)", "Rule 6(1)(g)"] },
  resourceTypes: [K8S.namespace],
  remediation: `Label the namespace ${TAG.classification}=<class> and ${ENFORCE}=restricted (and the audit and warn labels).`,
  scope: "resource",
  appliesTo: (namespace) => !SYSTEM_NAMESPACES.includes(objectName(namespace)),
  check: (namespace) => {
    const labels = tagsOf(namespace);
    const problems: string[] = [];
    if (labels[TAG.classification] === undefined)
      problems.push(`label ${TAG.classification} is missing`);
    if (labels[ENFORCE] !== "restricted")
      problems.push(`${ENFORCE} is ${labels[ENFORCE] ?? "unset"}`);
    return problems.length === 0
      ? []
      : [
          `Namespace ${objectName(namespace)} must enforce Pod Security restricted: ${problems.join(", ")}.`,
        ];
  },
};
