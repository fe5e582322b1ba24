import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import type { IToleration } from "kubernetes-models/v1/Toleration";
import type { IVolume } from "kubernetes-models/v1/Volume";
import { gpuPresentLabel, gpuResource, poolLabel } from "../cluster/nodes";

// Pod building blocks every workload shares. Together they meet the Pod Security
// "restricted" level that the workload namespaces enforce.

/** UID and GID the workloads run as; any non-zero id satisfies runAsNonRoot. */
export const workloadUid = 1000;

/** Pod-level security context: non-root, RuntimeDefault seccomp, files owned by the group. */
export function restrictedPodSecurityContext(): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: workloadUid,
    runAsGroup: workloadUid,
    fsGroup: workloadUid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level security context: no privilege escalation, no capabilities, read-only root. */
export function restrictedContainerSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Toleration of the GPU node taint. */
export function gpuTolerations(): IToleration[] {
  return [{ key: gpuResource, operator: "Exists", effect: "NoSchedule" }];
}

/**
 * Builds the resources of a GPU container: the GPUs as request and limit, with CPU and
 * memory requests that fit the smallest GPU instances (4 vCPUs and 16 GiB per GPU). There
 * is no CPU or memory limit because nothing else large runs on a GPU node.
 */
export function gpuContainerResources(gpus: number): IResourceRequirements {
  return {
    requests: { [gpuResource]: String(gpus), cpu: String(2 * gpus), memory: `${8 * gpus}Gi` },
    limits: { [gpuResource]: String(gpus) },
  };
}

/** Node selector onto one GPU pool. */
export function gpuNodeSelector(pool: "training" | "serving"): Record<string, string> {
  return { [poolLabel]: pool, [gpuPresentLabel]: "true" };
}

/** Builds a writable emptyDir, optionally memory-backed, with a size limit in GiB. */
export function scratchVolume(name: string, sizeGiB: number, memory = false): IVolume {
  return {
    name,
    emptyDir: memory
      ? { medium: "Memory", sizeLimit: `${sizeGiB}Gi` }
      : { sizeLimit: `${sizeGiB}Gi` },
  };
}

/**
 * Builds an init container that copies S3 prefixes into local folders with the AWS CLI, using
 * the Pod Identity credentials of the pod's service account. Each pair is source URI and
 * target folder.
 */
export function s3CopyContainer(
  name: string,
  image: string,
  region: string,
  copies: Array<[source: string, target: string]>,
  mounts: IContainer["volumeMounts"],
): IContainer {
  const script = copies
    .map(
      ([source, target]) =>
        `aws s3 sync --only-show-errors --no-progress ${shellQuote(source)} ${shellQuote(target)}`,
    )
    .join(" && ");
  return {
    name,
    image,
    command: ["/bin/sh", "-c"],
    args: [`set -eu; ${script}`],
    env: [
      { name: "AWS_REGION", value: region },
      { name: "HOME", value: "/tmp" },
    ],
    securityContext: restrictedContainerSecurityContext(),
    resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "2Gi" } },
    volumeMounts: [...(mounts ?? []), { name: "tmp", mountPath: "/tmp" }],
  };
}

/** Quotes one shell word; rejects values that contain a single quote. */
export function shellQuote(value: string): string {
  if (value.includes("'")) {
    throw new Error(
      `cannot quote ${JSON.stringify(value)} for a shell: it contains a single quote`,
    );
  }
  return `'${value}'`;
}
