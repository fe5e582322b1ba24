import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IDeploymentSpec } from "kubernetes-models/apps/v1/DeploymentSpec";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { IService } from "kubernetes-models/v1/Service";
import type { StackConfig } from "../config";
import { workloads } from "../names";
import type { SizingPlan } from "../sizing/types";
import { servingPort } from "./guardrails";
import type { DataLocations } from "./locations";
import {
  gpuContainerResources,
  gpuNodeSelector,
  gpuTolerations,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  s3CopyContainer,
  scratchVolume,
  shellQuote,
} from "./podSpec";
import { adapterName, buildVllmArgs, servingPaths } from "./vllm";

// vLLM serving: a Deployment whose init container copies the weights (and the adapter)
// from the artifacts bucket, a ClusterIP Service and a PodDisruptionBudget.

const appName = "vllm";
const labels = { "app.kubernetes.io/name": appName, "app.kubernetes.io/part-of": "hcft" };

/** Returns the Service's in-cluster URL. */
export function servingAddress(): string {
  return `http://${appName}.${workloads.serving.namespace}.svc.cluster.local:${servingPort}`;
}

function healthProbe(periodSeconds: number, failureThreshold: number): IProbe {
  return {
    httpGet: { path: "/health", port: "http" },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 5,
  };
}

// Copies the weights and, when serving an adapter, the adapter too. The adapter check
// fails until training has written adapter_config.json, so the pod retries its init
// container with backoff instead of starting vLLM without the adapter.
function copyWeights(config: StackConfig, locations: DataLocations, copyImage: string) {
  const copies: Array<[string, string]> = [[locations.servingWeights, servingPaths.weights]];
  const adapterDir = `${servingPaths.adapters}/${adapterName(config)}`;
  if (locations.servingAdapter) copies.push([locations.servingAdapter, adapterDir]);
  const container = s3CopyContainer("fetch-weights", copyImage, config.region, copies, [
    { name: "models", mountPath: "/models" },
  ]);
  if (locations.servingAdapter) {
    container.args = [
      `${container.args![0]} && test -f ${shellQuote(`${adapterDir}/adapter_config.json`)}`,
    ];
  }
  return container;
}

/** Builds the vLLM Deployment: GPUs from the tensor-parallel size, on the serving pool. */
export function buildServingDeployment(
  config: StackConfig,
  sizing: SizingPlan,
  locations: DataLocations,
  copyImage: string,
): IDeployment & { spec: IDeploymentSpec } {
  const serving = sizing.serving;
  if (!config.serving.enabled || !serving) {
    throw new Error("buildServingDeployment needs serving.enabled: true and a serving sizing plan");
  }
  const gpus = serving.tensorParallelSize;
  // The bf16 weights bound every served format; adapters add little on top.
  const weightsGiB = Math.ceil(sizing.modelWeightsGiB * 1.1);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: appName,
      namespace: workloads.serving.namespace,
      labels,
      // Copying weights can outlast Pulumi's await timeout; the probes track readiness.
      annotations: { "pulumi.com/skipAwait": "true" },
    },
    spec: {
      replicas: config.serving.replicas,
      selector: { matchLabels: labels },
      // No surge: every GPU of the pool is in use, so a surge pod could never schedule.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: workloads.serving.serviceAccount,
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext(),
          nodeSelector: gpuNodeSelector("serving"),
          tolerations: gpuTolerations(),
          initContainers: [copyWeights(config, locations, copyImage)],
          containers: [
            {
              name: appName,
              image: config.images.vllm,
              command: ["vllm", "serve"],
              args: buildVllmArgs(config, serving, locations.servingAdapter !== null),
              ports: [{ name: "http", containerPort: servingPort, protocol: "TCP" }],
              env: [
                { name: "HF_HUB_OFFLINE", value: "1" },
                { name: "TRANSFORMERS_OFFLINE", value: "1" },
                // vLLM sends usage statistics to an external server unless these are set.
                { name: "VLLM_NO_USAGE_STATS", value: "1" },
                { name: "DO_NOT_TRACK", value: "1" },
                { name: "HOME", value: "/cache/home" },
                { name: "HF_HOME", value: "/cache/hf" },
                { name: "VLLM_CACHE_ROOT", value: "/cache/vllm" },
                { name: "TRITON_CACHE_DIR", value: "/cache/triton" },
              ],
              securityContext: restrictedContainerSecurityContext(),
              resources: gpuContainerResources(gpus),
              // Loading weights takes minutes: the startup probe allows 30 of them before
              // the liveness probe takes over.
              startupProbe: healthProbe(10, 180),
              readinessProbe: healthProbe(10, 3),
              livenessProbe: healthProbe(20, 3),
              volumeMounts: [
                { name: "models", mountPath: "/models", readOnly: true },
                { name: "cache", mountPath: "/cache" },
                { name: "shm", mountPath: "/dev/shm" },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            scratchVolume("models", weightsGiB + 5),
            scratchVolume("cache", 20),
            scratchVolume("shm", Math.min(64, 8 * gpus), true),
            scratchVolume("tmp", 10),
          ],
        },
      },
    },
  };
}

/** Builds the ClusterIP Service; serving is never exposed outside the cluster. */
export function buildServingService(): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: appName, namespace: workloads.serving.namespace, labels },
    spec: {
      type: "ClusterIP",
      selector: labels,
      ports: [{ name: "http", port: servingPort, targetPort: "http", protocol: "TCP" }],
    },
  };
}

/**
 * Builds the PodDisruptionBudget: one replica at a time may be evicted, so node drains
 * proceed with a single replica and keep the others serving with several.
 */
export function buildServingPdb(): IPodDisruptionBudget {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: appName, namespace: workloads.serving.namespace },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  };
}
