import { objectName } from "./lib/k8s";
import { K8S } from "./lib/tokens";
import type { ResourceControl } from "./types";

/** Annotations of the AWS Load Balancer Controller and the legacy cloud provider. */
const INTERNAL = [
  ["service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"],
  ["service.beta.kubernetes.io/aws-load-balancer-internal", "true"],
];

export const k8sServiceNotExposed: ResourceControl = {
  id: "HC-K8S-05",
  name: "k8s-service-not-exposed",
  description:
    "No Service is a NodePort or an internet-facing LoadBalancer, and every Ingress terminates TLS.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(e)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [K8S.service, K8S.ingress],
  remediation:
    "Use type ClusterIP, or annotate a LoadBalancer with service.beta.kubernetes.io/aws-load-balancer-scheme: internal; give every Ingress a tls section.",
  scope: "resource",
  check: (resource) => {
    const name = objectName(resource);
    if (resource.type === K8S.ingress) {
      const tls = (resource.props.spec?.tls as unknown[]) ?? [];
      return tls.length > 0 ? [] : [`Ingress ${name} must terminate TLS, but has no tls section.`];
    }
    const type = resource.props.spec?.type as string | undefined;
    if (type === "NodePort") return [`Service ${name} must not be of type NodePort.`];
    if (type !== "LoadBalancer") return [];
    const annotations = (resource.props.metadata?.annotations as Record<string, string>) ?? {};
    if (INTERNAL.some(([k, v]) => annotations[k as string] === v)) return [];
    return [
      `Service ${name} must not be an internet-facing LoadBalancer; annotate it as internal.`,
    ];
  },
};
