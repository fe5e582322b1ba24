import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import type { SizingPlan } from "../sizing/types";
import { createAddons, createAdminAccess } from "./access";
import { buildDevicePluginDaemonSet, decideDevicePluginImage } from "./devicePlugin";
import { buildKubeconfig, partitionOf } from "./kubeconfig";
import { buildLaunchTemplateArgs } from "./launchTemplate";
import { decideNodeGroups, type NodeGroupSpec, type NodePool } from "./nodes";
import { createClusterRole, createNodeRole } from "./roles";

export * from "./devicePlugin";
export * from "./kubeconfig";
export * from "./launchTemplate";
export * from "./nodes";

/** Control plane log types; EKS has these five and all are sent to CloudWatch Logs. */
export const controlPlaneLogTypes = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
] as const;

export interface GpuClusterArgs {
  config: StackConfig;
  sizing: SizingPlan;
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  vpcCidr: pulumi.Input<string>;
  /** KMS key that envelope-encrypts Kubernetes Secrets. */
  secretsKeyArn: pulumi.Input<string>;
  /** KMS key of the nodes' root volumes. */
  volumeKeyArn: pulumi.Input<string>;
  tags: Record<string, string>;
  /**
   * NVIDIA device plugin image by digest; defaults to the upstream image mirrored into
   * the registry of `config.images.deid` (see decideDevicePluginImage).
   */
  devicePluginImage?: string;
}

/**
 * A private EKS cluster with a system node group and GPU node groups sized from the
 * SizingPlan, the EKS addons, a Kubernetes provider and the NVIDIA device plugin.
 */
