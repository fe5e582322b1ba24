import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDaemonSetSpec } from "kubernetes-models/apps/v1/DaemonSetSpec";
import { gpuPresentLabel, gpuResource, poolLabel } from "./nodes";

// The NVIDIA device plugin advertises `nvidia.com/gpu` to the kubelet. EKS AL2023 NVIDIA
// AMIs ship the driver and the container toolkit but not the plugin, so the cluster runs
// it as a DaemonSet on the GPU pools only.

/**
 * NVIDIA k8s-device-plugin v0.17.0 as published on nvcr.io, with the digest that
 * minikube's nvidia-device-plugin addon pins for that tag in its addon image table.
 */
export const devicePluginUpstream = {
  image: "nvcr.io/nvidia/k8s-device-plugin",
  tag: "v0.17.0",
  digest: "sha256:7089559ce6153018806857f5049085bae15b3bf6f1c8bd19d8b12f707d087dea",
} as const;

/**
 * Decides the device plugin image: the upstream image mirrored, with the same digest,
 * into the registry the stack's own images come from. Nodes without internet egress
 * pull only from the account's ECR, and image policy admits only approved registries.
 * NOTE: someone must copy the image there first (an ECR pull-through cache or a copy).
 */
export function decideDevicePluginImage(projectImage: string): string {
  const registry = projectImage.split("/")[0];
  if (!registry?.includes(".")) {
    throw new Error(
      `cannot find a registry host in image ${projectImage}; ` +
        "expected <registry host>/<repository>@sha256:<digest>",
    );
  }
  const { tag, digest } = devicePluginUpstream;
  return `${registry}/nvidia/k8s-device-plugin:${tag}@${digest}`;
}

const devicePluginPath = "/var/lib/kubelet/device-plugins";

/** Builds the device plugin DaemonSet: on GPU pool nodes only, tolerating the GPU taint. */
export function buildDevicePluginDaemonSet(
  image: string,
  gpuPools: string[],
): IDaemonSet & { spec: IDaemonSetSpec } {
  if (!/@sha256:[a-f0-9]{64}$/.test(image)) {
    throw new Error(
      `device plugin image must be pinned by digest (got ${image}); ` +
        "expected <registry>/<repository>:<tag>@sha256:<64 hex digits>",
    );
  }
  if (gpuPools.length === 0) {
    throw new Error("the device plugin needs at least one GPU pool to select (got none)");
  }
  const labels = { "app.kubernetes.io/name": "nvidia-device-plugin" };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "nvidia-device-plugin", namespace: "kube-system", labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: "system-node-critical",
          // Both expressions sit in one term, so a node must be a GPU node AND in a GPU pool.
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: [
                      { key: gpuPresentLabel, operator: "In", values: ["true"] },
                      { key: poolLabel, operator: "In", values: gpuPools },
                    ],
                  },
                ],
              },
            },
          },
          tolerations: [
            { key: gpuResource, operator: "Exists", effect: "NoSchedule" },
            { key: "CriticalAddonsOnly", operator: "Exists" },
          ],
          containers: [
            {
              name: "nvidia-device-plugin",
              image,
              env: [{ name: "FAIL_ON_INIT_ERROR", value: "true" }],
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
              },
              resources: {
                requests: { cpu: "50m", memory: "64Mi" },
                limits: { memory: "256Mi" },
              },
              volumeMounts: [{ name: "device-plugin", mountPath: devicePluginPath }],
            },
          ],
          // The kubelet's device plugin socket directory; kube-system is not under the
          // restricted Pod Security level, so this hostPath is allowed there.
          volumes: [{ name: "device-plugin", hostPath: { path: devicePluginPath } }],
        },
      },
    },
  };
}
