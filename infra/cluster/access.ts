import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

// Cluster access entries and EKS addons, created as children of the GpuCluster.

/**
 * Creates the access entry and the AmazonEKSClusterAdminPolicy association that make the
 * configured role the cluster's only administrator. Returns the association, which the
 * Kubernetes provider must wait for.
 */
export function createAdminAccess(
  name: string,
  clusterName: pulumi.Input<string>,
  adminRoleArn: string,
  partition: string,
  parent: pulumi.Resource,
): aws.eks.AccessPolicyAssociation {
  const entry = new aws.eks.AccessEntry(
    `${name}-admin-access`,
    { clusterName, principalArn: adminRoleArn, type: "STANDARD" },
    { parent },
  );
  return new aws.eks.AccessPolicyAssociation(
    `${name}-admin-policy`,
    {
      clusterName,
      principalArn: entry.principalArn,
      policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      accessScope: { type: "cluster" },
    },
    { parent },
  );
}

/** The addons every node needs before it turns Ready, and CoreDNS, which needs nodes. */
export interface ClusterAddons {
  beforeNodes: aws.eks.Addon[];
  createCoreDns(systemNodes: pulumi.Resource): aws.eks.Addon;
}

/**
 * Creates the VPC CNI (with NetworkPolicy enforcement), kube-proxy and the Pod Identity
 * agent, and returns a function that adds CoreDNS once the system nodes exist. Addon
 * versions are left to EKS, which installs the default for the cluster's version.
 */
export function createAddons(
  name: string,
  clusterName: pulumi.Input<string>,
  tags: Record<string, string>,
  parent: pulumi.Resource,
): ClusterAddons {
  const addon = (addonName: string, extra: Partial<aws.eks.AddonArgs>, deps: pulumi.Resource[]) =>
    new aws.eks.Addon(
      `${name}-${addonName}`,
      {
        clusterName,
        addonName,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        tags,
        ...extra,
      },
      { parent, dependsOn: deps },
    );

  // The VPC CNI enforces NetworkPolicy objects only when this flag is on, and the
  // workload namespaces rely on it for their default-deny policies.
  const vpcCni = addon(
    "vpc-cni",
    { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) },
    [],
  );
  return {
    beforeNodes: [vpcCni, addon("kube-proxy", {}, []), addon("eks-pod-identity-agent", {}, [])],
    createCoreDns: (systemNodes) => addon("coredns", {}, [systemNodes]),
  };
}
