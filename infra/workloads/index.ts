import { randomBytes } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import { type DataClassification, type WorkloadName, workloads } from "../names";
import type { SizingPlan } from "../sizing/types";
import { buildDeidJob, deidJobLimits, surrogateKeySecret } from "./deid";
import { buildNamespace, buildNetworkPolicies, type NetworkAllowances } from "./guardrails";
import { type BucketNames, type DataLocations, decideDataLocations } from "./locations";
import {
  buildServingDeployment,
  buildServingPdb,
  buildServingService,
  servingAddress,
} from "./serving";
import { buildRendezvousService, buildTrainerConfigMap, buildTrainingJob } from "./training";

export * from "./axolotl";
export * from "./deid";
export * from "./guardrails";
export * from "./locations";
export * from "./podSpec";
export * from "./serving";
export * from "./training";
export * from "./vllm";

// Data classification of each namespace: the most sensitive data its pods process.
// De-identification reads raw notes, and serving receives clinical notes in requests.
const namespaceClassification: Record<WorkloadName, DataClassification> = {
  deid: "phi",
  training: "deidentified",
  serving: "phi",
};

type JobSpec = k8s.types.input.batch.v1.JobSpec;
type DeploymentSpec = k8s.types.input.apps.v1.DeploymentSpec;

// kubernetes-models types quantities as string | number and Pulumi as string; the
// builders write strings only, so this cast changes no value.
function asInput<T>(spec: pulumi.Output<unknown>): pulumi.Output<T> {
  return spec as pulumi.Output<T>;
}

function validateManifests(config: StackConfig, sizing: SizingPlan, copyImage: string): void {
  const placeholders = { raw: "raw", deidentified: "deidentified", artifacts: "artifacts" };
  const locations = decideDataLocations(config, placeholders);
  buildDeidJob(config, locations);
  buildTrainingJob(config, sizing, locations, copyImage);
  if (config.serving.enabled) buildServingDeployment(config, sizing, locations, copyImage);
}

export interface WorkloadsArgs {
  config: StackConfig;
  sizing: SizingPlan;
  /** Provider of the GPU cluster; every Kubernetes object goes through it. */
  provider: k8s.Provider;
  vpcCidr: pulumi.Input<string>;
  buckets: { [K in keyof BucketNames]: pulumi.Input<BucketNames[K]> };
  /**
   * CIDRs of S3 in the region (the `com.amazonaws.<region>.s3` managed prefix list).
   * Traffic through the S3 gateway endpoint goes to these public ranges, not to the VPC.
   */
  s3Cidrs?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Image with the AWS CLI v2 that copies data and weights from S3; defaults to the
   * trainer image, which must then include the AWS CLI.
   */
  copyImage?: string;
}

/**
 * The three workload namespaces with their guardrails, the de-identification Job, the
 * training Job and, when serving is enabled, vLLM with its Service and PDB.
 */
export class Workloads extends pulumi.ComponentResource {
  readonly namespaces: Record<WorkloadName, string>;
  readonly deidJobName: pulumi.Output<string>;
  readonly trainingJobName: pulumi.Output<string>;
  /** In-cluster URL of the vLLM Service, or undefined when serving is disabled. */
  readonly servingUrl?: pulumi.Output<string>;

  constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:workloads:Workloads", name, {}, opts);
    const { config, sizing, provider } = args;
    const child = { parent: this, provider };
    const copyImage = args.copyImage ?? config.images.trainer;
    const multiNode = sizing.training.instance.nodeCount > 1;
    if (args.s3Cidrs === undefined) {
      pulumi.log.warn(
        "s3Cidrs not set: workload pods can reach S3 only if it is served from inside the VPC",
        this,
      );
    }

    // Build every manifest once with placeholder bucket names, so an invalid config or
    // plan fails here with the builder's message instead of inside an Output.
    validateManifests(config, sizing, copyImage);

    // Namespaces, service accounts and network policies before any pod.
    const guardrails: pulumi.Resource[] = [];
    for (const key of Object.keys(workloads) as WorkloadName[]) {
      guardrails.push(
        ...this.createGuardrails(name, key, args, {
          servingIngress: key === "serving",
          intraNamespace: key === "training" && multiNode,
        }),
      );
    }
    const { raw, deidentified, artifacts, audit } = args.buckets;
    const locations = pulumi
      .all([raw, deidentified, artifacts, audit])
      .apply(([r, d, a, au]) =>
        decideDataLocations(config, { raw: r, deidentified: d, artifacts: a, audit: au }),
      );

    // De-identification first: Pulumi waits for the Job to complete (up to its deadline),
    // so training never starts on a partial de-identified dataset.
    const deidDeps = [...guardrails];
    if (config.deid.mode === "surrogate") deidDeps.push(this.createSurrogateKey(name, args));
    const deid = locations.apply((l) => buildDeidJob(config, l));
    const deidJob = new k8s.batch.v1.Job(
      `${name}-deid-job`,
      { metadata: deid.metadata, spec: asInput<JobSpec>(deid.spec) },
      {
        ...child,
        dependsOn: deidDeps,
        customTimeouts: { create: `${deidJobLimits.activeDeadlineSeconds}s` },
      },
    );
    const trainingJob = this.createTraining(name, args, locations, copyImage, [
      deidJob,
      ...guardrails,
    ]);

    if (config.serving.enabled) {
      this.servingUrl = this.createServing(name, args, locations, copyImage, guardrails);
    }

