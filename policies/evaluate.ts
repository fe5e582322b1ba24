import type {
  Policies,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  PolicyResource as SdkPolicyResource,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { controlsFor, DEFERRED_PREFIX, PASS_HOOK, type Violation } from "./build";
import type { Control, ControlLevel, PackName, PackSettings, Severity } from "./controls/types";
import { dpdpPolicies } from "./dpdp/policies";
import { hipaaPolicies } from "./hipaa/policies";

// In-process evaluation: runs the policy objects of the packs over recorded resources with
// arguments shaped as @pulumi/policy 1.21 builds them for the Analyzer gRPC service, so a
// plan here and `pulumi preview --policy-pack` report the same violations.

// The proxy that makes reads of unknown values throw is internal to @pulumi/policy.
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy: <T extends object>(value: T) => T;
};

/**
 * Marker for a value unknown during preview: the string sentinel that @pulumi/pulumi
 * (runtime/rpc `unknownValue`) and @pulumi/policy (`unknownStringValue`) both use.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A resource to evaluate: what the engine sends an analyzer, in plain JSON. */
export interface PolicyResource {
  urn: string;
  type: string;
  name: string;
  /** Properties; for correlation include the physical `id` when the program referenced it. */
  props: Record<string, unknown>;
  options: { protect?: boolean; retainOnDelete?: boolean; parent?: string; provider?: string };
  parent?: string;
  /**
   * Physical id. When `props` has no `id`, evaluation adds this one, so a companion resource
   * that refers to its target by id (`bucket: bucket.id`) can be matched to it.
   */
  id?: string;
  /** The provider resource, with its properties (for example `region`), when known. */
  provider?: { type: string; name: string; urn: string; props: Record<string, unknown> };
}

export type FindingStatus = "pass" | "fail" | "deferred";

export interface Finding {
  pack: PackName;
  controlId: string;
  policyName: string;
  enforcementLevel: ControlLevel;
  severity: Severity;
  resourceType: string;
  resourceName: string;
  /** Empty for a finding on the stack as a whole. */
  urn: string;
  message: string;
  clauses: { hipaa: string[]; dpdp: string[] };
  status: FindingStatus;
  remediation: string;
}

export interface PackSummary {
  /** Findings by status. */
  passed: number;
  failed: number;
  deferred: number;
  mandatoryFailed: number;
  /** Controls by outcome: failed if any finding failed, else deferred if any was deferred. */
  controls: { passed: number; failed: number; deferred: number; notApplicable: number };
}

export interface PolicyResults {
  findings: Finding[];
  summary: Partial<Record<PackName, PackSummary>>;
}

export interface EvaluateOptions {
  /** Packs to run; both by default. */
  packs?: PackName[];
  /** Policy config per pack, applied to every policy of the pack as the Pulumi CLI would. */
  config?: Partial<Record<PackName, Partial<PackSettings>>>;
}

/** The policy objects each pack serves. */
export const PACK_POLICIES: Record<PackName, Policies> = {
  hipaa: hipaaPolicies,
  dpdp: dpdpPolicies,
};

const STACK_TYPE = "pulumi:pulumi:Stack";

class NotApplicable extends Error {}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicable(reason ?? "not applicable");
}

