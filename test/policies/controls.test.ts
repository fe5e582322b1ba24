import { describe, expect, it } from "vitest";
import { compliantStack } from "../../bench/fixtures/compliant-stack";
import { mutations } from "../../bench/fixtures/mutations";
import { controls } from "../../policies/controls";
import { evaluatePolicies } from "../../policies/evaluate";

// Each control: the compliant fixture passes, and one mutation at a time makes exactly the
// intended control fail on the intended resource.

describe("compliant fixture", () => {
  it("passes every applicable control of both packs", async () => {
    const results = await evaluatePolicies(compliantStack());
    const notPassing = results.findings.filter((f) => f.status !== "pass");
    expect(notPassing).toEqual([]);
    expect(results.summary.hipaa?.mandatoryFailed).toBe(0);
    expect(results.summary.dpdp?.mandatoryFailed).toBe(0);
  });

  it("records a pass for every control but one", async () => {
    const results = await evaluatePolicies(compliantStack());
    const passed = new Set(results.findings.map((f) => f.controlId));
    // No IAM user exists in the fixture, so the IAM user control has nothing to check.
    const missing = controls.map((c) => c.id).filter((id) => !passed.has(id));
    expect(missing).toEqual(["HC-IAM-02"]);
  });

  it("has a violating mutation for every control", () => {
    const covered = new Set(mutations.map((m) => m.controlId));
    expect(controls.filter((c) => !covered.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});

describe.each(mutations.map((m) => [m.controlId, m.title, m] as const))(
  "%s: %s",
  (_id, _title, mutation) => {
    it("fails the intended control only", async () => {
      const resources = compliantStack();
      mutation.apply(resources);
      const { findings } = await evaluatePolicies(resources);
      const fails = findings.filter((f) => f.status === "fail");
      const hit = fails.find(
        (f) => f.controlId === mutation.controlId && f.resourceName === mutation.resourceName,
      );
      expect(hit, `no ${mutation.controlId} failure on ${mutation.resourceName}`).toBeDefined();
      expect(hit?.message).toContain(mutation.messageIncludes);
      expect(fails.filter((f) => f.controlId !== mutation.controlId)).toEqual([]);
    });
  },
);