    this.namespaces = {
      deid: workloads.deid.namespace,
      training: workloads.training.namespace,
      serving: workloads.serving.namespace,
    };
    this.deidJobName = deidJob.metadata.name;
    this.trainingJobName = trainingJob.metadata.name;
    this.registerOutputs({
      namespaces: this.namespaces,
      deidJobName: this.deidJobName,
      trainingJobName: this.trainingJobName,
      servingUrl: this.servingUrl,
    });
  }

  // A random 32-byte HMAC key for surrogate mode, created once: ignoreChanges keeps the
  // first value, so the same input maps to the same surrogate in every later run.
  // NOTE: deleting this Secret changes every surrogate from then on.
  private createSurrogateKey(name: string, args: WorkloadsArgs): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(
      `${name}-deid-surrogate-key`,
      {
        metadata: { name: surrogateKeySecret.name, namespace: workloads.deid.namespace },
        type: "Opaque",
        stringData: pulumi.secret({ [surrogateKeySecret.key]: randomBytes(32).toString("hex") }),
      },
      { parent: this, provider: args.provider, ignoreChanges: ["stringData", "data"] },
    );
  }

  // The trainer ConfigMap, the rendezvous Service for several nodes, and the training Job.
  // Training reads only the de-identified notes and writes to the artifacts bucket.
  private createTraining(
    name: string,
    args: WorkloadsArgs,
    locations: pulumi.Output<DataLocations>,
    copyImage: string,
    dependsOn: pulumi.Resource[],
  ): k8s.batch.v1.Job {
    const { config, sizing } = args;
    const child = { parent: this, provider: args.provider, dependsOn };
    const configMap = buildTrainerConfigMap(config, sizing);
    const trainingDeps: pulumi.Resource[] = [
      new k8s.core.v1.ConfigMap(
        `${name}-trainer-config`,
        { metadata: configMap.metadata, data: configMap.data },
        child,
      ),
    ];
    if (sizing.training.instance.nodeCount > 1) {
      const service = buildRendezvousService();
      trainingDeps.push(
        new k8s.core.v1.Service(
          `${name}-training-rendezvous`,
          { metadata: service.metadata, spec: service.spec },
          child,
        ),
      );
    }
    const training = locations.apply((l) => buildTrainingJob(config, sizing, l, copyImage));
    return new k8s.batch.v1.Job(
      `${name}-training-job`,
      { metadata: training.metadata, spec: asInput<JobSpec>(training.spec) },
      { ...child, dependsOn: [...dependsOn, ...trainingDeps] },
    );
  }

  // One namespace with Pod Security labels, its service account and network policies.
  private createGuardrails(
    name: string,
    key: WorkloadName,
    args: WorkloadsArgs,
    flags: Pick<NetworkAllowances, "servingIngress" | "intraNamespace">,
  ): pulumi.Resource[] {
    const { namespace, serviceAccount } = workloads[key];
    const child = { parent: this, provider: args.provider };
    const manifest = buildNamespace(namespace, args.config.cluster.kubernetesVersion, {
      "hcft.io/workload": key,
      "data-classification": namespaceClassification[key],
    });
    const ns = new k8s.core.v1.Namespace(
      `${name}-${key}-ns`,
      { metadata: manifest.metadata },
      child,
    );
    const inNamespace = { ...child, dependsOn: [ns] };
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-${key}-sa`,
      { metadata: { name: serviceAccount, namespace }, automountServiceAccountToken: false },
      inNamespace,
    );

    // The policy list depends only on the flags, so its length and names are known now.
    const shape = buildNetworkPolicies(namespace, { vpcCidr: "", s3Cidrs: [], ...flags });
    const policies = pulumi
      .all([args.vpcCidr, args.s3Cidrs ?? []])
      .apply(([vpcCidr, s3Cidrs]) =>
        buildNetworkPolicies(namespace, { vpcCidr, s3Cidrs, ...flags }),
      );
    const created = shape.map(
      (policy, i) =>
        new k8s.networking.v1.NetworkPolicy(
          `${name}-${key}-${policy.metadata!.name}`,
          { metadata: policy.metadata, spec: policies.apply((p) => p[i]!.spec!) },
          inNamespace,
        ),
    );
    return [ns, sa, ...created];
  }

  // The vLLM Deployment, its ClusterIP Service and PodDisruptionBudget.
  private createServing(
    name: string,
    args: WorkloadsArgs,
    locations: pulumi.Output<DataLocations>,
    copyImage: string,
    guardrails: pulumi.Resource[],
  ): pulumi.Output<string> {
    const child = { parent: this, provider: args.provider, dependsOn: guardrails };
    const deployment = locations.apply((l) =>
      buildServingDeployment(args.config, args.sizing, l, copyImage),
    );
    new k8s.apps.v1.Deployment(
      `${name}-serving`,
      { metadata: deployment.metadata, spec: asInput<DeploymentSpec>(deployment.spec) },
      child,
    );
    const service = buildServingService();
    const svc = new k8s.core.v1.Service(
      `${name}-serving-svc`,
      { metadata: service.metadata, spec: service.spec },
      child,
    );
    const pdb = buildServingPdb();
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-serving-pdb`,
      { metadata: pdb.metadata, spec: pdb.spec },
      child,
    );
    return svc.metadata.name.apply(() => servingAddress());
  }
}