function optionsOf(resource: PolicyResource): PolicyResourceOptions {
  const options: PolicyResourceOptions = {
    protect: resource.options.protect === true,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
  const parent = resource.options.parent ?? resource.parent;
  if (parent !== undefined) options.parent = parent;
  return options;
}

// Deep copy, so a check can never change the caller's records through the proxy.
function proxied(props: Record<string, unknown>): Record<string, unknown> {
  return unknownCheckingProxy(structuredClone(props));
}

function providerOf(resource: PolicyResource) {
  if (resource.provider === undefined) return undefined;
  return { ...resource.provider, props: proxied(resource.provider.props) };
}

// Collects what one policy call reported, in the two forms @pulumi/policy accepts.
interface Recorder {
  violations: Violation[];
  passes: (string | undefined)[];
  report: (message: string | Violation, urn?: string) => void;
}

function recorder(): Recorder {
  const r: Recorder = {
    violations: [],
    passes: [],
    report: (message, urn) => {
      r.violations.push(typeof message === "string" ? { message, urn } : message);
    },
  };
  return r;
}

function isTypeOf(type: string) {
  return (resourceClass: unknown) =>
    (resourceClass as { __pulumiType?: string })?.__pulumiType === type;
}

type GetConfig = <T extends object>() => T;

function resourceArgs(
  resource: PolicyResource,
  getConfig: GetConfig,
  onPass: (urn?: string) => void,
) {
  const props = proxied(resource.props);
  const isType = isTypeOf(resource.type);
  const args: ResourceValidationArgs & { [PASS_HOOK]?: unknown } = {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: optionsOf(resource),
    stackTags: new Map(),
    isType,
    // biome-ignore lint/suspicious/noExplicitAny: mirrors the SDK's untyped asType
    asType: ((cls: unknown) => (isType(cls) ? props : undefined)) as any,
    getConfig,
    notApplicable: throwNotApplicable,
    [PASS_HOOK]: onPass,
  };
  const provider = providerOf(resource);
  if (provider !== undefined) args.provider = provider;
  return args;
}

// Builds the stack's resources as StackValidationArgs contains them, with parent and
// dependency links resolved to the objects themselves.
function stackArgs(
  resources: PolicyResource[],
  getConfig: GetConfig,
  onPass: (urn?: string) => void,
) {
  const byUrn = new Map<string, SdkPolicyResource>();
  const built = resources.map((resource) => {
    const props = proxied(resource.props);
    const isType = isTypeOf(resource.type);
    const entry: SdkPolicyResource = {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: optionsOf(resource),
      dependencies: [],
      propertyDependencies: {},
      isType,
      // biome-ignore lint/suspicious/noExplicitAny: mirrors the SDK's untyped asType
      asType: ((cls: unknown) => (isType(cls) ? props : undefined)) as any,
    };
    const provider = providerOf(resource);
    if (provider !== undefined) entry.provider = provider;
    byUrn.set(resource.urn, entry);
    return entry;
  });
  resources.forEach((resource, i) => {
    const parent = byUrn.get(resource.options.parent ?? resource.parent ?? "");
    if (parent !== undefined) (built[i] as SdkPolicyResource).parent = parent;
  });
  const args: StackValidationArgs & { [PASS_HOOK]?: unknown } = {
    resources: built,
    getConfig,
    stackTags: new Map(),
    notApplicable: throwNotApplicable,
    [PASS_HOOK]: onPass,
  };
  return args;
}

// Runs one policy; returns null when the policy does not apply.
async function runPolicy(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  resources: PolicyResource[],
  getConfig: GetConfig,
): Promise<{ subject?: PolicyResource; rec: Recorder }[] | null> {
  const runs: { subject?: PolicyResource; rec: Recorder }[] = [];
  if ("validateStack" in policy) {
    const rec = recorder();
    try {
      await policy.validateStack(
        stackArgs(resources, getConfig, (u) => rec.passes.push(u)),
        rec.report,
      );
    } catch (error) {
      if (error instanceof NotApplicable) return null;
      throw error;
    }
    return [{ rec }];
  }
  const validations = [policy.validateResource ?? []].flat();
  for (const resource of resources) {
    const rec = recorder();
    try {
      for (const validate of validations) {
        await validate(
          resourceArgs(resource, getConfig, (u) => rec.passes.push(u)),
          rec.report,
        );
      }
    } catch (error) {
      if (error instanceof NotApplicable) continue;
      throw error;
    }
    runs.push({ subject: resource, rec });
  }
  return runs.length === 0 ? null : runs;
}

function toFinding(
  pack: PackName,
  control: Control,
  status: FindingStatus,
  message: string,
  subject: PolicyResource | undefined,
): Finding {
  return {
    pack,
    controlId: control.id,
    policyName: control.name,
    enforcementLevel: control.enforcementLevel,
    severity: control.severity,
    resourceType: subject?.type ?? STACK_TYPE,
    resourceName: subject?.name ?? "(stack)",
    urn: subject?.urn ?? "",
    message,
    clauses: { hipaa: [...control.clauses.hipaa], dpdp: [...control.clauses.dpdp] },
    status,
    remediation: control.remediation,
  };
}

const STATUS_ORDER: Record<FindingStatus, number> = { fail: 0, deferred: 1, pass: 2 };

/** Orders findings by pack, control, resource, status and message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.pack.localeCompare(b.pack) ||
    a.controlId.localeCompare(b.controlId) ||
    a.urn.localeCompare(b.urn) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    a.message.localeCompare(b.message)
  );
}

export type ControlOutcome = "pass" | "fail" | "deferred" | "n/a";

/**
 * Returns the outcome of one control from its findings: fail if any finding failed, else
 * deferred if any was deferred, else pass if any passed, and "n/a" when it had no subject.
 * The pack summaries and the compliance matrix both count controls with this rule.
 */
export function controlOutcome(own: Finding[]): ControlOutcome {
  if (own.some((f) => f.status === "fail")) return "fail";
  if (own.some((f) => f.status === "deferred")) return "deferred";
  return own.length > 0 ? "pass" : "n/a";
}

const OUTCOME_FIELD: Record<ControlOutcome, keyof PackSummary["controls"]> = {
  pass: "passed",
  fail: "failed",
  deferred: "deferred",
  "n/a": "notApplicable",
};

/** Counts the given controls by outcome over the findings of one pack. */
export function countControlOutcomes(
  findings: Finding[],
  controls: Pick<Control, "id">[],
): PackSummary["controls"] {
  const counts = { passed: 0, failed: 0, deferred: 0, notApplicable: 0 };
  for (const control of controls) {
    const own = findings.filter((f) => f.controlId === control.id);
    counts[OUTCOME_FIELD[controlOutcome(own)]]++;
  }
  return counts;
}

function summarise(findings: Finding[], controls: Control[]): PackSummary {
  const count = (status: FindingStatus) => findings.filter((f) => f.status === status).length;
  const outcome = countControlOutcomes(findings, controls);
  return {
    passed: count("pass"),
    failed: count("fail"),
    deferred: count("deferred"),
    mandatoryFailed: findings.filter(
      (f) => f.status === "fail" && f.enforcementLevel === "mandatory",
    ).length,
    controls: outcome,
  };
}

async function evaluatePack(
  pack: PackName,
  resources: PolicyResource[],
  config: Partial<PackSettings>,
) {
  const controls = controlsFor(pack);
  const byName = new Map(controls.map((c) => [c.name, c]));
  const getConfig = (() => structuredClone(config)) as GetConfig;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const findings: Finding[] = [];
  for (const policy of PACK_POLICIES[pack]) {
    const control = byName.get(policy.name);
    if (control === undefined)
      throw new Error(`policy ${policy.name} has no control in the catalog`);
    const runs = await runPolicy(policy, resources, getConfig);
    for (const { subject, rec } of runs ?? []) {
      for (const v of rec.violations) {
        const deferred = v.enforcementLevel === "advisory" && v.message.startsWith(DEFERRED_PREFIX);
        const target = v.urn ? (byUrn.get(v.urn) ?? subject) : subject;
        findings.push(toFinding(pack, control, deferred ? "deferred" : "fail", v.message, target));
      }
      for (const urn of rec.passes) {
        const target = urn ? byUrn.get(urn) : subject;
        findings.push(toFinding(pack, control, "pass", control.description, target));
      }
    }
  }
  findings.sort(compareFindings);
  return { findings, summary: summarise(findings, controls) };
}

/** Resources the analyzers see: custom resources, without providers and the stack itself. */
function analyzable(resources: PolicyResource[]): PolicyResource[] {
  return resources
    .filter((r) => !r.type.startsWith("pulumi:"))
    .map((r) =>
      typeof r.id === "string" && r.props.id === undefined
        ? { ...r, props: { ...r.props, id: r.id } }
        : r,
    );
}

/**
 * Evaluates the HIPAA and DPDP packs (or those named) over a stack's resources and returns
 * every finding, sorted, with a summary per pack.
 */
export async function evaluatePolicies(
  resources: PolicyResource[],
  options: EvaluateOptions = {},
): Promise<PolicyResults> {
  const packs = options.packs ?? (["hipaa", "dpdp"] as PackName[]);
  const subjects = analyzable(resources);
  const results: PolicyResults = { findings: [], summary: {} };
  for (const pack of [...new Set(packs)].sort()) {
    const { findings, summary } = await evaluatePack(pack, subjects, options.config?.[pack] ?? {});
    results.findings.push(...findings);
    results.summary[pack] = summary;
  }
  results.findings.sort(compareFindings);
  return results;
}

/** The fields of the offline plan's resource record that evaluation reads. */
export interface PlannedResourceLike {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  options: { protect?: boolean; retainOnDelete?: boolean; provider?: string };
}

/**
 * Maps plan records to evaluation input. Properties are the inputs, as the engine sends them
 * to `Analyze` during preview, plus the computed `id` and `arn` that other resources refer
 * to. Other outputs are left out because the mocks fill them (`region`, for one) with the
 * plan's values rather than the provider's. An explicit provider reference
 * (`<provider URN>::<id>`) resolves to the provider's record, and AWS resources without one
 * get the default provider of `awsRegion`, as the Pulumi engine would create it.
 */
export function toPolicyResources(
  planned: PlannedResourceLike[],
  defaults: { awsRegion?: string } = {},
): PolicyResource[] {
  const byUrn = new Map(planned.map((p) => [p.urn, p]));
  return planned
    .filter((p) => p.custom !== false)
    .map((p) => {
      const props: Record<string, unknown> = { ...(p.inputs ?? p.outputs ?? {}) };
      if (p.id !== undefined && props.id === undefined) props.id = p.id;
      if (props.arn === undefined && p.outputs?.arn !== undefined) props.arn = p.outputs.arn;
      const resource: PolicyResource = {
        urn: p.urn,
        type: p.type,
        name: p.name,
        props,
        options: { protect: p.options.protect, retainOnDelete: p.options.retainOnDelete },
      };
      if (p.parent !== undefined) resource.parent = p.parent;
      const explicit = p.options.provider
        ? byUrn.get(p.options.provider.split("::").slice(0, -1).join("::"))
        : undefined;
      if (explicit !== undefined) {
        resource.provider = {
          type: explicit.type,
          name: explicit.name,
          urn: explicit.urn,
          props: { ...(explicit.inputs ?? explicit.outputs ?? {}) },
        };
      } else if (p.type.startsWith("aws:") && defaults.awsRegion !== undefined) {
        resource.provider = {
          type: "pulumi:providers:aws",
          name: "default",
          urn: "urn:pulumi:stack::project::pulumi:providers:aws::default",
          props: { region: defaults.awsRegion },
        };
      }
      return resource;
    });
}
