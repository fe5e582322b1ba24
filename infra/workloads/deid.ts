import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IJobSpec } from "kubernetes-models/batch/v1/JobSpec";
import type { StackConfig } from "../config";
import { workloads } from "../names";
import type { DataLocations } from "./locations";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./podSpec";

// The de-identification Job: an Indexed Job whose pods each take one shard of the raw
// notes and write it, de-identified, to the de-identified bucket.

/** Limits of one de-identification run. */
export const deidJobLimits = {
  /** Retries across all shards before the Job fails, so a bad input cannot loop on PHI. */
  backoffLimit: 3,
  activeDeadlineSeconds: 6 * 3600,
  /**
   * Finished pods and logs stay a day for inspection, then Kubernetes deletes the Job.
   * NOTE: once the Job is gone, `pulumi up --refresh` creates it again and reruns it.
   */
  ttlSecondsAfterFinished: 24 * 3600,
};

/** Kubernetes Secret with the HMAC key that makes surrogates consistent across runs. */
export const surrogateKeySecret = { name: "deid-surrogate-key", key: "key" } as const;

const surrogateKeyDir = "/var/run/secrets/hcft";

/**
 * Builds the entry point's arguments: input, output, the shard count and the mode. With
 * `--shard /N` the job reads its index from JOB_COMPLETION_INDEX, which the Job
 * controller sets per pod. Surrogate mode reads its key from the mounted Secret file.
 */
export function buildDeidArgs(config: StackConfig, locations: DataLocations): string[] {
  const args = [
    "--input",
    locations.deidInput,
    "--output",
    locations.deidOutput,
    "--shard",
    `/${config.deid.shards}`,
    "--mode",
    config.deid.mode,
  ];
  if (config.deid.keepFacilities) args.push("--keep-facilities");
  if (config.deid.mode === "surrogate") {
    args.push("--secret-file", `${surrogateKeyDir}/${surrogateKeySecret.key}`);
  }
  if (locations.lineage !== null) args.push("--audit", locations.lineage);
  return args;
}

/** Builds the Indexed Job with completions and parallelism equal to the shard count. */
export function buildDeidJob(
  config: StackConfig,
  locations: DataLocations,
): IJob & { spec: IJobSpec } {
  const { namespace, serviceAccount } = workloads.deid;
  const labels = { "app.kubernetes.io/name": "deid", "app.kubernetes.io/part-of": "hcft" };
  const surrogate = config.deid.mode === "surrogate";
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "deid", namespace, labels },
    spec: {
      completionMode: "Indexed",
      completions: config.deid.shards,
      parallelism: config.deid.shards,
      ...deidJobLimits,
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: serviceAccount,
          // Pod Identity mounts its own token; the pod never calls the Kubernetes API.
          automountServiceAccountToken: false,
          restartPolicy: "Never",
          securityContext: restrictedPodSecurityContext(),
          containers: [
            {
              name: "deid",
              image: config.images.deid,
              args: buildDeidArgs(config, locations),
              env: [
                { name: "AWS_REGION", value: config.region },
                // The job copies this into its lineage record, so each run names its image.
                { name: "HCFT_IMAGE_DIGEST", value: config.images.deid },
              ],
              securityContext: restrictedContainerSecurityContext(),
              resources: {
                requests: { cpu: "1", memory: "2Gi", "ephemeral-storage": "1Gi" },
                limits: { memory: "4Gi", "ephemeral-storage": "4Gi" },
              },
              volumeMounts: [
                { name: "tmp", mountPath: "/tmp" },
                ...(surrogate
                  ? [{ name: "surrogate-key", mountPath: surrogateKeyDir, readOnly: true }]
                  : []),
              ],
            },
          ],
          volumes: [
            { name: "tmp", emptyDir: { sizeLimit: "4Gi" } },
            ...(surrogate
              ? [
                  {
                    name: "surrogate-key",
                    secret: { secretName: surrogateKeySecret.name, defaultMode: 0o440 },
                  },
                ]
              : []),
          ],
        },
      },
    },
  };
}
