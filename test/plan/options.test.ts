import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedResource } from "../../cli/plan/types";
import { type PlanRun, planInProcess, planOf } from "./harness";

// Plans a fixture program with `--program` and no stack: resource options, parents,
// providers and secrets must reach plan.json as the engine would receive them.

let run: PlanRun;
beforeAll(async () => {
  run = await planInProcess(["--program", "test/plan/fixtures/options-program.ts"]);
}, 120_000);

function named(name: string): PlannedResource {
  const found = planOf(run).resources.find((resource) => resource.name === name);
  expect(found, `no resource named ${name}`).toBeDefined();
  return found as PlannedResource;
}

describe("plan --program", () => {
  it("plans without a stack", () => {
    const plan = planOf(run);
    expect(plan.stack).toBeNull();
    expect(plan.sizing).toBeNull();
    expect(plan.program).toBe("test/plan/fixtures/options-program.ts");
  });

  it("records protect and retainOnDelete", () => {
    const bucket = named("data-raw");
    expect(bucket.options.protect).toBe(true);
    expect(bucket.options.retainOnDelete).toBe(true);
    expect(named("data-key").options.protect).toBe(false);
  });

  it("records explicit dependsOn apart from inputs", () => {
    expect(named("data-raw").options.dependsOn).toEqual([named("data-key").urn]);
    // The encryption config depends on the key and bucket through its inputs only.
    expect(named("data-raw-sse").options.dependsOn).toEqual([]);
  });

  it("records ignoreChanges and deleteBeforeReplace", () => {
    const sse = named("data-raw-sse");
    expect(sse.options.ignoreChanges).toEqual(["rules"]);
    expect(sse.options.deleteBeforeReplace).toBe(true);
    expect(named("data-raw").options.deleteBeforeReplace).toBe(false);
  });

  it("records parents and components", () => {
    const component = named("data");
    expect(component.custom).toBe(false);
    expect(component.type).toBe("hcft:storage:FixtureStorage");
    expect(named("data-raw").parent).toBe(component.urn);
    expect(component.parent).toBeUndefined();
  });

  it("records the explicit provider", () => {
    const provider = named("cluster");
    const namespace = named("training");
    expect(namespace.options.provider).toBe(`${provider.urn}::${provider.id}`);
    expect(named("data-raw").options.provider).toBeUndefined();
  });

  it("resolves inputs that come from outputs", () => {
    const sse = named("data-raw-sse");
    const rule = (sse.inputs.rules as Record<string, Record<string, string>>[])[0];
    expect(sse.inputs.bucket).toBe(named("data-raw").id);
    expect(rule?.applyServerSideEncryptionByDefault?.kmsMasterKeyId).toBe(
      named("data-key").outputs.arn,
    );
  });

  it("gives output-only properties realistic values", () => {
    const key = named("data-key");
    expect(key.outputs.arn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    expect(named("data-raw").outputs.arn).toMatch(/^arn:aws:s3:::data-raw-[0-9a-f]{8}$/);
  });

  it("hides secrets in inputs and outputs", () => {
    const plan = planOf(run);
    expect(named("cluster").inputs.kubeconfig).toBe("[secret]");
    expect(plan.outputs.token).toBe("[secret]");
    expect(plan.outputs.bucketName).toBe(named("data-raw").outputs.bucket);
    expect(JSON.stringify(plan)).not.toContain("not-a-real-token");
  });

  it("counts resources by part", () => {
    expect(run.out).toContain("By part: program 2, storage 3");
  });

  it("names the failed mandatory controls", () => {
    const errors = run.err.filter((line) => line.startsWith("error:"));
    const start = run.err.indexOf("error: 12 mandatory controls failed:");

    expect(run.code).toBe(1);
    expect(errors).toEqual(["error: 12 mandatory controls failed:"]);
    expect(run.err.slice(start + 1, start + 3)).toEqual([
      "  HC-DATA-01 data-resource-tags (dpdp, hipaa): 2 resources, data-key and 1 more",
      "  HC-K8S-01 k8s-namespace-pss-restricted (dpdp, hipaa): 1 resource, training",
    ]);
    expect(run.err[start + 11]).toBe("  2 more, not shown");
    expect(run.err[start + 12]).toBe(
      `see ${path.join(run.outDir, "report.md")} for each finding and its fix`,
    );
  });

  it("points SARIF results at the program", () => {
    const sarif = JSON.parse(readFileSync(path.join(run.outDir, "report.sarif"), "utf8"));
    const uris = sarif.runs[0].results.flatMap(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations.map((location) => location.physicalLocation.artifactLocation.uri),
    );

    expect(uris.length).toBeGreaterThan(0);
    expect(new Set(uris)).toEqual(new Set(["test/plan/fixtures/options-program.ts"]));
  });
});
