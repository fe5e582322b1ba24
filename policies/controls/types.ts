// The shapes every control shares. Controls import nothing else of ours, so the packs,
// the in-process evaluator and the report writers all read the same plain objects.

export type PackName = "hipaa" | "dpdp";
export type Severity = "low" | "medium" | "high" | "critical";
export type ControlLevel = "mandatory" | "advisory";

/** Settings a pack passes to every check; each pack has its own defaults. */
export interface PackSettings {
  /** Minimum retention of audit logs and log groups, in days. */
  minLogRetentionDays: number;
  /** Maximum age of current objects in raw-PHI buckets before lifecycle expiry, in days. */
  maxRawPhiRetentionDays: number;
  /** AWS regions where data tagged `jurisdiction=IN` may live. */
  allowedRegions: string[];
  /** EKS versions (`major.minor`) the cluster may run. */
  allowedKubernetesVersions: string[];
  /** Image registry hosts; `*` matches one or more characters inside a host. */
  approvedRegistries: string[];
  /** Subjects (groups, users or roles) that may hold `cluster-admin`. */
  breakGlassRoles: string[];
  /** Minimum KMS key deletion window, in days (AWS accepts 7 to 30). */
  minKmsDeletionWindowDays: number;
}

/**
 * A resource as a check reads it: the fields @pulumi/policy gives both
 * `ResourceValidationArgs` and the `PolicyResource` entries of `StackValidationArgs`.
 * `props` may be a proxy that throws when a check reads a value unknown during preview.
 */
export interface CheckedResource {
  type: string;
  name: string;
  urn: string;
  // biome-ignore lint/suspicious/noExplicitAny: resource properties are untyped JSON
  props: Record<string, any>;
  opts: { protect: boolean; parent?: string };
  // biome-ignore lint/suspicious/noExplicitAny: provider properties are untyped JSON
  provider?: { type: string; name: string; urn: string; props: Record<string, any> };
}

/** Resources a stack-wide check may read besides its subject. */
export interface StackContext {
  resources: CheckedResource[];
  settings: PackSettings;
}

interface ControlMetadata {
  /** Stable id, `HC-<AREA>-<NN>`. */
  id: string;
  /** Policy name, `<service>-<resource>-<rule>`. */
  name: string;
  /** One full sentence. */
  description: string;
  severity: Severity;
  enforcementLevel: ControlLevel;
  /** HIPAA Security Rule paragraphs (45 CFR 164) and DPDP Act sections or DPDP Rules 2025. */
  clauses: { hipaa: string[]; dpdp: string[] };
  /** Pulumi type tokens of the resources the control reports on. */
  resourceTypes: readonly string[];
  /** Change that makes the control pass. */
  remediation: string;
}

/** Checks one resource from its own properties alone (a `ResourceValidationPolicy`). */
export interface ResourceControl extends ControlMetadata {
  scope: "resource";
  /** Extra filter on top of `resourceTypes`; absent means every resource of those types. */
  appliesTo?: (resource: CheckedResource, settings: PackSettings) => boolean;
  /** Returns one message per violation; an empty list is a pass. */
  check: (resource: CheckedResource, settings: PackSettings) => string[];
}

/** Checks each subject against the other resources of the stack (a `StackValidationPolicy`). */
export interface StackControl extends ControlMetadata {
  scope: "stack";
  appliesTo?: (resource: CheckedResource, context: StackContext) => boolean;
  check: (resource: CheckedResource, context: StackContext) => string[];
}

/** Checks the stack as a whole once, for example that some resource exists at all. */
export interface EnvironmentControl extends ControlMetadata {
  scope: "environment";
  /** Returns whether the stack contains what the control is about; false means not applicable. */
  appliesTo: (context: StackContext) => boolean;
  check: (context: StackContext) => string[];
}

export type Control = ResourceControl | StackControl | EnvironmentControl;
