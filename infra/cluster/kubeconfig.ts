// Pure builders for the cluster's kubeconfig and the IAM documents its roles use.

/** Inputs of a kubeconfig for one EKS cluster. */
export interface KubeconfigInput {
  clusterName: string;
  endpoint: string;
  /** Base64 certificate authority data, as EKS returns it. */
  certificateAuthorityData: string;
  region: string;
  /** Role that `aws eks get-token` assumes, which has the cluster admin access entry. */
  roleArn: string;
}

/**
 * Builds a kubeconfig that authenticates with `aws eks get-token` (exec credential
 * plugin, client.authentication.k8s.io/v1beta1). The token is minted for the admin role,
 * so the identity that runs Pulumi needs permission to assume it and network access to
 * the private endpoint (from inside the VPC or over a VPN).
 */
export function buildKubeconfig(input: KubeconfigInput): string {
  const name = input.clusterName;
  const kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        cluster: {
          server: input.endpoint,
          "certificate-authority-data": input.certificateAuthorityData,
        },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: [
              "eks",
              "get-token",
              "--cluster-name",
              name,
              "--region",
              input.region,
              "--role-arn",
              input.roleArn,
              "--output",
              "json",
            ],
            interactiveMode: "Never",
          },
        },
      },
    ],
  };
  return JSON.stringify(kubeconfig);
}

/** Returns the AWS partition of a region, for managed policy ARNs. */
export function partitionOf(region: string): "aws" | "aws-us-gov" {
  return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** Builds a trust policy that lets one AWS service assume a role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: ["sts:AssumeRole", "sts:TagSession"],
      },
    ],
  });
}

/**
 * Builds the cluster role's policy for the secrets key, which EKS uses to encrypt the
 * data keys that protect Kubernetes Secrets. It allows that one key ARN only.
 */
export function secretsKeyPolicy(keyArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnvelopeEncryptKubernetesSecrets",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
        Resource: keyArn,
      },
      {
        Sid: "GrantsForAwsResourcesOnly",
        Effect: "Allow",
        Action: "kms:CreateGrant",
        Resource: keyArn,
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  });
}

/** Managed policies every EKS worker node needs, by name (prefix with the partition ARN). */
export const workerNodePolicies = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryReadOnly",
] as const;
