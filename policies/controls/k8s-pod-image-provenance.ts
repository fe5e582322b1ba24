import { containersOf, objectName, podSpecOf } from "./lib/k8s";
import { K8S_WORKLOADS } from "./lib/tokens";
import type { ResourceControl } from "./types";

const DIGEST = /@sha256:[a-f0-9]{64}$/;

/**
 * Returns the registry host of an image reference. As in the Docker reference grammar, the
 * first path component is a host only if it contains "." or ":" or is "localhost". Any other
 * image comes from Docker Hub.
 */
export function registryOf(image: string): string {
  const [first, ...rest] = image.split("/");
  if (rest.length > 0 && first !== undefined && (/[.:]/.test(first) || first === "localhost")) {
    return first;
  }
  return "docker.io";
}

/** Turns a host pattern such as `*.dkr.ecr.*.amazonaws.com` into an anchored expression. */
export function registryPattern(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join("[^/]+")}$`);
}

export const k8sPodImageProvenance: ResourceControl = {
  id: "HC-K8S-07",
  name: "k8s-pod-image-provenance",
  description:
    "Every container image comes from an approved registry and is pinned by its sha256 digest.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.308(a)(5)(ii)(B)"], dpdp: ["Rule 6(1)(g)"] },
  resourceTypes: K8S_WORKLOADS,
  remediation:
    "Reference every image as <approved registry>/<repository>@sha256:<digest>, for example from the private ECR.",
  scope: "resource",
  appliesTo: (workload) => podSpecOf(workload) !== undefined,
  check: (workload, settings) => {
    const patterns = settings.approvedRegistries.map(registryPattern);
    const problems: string[] = [];
    for (const { label, container } of containersOf(podSpecOf(workload) ?? {})) {
      const image = String(container.image ?? "");
      const host = registryOf(image);
      if (!patterns.some((p) => p.test(host)))
        problems.push(`${label} image registry ${host} is not approved`);
      if (!DIGEST.test(image)) problems.push(`${label} image ${image} is not pinned by digest`);
    }
    return problems.length === 0
      ? []
      : [
          `Workload ${objectName(workload)} must run approved, digest-pinned images: ${problems.join("; ")}.`,
        ];
  },
};