export class GpuCluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly clusterArn: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly provider: k8s.Provider;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  readonly nodeGroupNames: Partial<Record<NodePool, pulumi.Output<string>>>;

  constructor(name: string, args: GpuClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:cluster:GpuCluster", name, {}, opts);
    const { config } = args;
    const partition = partitionOf(config.region);
    const displayName = `hcft-${config.environment}`;
    // The cluster's pods read raw notes during de-identification, so it processes PHI.
    const tags = { ...args.tags, "data-classification": "phi", purpose: "gpu-cluster" };

    // Decide the node groups first, so an invalid sizing plan fails before any resource.
    const groups = decideNodeGroups(config, args.sizing);
    const clusterRole = createClusterRole(name, partition, args.secretsKeyArn, tags, this);
    const nodeRole = createNodeRole(name, partition, tags, this);

    // The control plane admits the Kubernetes API only from inside the VPC.
    const controlPlaneSg = new aws.ec2.SecurityGroup(
      `${name}-control-plane-sg`,
      {
        vpcId: args.vpcId,
        description: "EKS API on 443 from the VPC only",
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.vpcCidr] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [args.vpcCidr] }],
        tags: { ...tags, Name: `${displayName}-control-plane` },
      },
      { parent: this },
    );

    // Private endpoint only, Secrets envelope-encrypted, every log type on, and access
    // only through access entries (no aws-auth ConfigMap, no implicit creator admin).
    const cluster = new aws.eks.Cluster(
      `${name}-cluster`,
      {
        name: displayName,
        version: config.cluster.kubernetesVersion,
        roleArn: clusterRole.role.arn,
        vpcConfig: {
          subnetIds: args.privateSubnetIds,
          securityGroupIds: [controlPlaneSg.id],
          endpointPrivateAccess: true,
          endpointPublicAccess: false,
        },
        encryptionConfig: { provider: { keyArn: args.secretsKeyArn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...controlPlaneLogTypes],
        accessConfig: {
          authenticationMode: "API",
          bootstrapClusterCreatorAdminPermissions: false,
        },
        // Standard support only: at the end of standard support EKS upgrades the control
        // plane instead of billing extended support, so keep kubernetesVersion current.
        upgradePolicy: { supportType: "STANDARD" },
        tags: { ...tags, Name: displayName },
      },
      { parent: this, dependsOn: clusterRole.dependencies },
    );

    // The admin role from config is the only cluster administrator. Addons that run
    // without nodes come first, and CoreDNS waits for the system nodes.
    const adminPolicy = createAdminAccess(
      name,
      cluster.name,
      config.cluster.adminRoleArn,
      partition,
      this,
    );
    const addons = createAddons(name, cluster.name, tags, this);

    const nodeGroups = new Map<NodePool, aws.eks.NodeGroup>();
    for (const spec of groups) {
      const nodeGroup = this.createNodeGroup(name, spec, {
        clusterName: cluster.name,
        nodeRoleArn: nodeRole.role.arn,
        subnetIds: args.privateSubnetIds,
        volumeKeyArn: args.volumeKeyArn,
        version: config.cluster.kubernetesVersion,
        tags,
        dependsOn: [...nodeRole.dependencies, ...addons.beforeNodes],
      });
      nodeGroups.set(spec.pool, nodeGroup);
    }
    addons.createCoreDns(nodeGroups.get("system")!);

    // A kubeconfig whose token is minted for the admin role, kept secret in the state.
    const kubeconfig = pulumi.secret(
      pulumi
        .all([cluster.name, cluster.endpoint, cluster.certificateAuthority])
        .apply(([clusterName, endpoint, ca]) =>
          buildKubeconfig({
            clusterName,
            endpoint,
            certificateAuthorityData: ca.data ?? "",
            region: config.region,
            roleArn: config.cluster.adminRoleArn,
          }),
        ),
    );
    const provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig, enableServerSideApply: true },
      { parent: this, dependsOn: [adminPolicy] },
    );

    // The device plugin runs on GPU pools only; the CPU system pool never gets it.
    const gpuPools = groups.filter((g) => g.gpu).map((g) => g.pool);
    const daemonSet = buildDevicePluginDaemonSet(
      args.devicePluginImage ?? decideDevicePluginImage(config.images.deid),
      gpuPools,
    );
    new k8s.apps.v1.DaemonSet(
      `${name}-nvidia-device-plugin`,
      // kubernetes-models types quantities as string | number and Pulumi as string; the
      // builder writes strings only, so the cast changes no value.
      {
        metadata: daemonSet.metadata,
        spec: daemonSet.spec as k8s.types.input.apps.v1.DaemonSetSpec,
      },
      { parent: this, provider, dependsOn: [...nodeGroups.values()] },
    );

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.endpoint = cluster.endpoint;
    this.kubeconfig = kubeconfig;
    this.provider = provider;
    this.oidcIssuerUrl = cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");
    this.clusterSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId ?? "");
    this.nodeGroupNames = Object.fromEntries(
      [...nodeGroups].map(([pool, group]) => [pool, group.nodeGroupName]),
    );
    this.registerOutputs({
      clusterName: this.clusterName,
      clusterArn: this.clusterArn,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      oidcIssuerUrl: this.oidcIssuerUrl,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      nodeGroupNames: this.nodeGroupNames,
    });
  }

  private createNodeGroup(
    name: string,
    spec: NodeGroupSpec,
    shared: {
      clusterName: pulumi.Input<string>;
      nodeRoleArn: pulumi.Input<string>;
      subnetIds: pulumi.Input<pulumi.Input<string>[]>;
      volumeKeyArn: pulumi.Input<string>;
      version: string;
      tags: Record<string, string>;
      dependsOn: pulumi.Resource[];
    },
  ): aws.eks.NodeGroup {
    const template = new aws.ec2.LaunchTemplate(
      `${name}-${spec.pool}-lt`,
      buildLaunchTemplateArgs(spec, shared.volumeKeyArn, shared.tags),
      { parent: this },
    );

    // The training pool's desired size is left to an autoscaler or an operator after
    // creation, so Pulumi does not scale a finished training pool back up.
    const ignoreChanges = spec.pool === "training" ? ["scalingConfig.desiredSize"] : [];
    return new aws.eks.NodeGroup(
      `${name}-${spec.pool}-nodes`,
      {
        clusterName: shared.clusterName,
        nodeRoleArn: shared.nodeRoleArn,
        subnetIds: shared.subnetIds,
        version: shared.version,
        instanceTypes: [spec.instanceType],
        amiType: spec.amiType,
        capacityType: "ON_DEMAND",
        scalingConfig: {
          minSize: spec.minSize,
          maxSize: spec.maxSize,
          desiredSize: spec.desiredSize,
        },
        updateConfig: { maxUnavailable: 1 },
        labels: spec.labels,
        taints: spec.taints,
        launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
        tags: { ...shared.tags, "hcft:pool": spec.pool },
      },
      { parent: this, dependsOn: shared.dependsOn, ignoreChanges },
    );
  }
}
