import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { NodeGroupSpec } from "./nodes";

// AL2023 EKS AMIs boot from /dev/xvda; the launch template replaces that root volume.
const rootDeviceName = "/dev/xvda";

/**
 * Builds the launch template of one node group: IMDSv2 only, a KMS-encrypted gp3 root
 * volume and no SSH key. The template sets no AMI and no instance
 * type, so EKS picks the AMI from the node group's AMI type and bootstraps the node.
 */
export function buildLaunchTemplateArgs(
  spec: NodeGroupSpec,
  volumeKeyArn: pulumi.Input<string>,
  tags: Record<string, string>,
): aws.ec2.LaunchTemplateArgs {
  const nodeTags = { ...tags, "hcft:pool": spec.pool };
  return {
    description: `EKS ${spec.pool} nodes: IMDSv2, encrypted gp3 root volume`,
    updateDefaultVersion: true,
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      // Pods sit one network hop behind the node, so hop limit 1 keeps the node role's
      // credentials out of their reach. Workloads get credentials from Pod Identity.
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    },
    blockDeviceMappings: [
      {
        deviceName: rootDeviceName,
        ebs: {
          volumeType: "gp3",
          volumeSize: spec.rootVolumeGiB,
          encrypted: "true",
          kmsKeyId: volumeKeyArn,
          deleteOnTermination: "true",
          // gp3 baseline performance, included in its price.
          iops: 3000,
          throughput: 125,
        },
      },
    ],
    // No network interface block: EC2 rejects a custom interface without security groups,
    // and without one EKS attaches the cluster security group. Nodes get no public
    // address because the node groups use only private subnets, which assign none.
    monitoring: { enabled: true },
    tagSpecifications: [
      { resourceType: "instance", tags: nodeTags },
      { resourceType: "volume", tags: nodeTags },
    ],
    tags: nodeTags,
  };
}
