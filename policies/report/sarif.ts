import { controls } from "../controls";
import type { Control } from "../controls/types";
import type { Finding, PolicyResults } from "../evaluate";

// report.sarif: SARIF 2.1.0 (OASIS), one rule per control, one result per failing or
// deferred finding, so code-scanning tools list them next to the program.

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/**
 * `security-severity` scores for GitHub code scanning, which reads this rule property
 * (GitHub docs, "SARIF support for code scanning", reportingDescriptor object): over 9.0 is
 * critical, 7.0 to 8.9 high, 4.0 to 6.9 medium and 3.9 or less low.
 */
const SECURITY_SEVERITY: Record<Control["severity"], string> = {
  low: "3.0",
  medium: "5.5",
  high: "8.0",
  critical: "9.5",
};

function ruleOf(control: Control) {
  return {
    id: control.id,
    name: control.name,
    shortDescription: { text: control.description },
    fullDescription: {
      text: `${control.description} HIPAA: ${control.clauses.hipaa.join(", ") || "none"}. DPDP: ${control.clauses.dpdp.join(", ") || "none"}.`,
    },
    help: { text: control.remediation },
    defaultConfiguration: { level: control.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: {
      tags: [
        "security",
        ...control.clauses.hipaa.map((c) => `HIPAA ${c}`),
        ...control.clauses.dpdp.map((c) => `DPDP ${c}`),
      ],
      "security-severity": SECURITY_SEVERITY[control.severity],
      enforcementLevel: control.enforcementLevel,
    },
  };
}

function resultOf(finding: Finding, ruleIndex: number, artifact: string | undefined) {
  const deferred = finding.status === "deferred";
  let level = finding.enforcementLevel === "mandatory" ? "error" : "warning";
  if (deferred) level = "note";
  const logical = {
    name: finding.resourceName,
    fullyQualifiedName: finding.urn === "" ? "(stack)" : finding.urn,
    kind: "resource",
  };
  const location: Record<string, unknown> = { logicalLocations: [logical] };
  if (artifact !== undefined) {
    location.physicalLocation = { artifactLocation: { uri: artifact }, region: { startLine: 1 } };
  }
  return {
    ruleId: finding.controlId,
    ruleIndex,
    kind: deferred ? "review" : "fail",
    level,
    message: { text: `${finding.message} Fix: ${finding.remediation}` },
    locations: [location],
    properties: { pack: finding.pack, status: finding.status, resourceType: finding.resourceType },
  };
}

/**
 * Builds the SARIF log of one stack's results. `artifact` is the program file, relative to
 * the repository root, that results point at (code scanning needs a file to show them).
 */
export function renderSarif(results: PolicyResults, artifact?: string): Record<string, unknown> {
  const used = new Set(results.findings.map((f) => f.controlId));
  const rules = controls.filter((c) => used.has(c.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const reported = results.findings.filter((f) => f.status !== "pass");
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "hcft-policy-packs",
            rules: rules.map(ruleOf),
          },
        },
        results: reported.map((f) => resultOf(f, index.get(f.controlId) as number, artifact)),
      },
    ],
  };
}
