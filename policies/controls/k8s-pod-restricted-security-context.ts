import { containersOf, isSystemWorkload, objectName, type PodSpec, podSpecOf } from "./lib/k8s";
import { K8S_WORKLOADS } from "./lib/tokens";
import type { ResourceControl } from "./types";

const ALLOWED_VOLUMES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
  "name",
];

// Pod-level problems under the Pod Security Standard "restricted" (Kubernetes 1.25+).
function podProblems(spec: PodSpec): string[] {
  const problems: string[] = [];
  for (const key of ["hostNetwork", "hostPID", "hostIPC"])
    if (spec[key] === true) problems.push(`${key} is true`);
  // biome-ignore lint/suspicious/noExplicitAny: volumes are untyped JSON
  for (const volume of (spec.volumes as any[]) ?? []) {
    const kinds = Object.keys(volume).filter((k) => !ALLOWED_VOLUMES.includes(k));
    if (kinds.length > 0) problems.push(`volume ${volume.name} uses ${kinds.join(", ")}`);
  }
  return problems;
}

// biome-ignore lint/suspicious/noExplicitAny: security contexts are untyped JSON
function containerProblems(label: string, container: any, pod: any): string[] {
  const sc = container.securityContext ?? {};
  const problems: string[] = [];
  const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
  const user = sc.runAsUser ?? pod.runAsUser;
  if (nonRoot !== true) problems.push(`${label} runAsNonRoot is not true`);
  if (user === 0) problems.push(`${label} runs as user 0`);
  if (sc.privileged === true) problems.push(`${label} is privileged`);
  if (sc.allowPrivilegeEscalation !== false)
    problems.push(`${label} allowPrivilegeEscalation is not false`);
  const drop = (sc.capabilities?.drop as string[]) ?? [];
  const add = ((sc.capabilities?.add as string[]) ?? []).filter((c) => c !== "NET_BIND_SERVICE");
  if (!drop.includes("ALL")) problems.push(`${label} does not drop ALL capabilities`);
  if (add.length > 0) problems.push(`${label} adds ${add.join(", ")}`);
  const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
  if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost")
    problems.push(`${label} seccompProfile is ${seccomp ?? "unset"}`);
  if (sc.readOnlyRootFilesystem !== true)
    problems.push(`${label} readOnlyRootFilesystem is not true`);
  // biome-ignore lint/suspicious/noExplicitAny: ports are untyped JSON
  if (((container.ports as any[]) ?? []).some((p) => p.hostPort !== undefined && p.hostPort !== 0))
    problems.push(`${label} uses a hostPort`);
  return problems;
}

export const k8sPodRestrictedSecurityContext: ResourceControl = {
  id: "HC-K8S-02",
  name: "k8s-pod-restricted-security-context",
  description:
    "Every pod outside the system namespaces meets the Pod Security Standard restricted and has a read-only root filesystem.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: K8S_WORKLOADS,
  remediation:
    "Set runAsNonRoot, allowPrivilegeEscalation false, capabilities.drop [ALL], seccompProfile RuntimeDefault and readOnlyRootFilesystem; use no host namespaces, hostPath or hostPort.",
  scope: "resource",
  appliesTo: (workload) => !isSystemWorkload(workload) && podSpecOf(workload) !== undefined,
  check: (workload) => {
    const spec = podSpecOf(workload) as PodSpec;
    const pod = spec.securityContext ?? {};
    const problems = [
      ...podProblems(spec),
      ...containersOf(spec).flatMap(({ label, container }) =>
        containerProblems(label, container, pod),
      ),
    ];
    return problems.length === 0
      ? []
      : [
          `Workload ${objectName(workload)} must meet Pod Security restricted: ${problems.join("; ")}.`,
        ];
  },
};
