import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import { type WorkloadName, workloads } from "../names";
import {
  buildPodIdentityTrust,
  buildWorkloadPolicy,
  type WorkloadResources,
  workloadRoleName,
} from "./role-policies";

export interface WorkloadRolesArgs {
  config: StackConfig;
  clusterName: pulumi.Input<string>;
  rawBucketArn: pulumi.Input<string>;
  deidentifiedBucketArn: pulumi.Input<string>;
  artifactsBucketArn: pulumi.Input<string>;
  auditBucketArn: pulumi.Input<string>;
  datasetsKeyArn: pulumi.Input<string>;
  logsKeyArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

const workloadNames: WorkloadName[] = ["deid", "training", "serving"];

/**
 * One IAM role per workload (de-identification, training, serving), bound to the
 * workload's Kubernetes service account through EKS Pod Identity. Pod Identity needs no
 * OIDC provider and its trust policy names the namespace and service account.
 */
export class WorkloadRoles extends pulumi.ComponentResource {
  readonly roleArns: pulumi.Output<Record<WorkloadName, string>>;
  readonly deidRoleArn: pulumi.Output<string>;
  readonly trainingRoleArn: pulumi.Output<string>;
  readonly servingRoleArn: pulumi.Output<string>;

  constructor(name: string, args: WorkloadRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:security:WorkloadRoles", name, {}, opts);
    const { config } = args;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const resources: pulumi.Output<WorkloadResources> = pulumi
      .all([
        args.rawBucketArn,
        args.deidentifiedBucketArn,
        args.artifactsBucketArn,
        args.auditBucketArn,
        args.datasetsKeyArn,
        args.logsKeyArn,
      ])
      .apply(([raw, deidentified, artifacts, audit, datasetsKey, logsKey]) => ({
        region: config.region,
        rawBucketArn: raw,
        deidentifiedBucketArn: deidentified,
        artifactsBucketArn: artifacts,
        auditBucketArn: audit,
        datasetsKeyArn: datasetsKey,
        logsKeyArn: logsKey,
      }));

    const roles = workloadNames.map((workload) => {
      // The role name is fixed per environment because the key policies name these roles
      // before they exist.
      const role = new aws.iam.Role(
        `${name}-${workload}`,
        {
          name: workloadRoleName(config.environment, workload),
          description: `Pod Identity role of the ${workload} workload`,
          assumeRolePolicy: pulumi
            .all([accountId, args.clusterName])
            .apply(([id, cluster]) => JSON.stringify(buildPodIdentityTrust(workload, id, cluster))),
          maxSessionDuration: 3600,
          tags: { ...args.tags, purpose: `${workload}-workload` },
        },
        { parent: this },
      );
      new aws.iam.RolePolicy(
        `${name}-${workload}-data`,
        {
          role: role.id,
          policy: resources.apply((r) => JSON.stringify(buildWorkloadPolicy(workload, r))),
        },
        { parent: this },
      );
      new aws.eks.PodIdentityAssociation(
        `${name}-${workload}-pod-identity`,
        {
          clusterName: args.clusterName,
          namespace: workloads[workload].namespace,
          serviceAccount: workloads[workload].serviceAccount,
          roleArn: role.arn,
          tags: args.tags,
        },
        { parent: this },
      );
      return role.arn;
    });

    const [deid, training, serving] = roles as [
      pulumi.Output<string>,
      pulumi.Output<string>,
      pulumi.Output<string>,
    ];
    this.deidRoleArn = deid;
    this.trainingRoleArn = training;
    this.servingRoleArn = serving;
    this.roleArns = pulumi.all({ deid, training, serving }) as pulumi.Output<
      Record<WorkloadName, string>
    >;
    this.registerOutputs({
      roleArns: this.roleArns,
      deidRoleArn: this.deidRoleArn,
      trainingRoleArn: this.trainingRoleArn,
      servingRoleArn: this.servingRoleArn,
    });
  }
}
