// The offline plan's record of one resource: what the program registered, as the Pulumi
// engine would have received it. The policy evaluator and the report writers read
// `plan.json` through these types, so changes here are changes to their contract.

import type { SizingPlan } from "../../infra/sizing/types";

/** Resource options as the engine receives them, with every resource reference as a URN. */
export interface PlannedResourceOptions {
  protect: boolean;
  retainOnDelete: boolean;
  /** Property paths whose changes are ignored, as written in `ignoreChanges`. */
  ignoreChanges: string[];
  /** URNs of the explicit `dependsOn` resources (and of their children, as Pulumi expands them). */
  dependsOn: string[];
  /** Reference to the explicit provider (`<provider URN>::<provider id>`), when one was set. */
  provider?: string;
  deleteBeforeReplace: boolean;
}

/** One registered resource: a custom resource (AWS, Kubernetes) or a component. */
export interface PlannedResource {
  urn: string;
  /** Type token, for example `aws:s3/bucketV2:BucketV2` or `hcft:storage:DatasetBuckets`. */
  type: string;
  /** Logical name given to the constructor. */
  name: string;
  /** URN of the parent resource, absent for resources directly under the stack. */
  parent?: string;
  /** True for cloud resources, false for component resources. */
  custom: boolean;
  /** Physical id the mocks returned, absent for components. */
  id?: string;
  /** Inputs after every Output resolved; each secret value is replaced by SECRET_PLACEHOLDER. */
  inputs: Record<string, unknown>;
  /** State returned by the mocks: the inputs plus the output-only properties (id, arn, ...). */
  outputs: Record<string, unknown>;
  options: PlannedResourceOptions;
}

/** Placeholder for every secret value in a record, so no writer can print a secret. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A Kubernetes object that failed validation against the Kubernetes API schema. */
export interface KubernetesValidationError {
  urn: string;
  /** `apiVersion/kind namespace/name` of the object. */
  object: string;
  messages: string[];
}

/** The content of `plan.json`. */
export interface PlanFile {
  /** Stack name, or null when a program was planned without a stack file. */
  stack: string | null;
  /** Path of the program that was run, relative to the repository root. */
  program: string;
  resources: PlannedResource[];
  /** The sizing decision, or null when the program is not the hcft program. */
  sizing: SizingPlan | null;
  /** Stack outputs, each secret replaced by SECRET_PLACEHOLDER. */
  outputs: Record<string, unknown>;
}
