import { createHash } from "node:crypto";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IJobSpec } from "kubernetes-models/batch/v1/JobSpec";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IService } from "kubernetes-models/v1/Service";
import { stringify } from "yaml";
import type { StackConfig } from "../config";
import { workloads } from "../names";
import type { SizingPlan } from "../sizing/types";
import { buildAxolotlConfig, buildDeepspeedConfig, trainerPaths } from "./axolotl";
import { rendezvousPort } from "./guardrails";
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

// The training Job: init containers copy the base weights and the de-identified notes
// into the pod, Axolotl trains, and the result is synced to the artifacts bucket.

const jobName = "train";

/** Limits of one training run that do not depend on the dataset. */
export const trainingJobLimits = {
  /** One retry: a GPU run restarts from scratch, so more retries mostly burn money. */
  backoffLimit: 1,
  ttlSecondsAfterFinished: 3 * 24 * 3600,
};

/**
 * Decides the Job deadline from the sizing plan's estimate of hours for the dataset:
 * 1.5 times the estimate (it is a FLOPs-based estimate, not a measurement) plus an hour
 * for copying weights and data, rounded up to whole hours.
 */
export function decideTrainingDeadlineSeconds(hoursForDataset: number): number {
  if (!Number.isFinite(hoursForDataset) || hoursForDataset <= 0) {
    throw new Error(
      `sizing.training.throughput.hoursForDataset must be a positive number (got ${hoursForDataset})`,
    );
  }
  return Math.ceil(hoursForDataset * 1.5 + 1) * 3600;
}

/** Decides the memory-backed /dev/shm size: 8 GiB per GPU, at most 64 GiB. */
export function decideShmGiB(gpusPerPod: number): number {
  return Math.min(64, 8 * gpusPerPod);
}

/**
 * Decides the local space for the de-identified dataset: the configured examples times
 * tokens per example at about 4 bytes of UTF-8 text per token, doubled for JSON framing
 * and the report files, at least 1 GiB. An estimate from the config, not a measured size.
 */
export function decideDatasetGiB(config: StackConfig): number {
  const bytes = config.training.datasetExamples * config.training.datasetTokensPerExample * 4 * 2;
  return Math.max(1, Math.ceil(bytes / 2 ** 30));
}

/** GPUs each training pod requests: the plan's total spread evenly over its nodes. */
export function decideGpusPerPod(sizing: SizingPlan): number {
  const { gpusUsed, nodeCount } = sizing.training.instance;
  if (gpusUsed % nodeCount !== 0) {
    throw new Error(
      `sizing.training.instance.gpusUsed (${gpusUsed}) must divide evenly over nodeCount ` +
        `(${nodeCount}); fix the sizing plan so each node runs the same number of GPUs`,
    );
  }
  return gpusUsed / nodeCount;
}

/** Builds the ConfigMap with the Axolotl config and, for ZeRO, the DeepSpeed config. */
export function buildTrainerConfigMap(config: StackConfig, sizing: SizingPlan): IConfigMap {
  const data: Record<string, string> = {
    "axolotl.yaml": stringify(buildAxolotlConfig(config, sizing)),
  };
  const parallelism = sizing.training.parallelism;
  if (parallelism === "zero2" || parallelism === "zero3") {
    const stage = parallelism === "zero2" ? 2 : 3;
    data["deepspeed.json"] = JSON.stringify(buildDeepspeedConfig(stage), null, 2);
  }
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "axolotl-config", namespace: workloads.training.namespace },
    data,
  };
}

/**
 * Builds the trainer's shell command: train, then upload from the first node only. A
 * device map runs one Python process over all GPUs. Every other layout runs one torchrun
 * worker per GPU, and with several nodes pod 0 of the Indexed Job hosts the rendezvous
 * under its stable name <job>-0.<headless service>.
 */
export function buildTrainCommand(sizing: SizingPlan, locations: DataLocations): string {
  const nodes = sizing.training.instance.nodeCount;
  // Only the final adapter or weights are uploaded. The intermediate checkpoint-* folders
  // carry optimizer states (about 5x the weights for full fine-tuning) that serving would
  // otherwise copy too.
  const upload = [
    "aws s3 sync --only-show-errors --no-progress --exclude 'checkpoint-*'",
    trainerPaths.output,
    shellQuote(locations.trainingOutput),
  ].join(" ");
  const train = "-m axolotl.cli.train";
  if (sizing.training.parallelism === "device_map") {
    if (nodes > 1) {
      throw new Error(
        `a device_map layout runs on one node, but the sizing plan has ${nodes}; ` +
          "use fsdp or zero3 to train across nodes",
      );
    }
    return `set -eu; python ${train} ${trainerPaths.config}; ${upload}`;
  }
  const torchrun = [
    "torchrun",
    `--nnodes=${nodes}`,
    `--nproc-per-node=${decideGpusPerPod(sizing)}`,
  ];
  if (nodes === 1) {
    const launch = [...torchrun, "--standalone", train, trainerPaths.config].join(" ");
    return `set -eu; ${launch}; ${upload}`;
  }
  const launch = [
    ...torchrun,
    '--node-rank="$JOB_COMPLETION_INDEX"',
    `--master-addr=${jobName}-0.${jobName}`,
    `--master-port=${rendezvousPort}`,
    train,
    trainerPaths.config,
  ].join(" ");
  return `set -eu; ${launch}; if [ "$JOB_COMPLETION_INDEX" = 0 ]; then ${upload}; fi`;
}

