import { beforeAll, describe, expect, it } from "vitest";
import { fullConfig, sizingPlan } from "../cluster/fixtures";
import { byName, byType, installMocks, settle } from "../cluster/pulumiMocks";

// A two-node full fine-tune with serving disabled, in its own process because Pulumi's
// mocks are process-global.
let servingUrl: unknown = "unset";

beforeAll(async () => {
  await installMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { Workloads } = await import("../../infra/workloads/index.js");
  const provider = new k8s.Provider("cluster-k8s", { kubeconfig: "{}" });
  const workloads = new Workloads("wl", {
    config: fullConfig(),
    sizing: sizingPlan({
      trainingType: "p5.48xlarge",
      trainingGpus: 8,
      trainingNodes: 2,
      serving: false,
      parallelism: "zero3",
    }),
    provider,
    vpcCidr: "10.40.0.0/16",
    buckets: { raw: "hcft-raw", deidentified: "hcft-deid", artifacts: "hcft-artifacts" },
  });
  servingUrl = workloads.servingUrl;
  await settle();
});

describe("Workloads without serving", () => {
  it("creates no serving objects", () => {
    expect(byType("kubernetes:apps/v1:Deployment")).toHaveLength(0);
    expect(byType("kubernetes:policy/v1:PodDisruptionBudget")).toHaveLength(0);
    expect(servingUrl).toBeUndefined();
  });

  it("adds the rendezvous Service for two nodes", () => {
    const spec = byName("wl-training-rendezvous").inputs.spec as { clusterIP: string };
    expect(spec.clusterIP).toBe("None");
  });

  it("lets training pods reach each other", () => {
    const policy = byName("wl-training-allow-same-namespace").inputs.spec as {
      ingress: unknown[];
      egress: unknown[];
    };
    expect(policy.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    expect(policy.egress).toEqual([{ to: [{ podSelector: {} }] }]);
  });

  it("keeps the other namespaces closed to each other", () => {
    const names = byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => p.name);
    expect(names).not.toContain("wl-deid-allow-same-namespace");
    expect(names).not.toContain("wl-serving-allow-same-namespace");
  });

  it("allows HTTPS to the VPC only without S3 ranges", () => {
    const https = byName("wl-deid-allow-https-endpoints").inputs.spec as {
      egress: Array<{ to: unknown[] }>;
    };
    expect(https.egress[0]!.to).toEqual([{ ipBlock: { cidr: "10.40.0.0/16" } }]);
  });

  it("mounts the DeepSpeed config", () => {
    const data = byName("wl-trainer-config").inputs.data as Record<string, string>;
    expect(JSON.parse(data["deepspeed.json"]!).zero_optimization.stage).toBe(3);
  });
});
