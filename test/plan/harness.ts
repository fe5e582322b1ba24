import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setSink } from "../../cli/log";
import { main } from "../../cli/main";
import { loadStackFile, namespaceConfig } from "../../cli/plan/stacks";
import { PARTS } from "../../cli/plan/summary";
import { type PlanFile, type PlannedResource, SECRET_PLACEHOLDER } from "../../cli/plan/types";
import { parseStackConfig } from "../../infra/config";

// Runs `hcft plan` in this process and reads what it wrote. Pulumi's runtime is
// process-global, so a test file calls `planInProcess` once (vitest gives each file its
// own process).

export interface PlanRun {
  code: number;
  out: string[];
  err: string[];
  outDir: string;
  plan?: PlanFile;
}

/** Runs `hcft plan` with `args` plus an --out folder in a fresh temporary directory. */
export async function planInProcess(args: string[]): Promise<PlanRun> {
  const outDir = mkdtempSync(path.join(tmpdir(), "hcft-plan-"));
  const out: string[] = [];
  const err: string[] = [];
  const previous = setSink({ out: (line) => out.push(line), err: (line) => err.push(line) });
  try {
    const code = await main(["plan", ...args, "--out", outDir]);
    const file = path.join(outDir, "plan.json");
    let plan: PlanFile | undefined;
    try {
      plan = JSON.parse(readFileSync(file, "utf8")) as PlanFile;
    } catch {
      plan = undefined;
    }
    return { code, out, err, outDir, plan };
  } finally {
    setSink(previous);
  }
}

/** Returns the plan, or fails the test showing the command's error output. */
export function planOf(run: PlanRun): PlanFile {
  expect(run.plan, `no plan.json; stderr:\n${run.err.join("\n")}`).toBeDefined();
  return run.plan as PlanFile;
}

export function ofType(plan: PlanFile, type: string): PlannedResource[] {
  return plan.resources.filter((resource) => resource.type === type);
}

const NVIDIA_AMIS = ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA"];

/** Finds the node group whose `hcft.io/pool` label is `pool`. */
export function nodeGroup(plan: PlanFile, pool: string): PlannedResource | undefined {
  return ofType(plan, "aws:eks/nodeGroup:NodeGroup").find(
    (group) =>
      (group.inputs.labels as Record<string, string> | undefined)?.["hcft.io/pool"] === pool,
  );
}

/**
 * Checks that the SizingPlan reached the cloud: the training and serving node groups run the
 * chosen instance types on an NVIDIA AMI, with counts from the plan.
 */
export function expectNodeGroupsFollowSizing(plan: PlanFile, servingReplicas: number): void {
  const sizing = plan.sizing;
  expect(sizing).not.toBeNull();
  if (sizing === null) return;

  const training = nodeGroup(plan, "training");
  expect(training, "training node group").toBeDefined();
  expect(training?.inputs.instanceTypes).toEqual([sizing.training.instance.instanceType]);
  expect(NVIDIA_AMIS).toContain(training?.inputs.amiType);
  const trainingScaling = training?.inputs.scalingConfig as Record<string, number>;
  expect(trainingScaling.minSize).toBe(0);
  expect(trainingScaling.maxSize).toBeGreaterThanOrEqual(sizing.training.instance.nodeCount);

  if (sizing.serving === null) return;
  const serving = nodeGroup(plan, "serving");
  expect(serving, "serving node group").toBeDefined();
  expect(serving?.inputs.instanceTypes).toEqual([sizing.serving.instance.instanceType]);
  expect(NVIDIA_AMIS).toContain(serving?.inputs.amiType);
  const servingScaling = serving?.inputs.scalingConfig as Record<string, number>;
  expect(servingScaling.desiredSize).toBe(sizing.serving.instance.nodeCount * servingReplicas);
}

