import { describe, expect, it } from "vitest";
import { recordedStack } from "../../bench/fixtures/record";
import { evaluatePolicies } from "../../policies/evaluate";

// The compliant stack as a real Pulumi program, planned under mocks by `hcft plan --program`.
describe("compliant program", () => {
  it("plans with no failing or deferred finding", async () => {
    const resources = await recordedStack();
    expect(resources.length).toBeGreaterThan(90);
    const { findings, summary } = await evaluatePolicies(resources);
    expect(findings.filter((f) => f.status !== "pass")).toEqual([]);
    expect(summary.hipaa?.controls.passed).toBe(48);
    expect(summary.dpdp?.controls.passed).toBe(49);
  }, 120_000);
});
