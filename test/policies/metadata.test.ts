import { describe, expect, it } from "vitest";
import { controls } from "../../policies/controls";
import { dpdpPolicies } from "../../policies/dpdp/policies";
import { hipaaPolicies } from "../../policies/hipaa/policies";

const NAME = /^[a-z0-9]+(-[a-z0-9]+){2,}$/;
const ID = /^HC-[A-Z0-9]+-\d{2}$/;
const HIPAA_CLAUSE = /^164\.\d{3}(\([a-zA-Z0-9]+\))+$/;
const DPDP_CLAUSE = /^(s\.\d+(\(\d+\))?|Rule \d+(\(\d+\))?(\([a-z]\))?)$/;

// Controls allowed to be advisory: none of them is the only safeguard of PHI on its own.
const ADVISORY = ["HC-EKS-04", "HC-EKS-08", "HC-LOG-06", "HC-NET-05"];

function isSentence(text: string): boolean {
  return /^[A-Z]/.test(text) && text.endsWith(".") && text.split(" ").length >= 6;
}

describe("control catalog", () => {
  it("has at least 40 controls", () => {
    expect(controls.length).toBeGreaterThanOrEqual(40);
  });

  it("has unique ids and names", () => {
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
    expect(new Set(controls.map((c) => c.name)).size).toBe(controls.length);
  });

  it("keeps advisory level to the listed controls", () => {
    const advisory = controls.filter((c) => c.enforcementLevel === "advisory").map((c) => c.id);
    expect(advisory.sort()).toEqual([...ADVISORY].sort());
  });
});

describe.each(controls.map((c) => [c.id, c] as const))("control %s", (_id, control) => {
  it("has an id and a <service>-<resource>-<rule> name", () => {
    expect(control.id).toMatch(ID);
    expect(control.name).toMatch(NAME);
  });

  it("has a full-sentence description and remediation", () => {
    expect(isSentence(control.description)).toBe(true);
    expect(isSentence(control.remediation)).toBe(true);
  });

  it("has severity, explicit level and resource types", () => {
    expect(["low", "medium", "high", "critical"]).toContain(control.severity);
    expect(["mandatory", "advisory"]).toContain(control.enforcementLevel);
    expect(control.resourceTypes.length).toBeGreaterThan(0);
  });

  it("cites well-formed HIPAA and DPDP clauses", () => {
    expect(control.clauses.hipaa.length + control.clauses.dpdp.length).toBeGreaterThan(0);
    expect(control.clauses.dpdp.length).toBeGreaterThan(0);
    for (const clause of control.clauses.hipaa) expect(clause).toMatch(HIPAA_CLAUSE);
    for (const clause of control.clauses.dpdp) expect(clause).toMatch(DPDP_CLAUSE);
  });
});

describe.each([
  ["hipaa", hipaaPolicies],
  ["dpdp", dpdpPolicies],
] as const)("%s pack policies", (pack, policies) => {
  it("covers every control that cites the framework", () => {
    const expected = controls.filter((c) => c.clauses[pack].length > 0).map((c) => c.name);
    expect(policies.map((p) => p.name)).toEqual(expected);
  });

  it.each(policies.map((p) => [p.name, p] as const))("%s carries metadata", (_name, policy) => {
    expect(policy.enforcementLevel).toMatch(/^(mandatory|advisory)$/);
    expect(policy.severity).toBeDefined();
    expect(policy.framework?.specification.length).toBeGreaterThan(0);
    expect(policy.remediationSteps?.length).toBeGreaterThan(0);
    expect(policy.configSchema?.properties.minLogRetentionDays).toBeDefined();
    const validators = "validateStack" in policy ? policy.validateStack : policy.validateResource;
    expect(typeof validators).toBe("function");
  });
});
