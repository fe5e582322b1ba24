import { beforeAll, describe, expect, it } from "vitest";
import { qloraConfig, sizingPlan } from "../cluster/fixtures";
import {
  byName,
  byType,
  dependsOn,
  installMocks,
  resolveOutput,
  settle,
} from "../cluster/pulumiMocks";

// Mocks first, then the component module (vitest hoists static imports).
let servingUrl: string | undefined;
let invalidPlanError: unknown;
let trainingJobName: string | undefined;

beforeAll(async () => {
  await installMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { Workloads } = await import("../../infra/workloads/index.js");
  const provider = new k8s.Provider("cluster-k8s", { kubeconfig: "{}" });
  const workloads = new Workloads("wl", workloadsArgs(provider));
  try {
    const plan = sizingPlan({});
    plan.serving!.maxModelLenThatFits = 4096;
    new Workloads("bad", { ...workloadsArgs(provider), sizing: plan });
  } catch (error) {
    invalidPlanError = error;
  }
  servingUrl = await resolveOutput(workloads.servingUrl!);
  trainingJobName = await resolveOutput(workloads.trainingJobName);
  await settle();
});

function workloadsArgs(provider: import("@pulumi/kubernetes").Provider) {
  return {
    config: qloraConfig(),
    sizing: sizingPlan({}),
    provider,
    vpcCidr: "10.40.0.0/16",
    buckets: { raw: "hcft-raw", deidentified: "hcft-deid", artifacts: "hcft-artifacts" },
    s3Cidrs: ["52.219.0.0/16"],
  };
}

describe("Workloads component", () => {
  it("rejects an invalid plan before any object", () => {
    expect(String(invalidPlanError)).toMatch(/maxModelLen 8192 exceeds 4096/);
    expect(byType("kubernetes:core/v1:Namespace").map((ns) => ns.name)).not.toContain(
      "bad-deid-ns",
    );
  });

  it("creates three restricted namespaces", () => {
    const namespaces = byType("kubernetes:core/v1:Namespace");
    expect(namespaces).toHaveLength(3);
    for (const ns of namespaces) {
      const labels = (ns.inputs.metadata as { labels: Record<string, string> }).labels;
      expect(labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    }
  });

  it("labels each namespace's data classification", () => {
    const classes = Object.fromEntries(
      byType("kubernetes:core/v1:Namespace").map((ns) => {
        const metadata = ns.inputs.metadata as { name: string; labels: Record<string, string> };
        return [metadata.name, metadata.labels["data-classification"]];
      }),
    );
    expect(classes).toEqual({
      "hcft-deid": "phi",
      "hcft-training": "deidentified",
      "hcft-serving": "phi",
    });
  });

  it("creates the named service accounts", () => {
    const accounts = byType("kubernetes:core/v1:ServiceAccount").map(
      (sa) => sa.inputs.metadata as { name: string; namespace: string },
    );
    expect(accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "deid-job", namespace: "hcft-deid" }),
        expect.objectContaining({ name: "trainer", namespace: "hcft-training" }),
        expect.objectContaining({ name: "vllm", namespace: "hcft-serving" }),
      ]),
    );
  });

  it("gives every namespace a default deny", () => {
    const denies = byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) =>
      p.name.endsWith("-default-deny"),
    );
    expect(denies.map((p) => p.name).sort()).toEqual([
      "wl-deid-default-deny",
      "wl-serving-default-deny",
      "wl-training-default-deny",
    ]);
  });

  it("resolves the HTTPS allow from inputs", () => {
    const https = byName("wl-training-allow-https-endpoints").inputs.spec as {
      egress: Array<{ to: unknown[] }>;
    };
    expect(https.egress[0]!.to).toEqual([
      { ipBlock: { cidr: "10.40.0.0/16" } },
      { ipBlock: { cidr: "52.219.0.0/16" } },
    ]);
  });

  it("admits serving clients in the serving namespace only", () => {
    const allows = byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) =>
      p.name.endsWith("-allow-serving-clients"),
    );
    expect(allows.map((p) => p.name)).toEqual(["wl-serving-allow-serving-clients"]);
  });

  it("sends every object through the cluster provider", () => {
    const k8sObjects = byType("kubernetes:batch/v1:Job").concat(
      byType("kubernetes:apps/v1:Deployment"),
      byType("kubernetes:core/v1:Namespace"),
    );
    expect(k8sObjects.length).toBe(6);
    for (const object of k8sObjects) {
      expect(object.provider).toMatch(/::cluster-k8s::/);
    }
  });

  it("creates both jobs with resolved buckets", () => {
    const deid = byName("wl-deid-job").inputs.spec as {
      template: { spec: { containers: Array<{ args: string[] }> } };
    };
    expect(deid.template.spec.containers[0]!.args).toContain("s3://hcft-raw/notes/");
    expect(trainingJobName).toBe("train");
  });

  it("trains only after de-identification", () => {
    expect(dependsOn(byName("wl-training-job"), "wl-deid-job")).toBe(true);
    expect(dependsOn(byName("wl-training-job"), "wl-trainer-config")).toBe(true);
    expect(dependsOn(byName("wl-deid-job"), "wl-training-job")).toBe(false);
  });

  it("creates pods after the network policies", () => {
    for (const name of ["wl-deid-job", "wl-serving"]) {
      expect(dependsOn(byName(name), "wl-deid-default-deny")).toBe(true);
      expect(dependsOn(byName(name), "wl-serving-default-deny")).toBe(true);
    }
  });

  it("creates the surrogate key before de-identification", () => {
    const secret = byName("wl-deid-surrogate-key").inputs as {
      metadata: { name: string; namespace: string };
      stringData: Record<string, unknown> & { value: { key: string } };
    };
    expect(secret.metadata).toEqual({ name: "deid-surrogate-key", namespace: "hcft-deid" });
    // Pulumi marks a secret input with this signature key and wraps the plain value.
    expect(secret.stringData["4dabf18193072939515e22adb298388d"]).toBe(
      "1b47061264138c4ac30d75fd1eb44270",
    );
    expect(secret.stringData.value.key).toMatch(/^[a-f0-9]{64}$/);
    expect(dependsOn(byName("wl-deid-job"), "wl-deid-surrogate-key")).toBe(true);
  });

  it("skips await on the training job", () => {
    const metadata = byName("wl-training-job").inputs.metadata as {
      annotations: Record<string, string>;
    };
    expect(metadata.annotations["pulumi.com/skipAwait"]).toBe("true");
  });

  it("serves through a ClusterIP Service", () => {
    const service = byName("wl-serving-svc").inputs.spec as { type: string };
    expect(service.type).toBe("ClusterIP");
    expect(byType("kubernetes:policy/v1:PodDisruptionBudget")).toHaveLength(1);
    expect(servingUrl).toBe("http://vllm.hcft-serving.svc.cluster.local:8000");
  });
});
