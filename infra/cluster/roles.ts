import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secretsKeyPolicy, serviceTrustPolicy, workerNodePolicies } from "./kubeconfig";

// The two IAM roles the cluster itself needs. Workload roles (de-identification,
// training, serving) and their Pod Identity associations belong to infra/security.

/** Creates the EKS control plane role, allowed to use only the given secrets key. */
export function createClusterRole(
  name: string,
  partition: string,
  secretsKeyArn: pulumi.Input<string>,
  tags: Record<string, string>,
  parent: pulumi.Resource,
): { role: aws.iam.Role; dependencies: pulumi.Resource[] } {
  const role = new aws.iam.Role(
    `${name}-cluster-role`,
    { assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com"), tags },
    { parent },
  );
  const policy = new aws.iam.RolePolicyAttachment(
    `${name}-cluster-policy`,
    { role: role.name, policyArn: `arn:${partition}:iam::aws:policy/AmazonEKSClusterPolicy` },
    { parent },
  );
  const keyPolicy = new aws.iam.RolePolicy(
    `${name}-cluster-secrets-key`,
    { role: role.id, policy: pulumi.output(secretsKeyArn).apply(secretsKeyPolicy) },
    { parent },
  );
  return { role, dependencies: [policy, keyPolicy] };
}

/** Creates the role every node group's instances run with, and its managed policies. */
export function createNodeRole(
  name: string,
  partition: string,
  tags: Record<string, string>,
  parent: pulumi.Resource,
): { role: aws.iam.Role; dependencies: pulumi.Resource[] } {
  const role = new aws.iam.Role(
    `${name}-node-role`,
    { assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"), tags },
    { parent },
  );
  const dependencies = workerNodePolicies.map(
    (policy) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-node-${policy}`,
        { role: role.name, policyArn: `arn:${partition}:iam::aws:policy/${policy}` },
        { parent },
      ),
  );
  return { role, dependencies };
}