/** Builds the headless Service that gives multi-node training pods stable DNS names. */
export function buildRendezvousService(): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: jobName, namespace: workloads.training.namespace },
    spec: {
      clusterIP: "None",
      selector: { "app.kubernetes.io/name": "trainer" },
      ports: [{ name: "rendezvous", port: rendezvousPort, protocol: "TCP" }],
    },
  };
}

/** Builds the training Job: GPUs from the plan, on the training pool, with deadlines. */
export function buildTrainingJob(
  config: StackConfig,
  sizing: SizingPlan,
  locations: DataLocations,
  copyImage: string,
): IJob & { spec: IJobSpec } {
  const { namespace, serviceAccount } = workloads.training;
  const nodes = sizing.training.instance.nodeCount;
  const gpus = decideGpusPerPod(sizing);
  const weightsGiB = Math.ceil(sizing.modelWeightsGiB * 1.2);
  const labels = { "app.kubernetes.io/name": "trainer", "app.kubernetes.io/part-of": "hcft" };
  const configMap = buildTrainerConfigMap(config, sizing);
  // A changed trainer config changes the pod template, so Pulumi replaces the Job.
  const configHash = createHash("sha256").update(JSON.stringify(configMap.data)).digest("hex");
  const mounts = {
    models: { name: "models", mountPath: "/models" },
    data: { name: "data", mountPath: "/data" },
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName,
      namespace,
      labels,
      // `pulumi up` does not wait hours for training to finish.
      annotations: { "pulumi.com/skipAwait": "true" },
    },
    spec: {
      completionMode: "Indexed",
      completions: nodes,
      parallelism: nodes,
      backoffLimit: trainingJobLimits.backoffLimit,
      ttlSecondsAfterFinished: trainingJobLimits.ttlSecondsAfterFinished,
      activeDeadlineSeconds: decideTrainingDeadlineSeconds(
        sizing.training.throughput.hoursForDataset,
      ),
      template: {
        metadata: { labels, annotations: { "hcft.io/config-sha256": configHash } },
        spec: {
          serviceAccountName: serviceAccount,
          automountServiceAccountToken: false,
          restartPolicy: "Never",
          ...(nodes > 1 ? { subdomain: jobName } : {}),
          securityContext: restrictedPodSecurityContext(),
          nodeSelector: gpuNodeSelector("training"),
          tolerations: gpuTolerations(),
          initContainers: [
            s3CopyContainer(
              "fetch-inputs",
              copyImage,
              config.region,
              [
                [locations.baseWeights, trainerPaths.baseModel],
                [locations.trainingInput, trainerPaths.dataset],
              ],
              [mounts.models, mounts.data],
            ),
          ],
          containers: [
            {
              name: "axolotl",
              image: config.images.trainer,
              command: ["/bin/sh", "-c"],
              args: [buildTrainCommand(sizing, locations)],
              env: [
                { name: "AWS_REGION", value: config.region },
                { name: "HF_HUB_OFFLINE", value: "1" },
                { name: "HF_DATASETS_OFFLINE", value: "1" },
                { name: "WANDB_MODE", value: "disabled" },
                { name: "HOME", value: "/work/home" },
                { name: "HF_HOME", value: "/work/hf" },
                { name: "TRITON_CACHE_DIR", value: "/work/triton" },
              ],
              securityContext: restrictedContainerSecurityContext(),
              resources: gpuContainerResources(gpus),
              volumeMounts: [
                { name: "config", mountPath: "/config", readOnly: true },
                { ...mounts.models, readOnly: true },
                { ...mounts.data, readOnly: true },
                { name: "work", mountPath: "/work" },
                { name: "shm", mountPath: "/dev/shm" },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: configMap.metadata!.name! } },
            scratchVolume("models", weightsGiB),
            scratchVolume("data", decideDatasetGiB(config)),
            // Checkpoints: up to about 6x the bf16 weights for full fine-tuning.
            scratchVolume("work", config.training.method === "full" ? weightsGiB * 6 : weightsGiB),
            scratchVolume("shm", decideShmGiB(gpus), true),
            scratchVolume("tmp", 10),
          ],
        },
      },
    },
  };
}