/** What every stack's plan must show; the tier's own pins go in `tierChecks`. */
export function describeStackPlan(
  stack: string,
  tierChecks: (plan: PlanFile) => void,
  args: string[] = ["--stack", stack, "--packs", "hipaa,dpdp"],
): void {
  describe(`plan of stack ${stack}`, () => {
    const config = parseStackConfig(stack, namespaceConfig(loadStackFile(stack), "hcft"));
    let run: PlanRun;
    beforeAll(async () => {
      run = await planInProcess(args);
    }, 120_000);

    it("runs without a program or Kubernetes error", () => {
      expect(run.err.filter((line) => line.startsWith("error:"))).toEqual([]);
      expect(run.code).toBe(0);
      const validation = run.out.find((line) => line.startsWith("Kubernetes objects validated:"));
      expect(validation).toMatch(/validated: [1-9]\d*, invalid: 0$/);
    });

    it("passes every mandatory control of both packs", () => {
      const packLines = run.out.filter((line) => line.startsWith("Policies "));
      expect(packLines.map((line) => line.split(":")[0])).toEqual([
        "Policies hipaa",
        "Policies dpdp",
      ]);
      for (const line of packLines) {
        expect(line).toContain("(0 mandatory)");
        expect(line).toMatch(/controls \d+ passed, 0 failed, 0 deferred/);
      }
    });

    it("records sizing and resources", () => {
      const plan = planOf(run);
      expect(plan.stack).toBe(stack);
      expect(plan.program).toBe("infra/index.ts");
      expect(plan.sizing?.region).toBe(config.region);
      expect(plan.sizing?.modelId).toBe(config.model.id);
      expect(ofType(plan, "aws:eks/cluster:Cluster")).toHaveLength(1);
      expect(ofType(plan, "aws:ec2/vpc:Vpc")).toHaveLength(1);
    });

    it("sizes the GPU node groups from the plan", () => {
      const plan = planOf(run);
      expectNodeGroupsFollowSizing(plan, config.serving.enabled ? config.serving.replicas : 0);
    });

    it("exports the kubeconfig as a secret", () => {
      expect(planOf(run).outputs.kubeconfig).toBe(SECRET_PLACEHOLDER);
    });

    it("exports cluster, buckets, keys and serving address", () => {
      const outputs = planOf(run).outputs;
      const buckets = outputs.bucketNames as Record<string, string>;
      const keys = outputs.keyArns as Record<string, string>;
      expect(outputs.clusterName).toBe(`hcft-${config.environment}`);
      expect(Object.keys(buckets).sort()).toEqual([
        "accessLogs",
        "artifacts",
        "audit",
        "deidentified",
        "raw",
      ]);
      for (const arn of Object.values(keys)) {
        expect(arn).toMatch(new RegExp(`^arn:aws:kms:${config.region}:123456789012:key/`));
      }
      expect(outputs.estimatedUsdPerHour).toBeGreaterThan(0);
      expect(outputs.estimatedUsdPerHour).toBeLessThanOrEqual(config.cost.maxUsdPerHour);
      expect(run.out).toContain(
        `Estimated cost with training and serving running: $${Number(outputs.estimatedUsdPerHour).toFixed(2)}/hour on demand`,
      );
      if (config.serving.enabled) {
        expect(outputs.servingUrl).toMatch(
          /^http:\/\/[a-z0-9-]+\.hcft-serving\.svc\.cluster\.local:\d+$/,
        );
      }
    });

    it("builds every part of the environment", () => {
      const lines = run.out.filter((line) => line.startsWith("By part:"));
      for (const part of PARTS) expect(lines[0]).toMatch(new RegExp(`\\b${part} [1-9]`));
    });

    it("protects and retains the PHI buckets", () => {
      const plan = planOf(run);
      const phi = ofType(plan, "aws:s3/bucket:Bucket").filter((bucket) => {
        const tags = bucket.inputs.tags as Record<string, string> | undefined;
        return tags?.["data-classification"] === "phi";
      });
      expect(phi.length).toBeGreaterThanOrEqual(1);
      for (const bucket of phi) {
        expect(bucket.options.protect, bucket.name).toBe(true);
        expect(bucket.options.retainOnDelete, bucket.name).toBe(true);
      }
    });

    it("meets the tier's sizing pins", () => {
      tierChecks(planOf(run));
    });
  });
}
