// Names that several parts must agree on: the Kubernetes namespaces and service
// accounts of the three workloads (IAM roles are bound to them through EKS Pod
// Identity) and the tags every AWS resource carries.

export const workloads = {
  deid: { namespace: "hcft-deid", serviceAccount: "deid-job" },
  training: { namespace: "hcft-training", serviceAccount: "trainer" },
  serving: { namespace: "hcft-serving", serviceAccount: "vllm" },
} as const;

export type WorkloadName = keyof typeof workloads;

/** Label that marks a namespace whose pods may call the serving endpoint. */
export const servingClientLabel = "hcft.io/serving-client";

/** Data classifications carried by the `data-classification` tag. */
export type DataClassification =
  | "phi"
  | "deidentified"
  | "model-artifacts"
  | "audit-logs"
  | "internal";

/** Tags every AWS resource of the environment carries; parts add classification and purpose. */
export function baseTags(
  environment: string,
  jurisdiction: "IN" | "US" | "none",
): Record<string, string> {
  return {
    project: "hcft",
    environment,
    jurisdiction,
    "managed-by": "pulumi",
  };
}
