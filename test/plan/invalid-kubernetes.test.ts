import { beforeAll, expect, it } from "vitest";
import { type PlanRun, planInProcess, planOf } from "./harness";

// An invalid Kubernetes object fails the plan (exit 1) and the error names the object.

let run: PlanRun;
beforeAll(async () => {
  run = await planInProcess(["--program", "test/plan/fixtures/invalid-kubernetes.ts"]);
}, 120_000);

it("fails on the invalid Deployment", () => {
  expect(run.code).toBe(1);
  const errors = run.err.filter((line) => line.startsWith("error: invalid Kubernetes object"));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain("apps/v1/Deployment hcft-serving/vllm");
  expect(errors[0]).toContain("data/spec/replicas must be integer");
  expect(errors[0]).toContain("must have required property name");
});

it("still writes plan.json with both objects", () => {
  const types = planOf(run).resources.map((resource) => resource.type);
  expect(types).toContain("kubernetes:apps/v1:Deployment");
  expect(types).toContain("kubernetes:core/v1:Namespace");
  expect(run.out).toContain("Kubernetes objects validated: 2, invalid: 1");
});
