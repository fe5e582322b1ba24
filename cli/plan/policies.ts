import { existsSync } from "node:fs";
import * as path from "node:path";
import type { PlanFile, PlannedResource } from "./types";

// Runs both policy packs (HIPAA and DPDP) over a plan's records in process and writes their
// reports. The packs live in `policies/`; the plan loads them only when they are present.

/** Totals over both packs, and the report files written. */
export interface PlanPolicyOutcome {
  passed: number;
  failed: number;
  mandatoryFailed: number;
  files: string[];
}

interface PackSummary {
  passed: number;
  failed: number;
  mandatoryFailed: number;
}

interface EvaluateModule {
  evaluatePolicies(
    resources: unknown[],
    options: { packs?: ("hipaa" | "dpdp")[] },
  ): Promise<{ findings: unknown[]; summary: Record<string, PackSummary> }>;
}

interface ReportModule {
  writeReports(results: unknown, outDir: string): Promise<string[]>;
}

const POLICIES_DIR = path.resolve(__dirname, "../../policies");

/** A provider as a policy check reads it, with the provider's properties (its region). */
interface PolicyProvider {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
}

/**
 * Converts the records to policy resources whose `props` are the inputs, as in `pulumi
 * preview`. Each resource gets its explicit provider, and AWS resources without one get
 * the default AWS provider in `region`, which the engine creates outside the program.
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
    return { ...resource, props: resource.inputs, provider };
  });
}

/**
 * Evaluates the plan with both packs and writes `policy-results.json`, `report.md` and
 * `report.sarif` into `outDir`. Returns undefined when the packs are not in this checkout.
 */
export async function evaluatePlanPolicies(
  plan: PlanFile,
  region: string,
  outDir: string,
): Promise<PlanPolicyOutcome | undefined> {
  const evaluateFile = path.join(POLICIES_DIR, "evaluate.ts");
  const reportFile = path.join(POLICIES_DIR, "report", "index.ts");
  if (!existsSync(evaluateFile)) return undefined;
  const { evaluatePolicies } = (await import(evaluateFile)) as EvaluateModule;
  const results = await evaluatePolicies(toPolicyResources(plan.resources, region), {
    packs: ["hipaa", "dpdp"],
  });
  const totals = Object.values(results.summary).reduce<PackSummary>(
    (sum, pack) => ({
      passed: sum.passed + pack.passed,
      failed: sum.failed + pack.failed,
      mandatoryFailed: sum.mandatoryFailed + pack.mandatoryFailed,
    }),
    { passed: 0, failed: 0, mandatoryFailed: 0 },
  );
  let files: string[] = [];
  if (existsSync(reportFile)) {
    const { writeReports } = (await import(reportFile)) as ReportModule;
    files = await writeReports(results, outDir);
  }
  return { ...totals, files };
}
