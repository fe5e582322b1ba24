import { EKS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const eksClusterSecretsEncryption: ResourceControl = {
  id: "HC-EKS-02",
  name: "eks-cluster-secrets-encryption",
  description: "Every EKS cluster encrypts Kubernetes secrets with a customer-managed KMS key.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(2)(iv)"], dpdp: ["Rule 6(1)(a)"] },
  resourceTypes: [EKS.cluster],
  remediation:
    'Set encryptionConfig with resources ["secrets"] and provider.keyArn of a customer-managed key.',
  scope: "resource",
  check: (cluster) => {
    const config = cluster.props.encryptionConfig;
    const coversSecrets = ((config?.resources as string[]) ?? []).includes("secrets");
    const key = config?.provider?.keyArn;
    if (coversSecrets && typeof key === "string" && key !== "") return [];
    return [
      `EKS cluster ${cluster.name} must encrypt secrets with a customer-managed KMS key, but encryptionConfig does not.`,
    ];
  },
};
