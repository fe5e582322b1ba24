import { evaluatePolicies, type Finding, type PackSummary } from "../../policies/evaluate";
import { writeReports } from "../../policies/report";
import type { PlanFile, PlannedResource } from "./types";

// Runs the policy packs (HIPAA, DPDP) over a plan's records in process and writes their
// reports: policy-results.json, report.md and report.sarif.

/** The policy packs, named after the compliance profiles they check. */
export const PACK_NAMES = ["hipaa", "dpdp"] as const;
export type PackName = (typeof PACK_NAMES)[number];

/** Returns the packs for a stack's `compliance.profiles`, or both when it names none. */
export function packsForProfiles(profiles: unknown): PackName[] {
  const named = Array.isArray(profiles) ? PACK_NAMES.filter((pack) => profiles.includes(pack)) : [];
  return named.length > 0 ? named : [...PACK_NAMES];
}

/** Totals over the packs that ran, and the report files written. */
export interface PlanPolicyOutcome {
  passed: number;
  failed: number;
  mandatoryFailed: number;
  /** Per pack: findings and controls that passed, failed and were deferred. */
  packs: Record<string, PackSummary>;
  /** Mandatory controls with at least one failed finding, in the order they first failed. */
  failedMandatory: FailedControl[];
  files: string[];
}

/** A mandatory control that failed: the packs it failed in, its resources and the first. */
export interface FailedControl {
  controlId: string;
  policyName: string;
  packs: string[];
  resourceCount: number;
  firstResource: string;
}

/**
 * Groups the failed findings of mandatory controls by control and policy, across packs
 * (both packs run the same control on the same resources), in the findings' order.
 */
export function listFailedMandatory(findings: Finding[]): FailedControl[] {
  const controls = new Map<string, FailedControl & { resources: Set<string> }>();
  for (const finding of findings) {
    if (finding.status !== "fail" || finding.enforcementLevel !== "mandatory") continue;
    const key = `${finding.controlId}/${finding.policyName}`;
    const resource = finding.resourceName || "(stack)";
    let control = controls.get(key);
    if (control === undefined) {
      control = {
        controlId: finding.controlId,
        policyName: finding.policyName,
        packs: [],
        resourceCount: 0,
        firstResource: resource,
        resources: new Set(),
      };
      controls.set(key, control);
    }
    if (!control.packs.includes(finding.pack)) control.packs.push(finding.pack);
    control.resources.add(finding.urn || resource);
    control.resourceCount = control.resources.size;
  }
  return [...controls.values()].map(({ resources: _resources, ...control }) => control);
}

/** A provider as a policy check reads it, with the provider's properties (its region). */
interface PolicyProvider {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
}

/**
 * Converts the records to policy resources. Their `props` are the mock state: the inputs
 * plus the names a provider generates (auto-named buckets, roles), which `pulumi preview`
 * also shows the packs. Each resource gets its explicit provider, and AWS resources
 * without one get the default AWS provider in `region`, which the engine creates.
 */
export function toPolicyResources(resources: PlannedResource[], region: string) {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const stackPrefix = resources[0]?.urn.split("::").slice(0, 2).join("::") ?? "urn:pulumi:offline";
  const defaultAws: PolicyProvider = {
    type: "pulumi:providers:aws",
    name: "default",
    urn: `${stackPrefix}::pulumi:providers:aws::default`,
    props: { region },
  };
  return resources.map((resource) => {
    // A provider reference is `<provider URN>::<provider id>`.
    const reference = resource.options.provider;
    const explicit = reference
      ? byUrn.get(reference.slice(0, reference.lastIndexOf("::")))
      : undefined;
    let provider: PolicyProvider | undefined;
    if (explicit !== undefined) {
      provider = {
        type: explicit.type,
        name: explicit.name,
        urn: explicit.urn,
        props: explicit.inputs,
      };
    } else if (resource.type.startsWith("aws:")) {
      provider = defaultAws;
    }
    return { ...resource, props: resource.outputs, provider };
  });
}

/**
 * Evaluates the plan with `packs` and writes the three report files into `outDir`. The
 * SARIF results point at `plan.program`, the program that was planned.
 */
export async function evaluatePlanPolicies(
  plan: PlanFile,
  region: string,
  outDir: string,
  packs: PackName[] = [...PACK_NAMES],
): Promise<PlanPolicyOutcome> {
  const results = await evaluatePolicies(toPolicyResources(plan.resources, region), { packs });
  const totals = Object.values(results.summary).reduce<
    Pick<PackSummary, "passed" | "failed" | "mandatoryFailed">
  >(
    (sum, pack) => ({
      passed: sum.passed + pack.passed,
      failed: sum.failed + pack.failed,
      mandatoryFailed: sum.mandatoryFailed + pack.mandatoryFailed,
    }),
    { passed: 0, failed: 0, mandatoryFailed: 0 },
  );
  const files = await writeReports(results, outDir, { artifact: plan.program });
  const failedMandatory = listFailedMandatory(results.findings);
  return { ...totals, packs: results.summary, failedMandatory, files };
}
