import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  buildDeidArgs,
  buildDeidJob,
  buildNamespace,
  buildNetworkPolicies,
  buildRendezvousService,
  buildServingDeployment,
  buildServingPdb,
  buildServingService,
  buildTrainCommand,
  buildTrainerConfigMap,
  buildTrainingJob,
  decideDataLocations,
  decideTrainingDeadlineSeconds,
  servingAddress,
} from "../../infra/workloads/index.js";
import { fullConfig, qloraConfig, sizingPlan } from "../cluster/fixtures";

const buckets = { raw: "hcft-raw", deidentified: "hcft-deid", artifacts: "hcft-artifacts" };
const copyImage = qloraConfig().images.trainer;

describe("decideDataLocations", () => {
  it("routes adapter runs to the adapters prefix", () => {
    const locations = decideDataLocations(qloraConfig(), buckets);
    expect(locations.deidInput).toBe("s3://hcft-raw/notes/");
    expect(locations.deidOutput).toBe("s3://hcft-deid/notes/");
    expect(locations.trainingInput).toBe("s3://hcft-deid/notes/");
    expect(locations.baseWeights).toBe("s3://hcft-artifacts/models/qwen2.5-7b/");
    expect(locations.trainingOutput).toBe("s3://hcft-artifacts/adapters/qwen7b/");
    expect(locations.servingAdapter).toBe("s3://hcft-artifacts/adapters/qwen7b/");
  });

  it("serves fully fine-tuned weights directly", () => {
    const locations = decideDataLocations(fullConfig(), buckets);
    expect(locations.trainingOutput).toBe("s3://hcft-artifacts/finetuned/qwen7b/");
    expect(locations.servingWeights).toBe("s3://hcft-artifacts/finetuned/qwen7b/");
    expect(locations.servingAdapter).toBeNull();
  });

  it("never lets training read the raw bucket", () => {
    for (const config of [qloraConfig(), fullConfig()]) {
      const locations = decideDataLocations(config, buckets);
      expect(locations.trainingInput.startsWith("s3://hcft-raw/")).toBe(false);
      expect(locations.baseWeights.startsWith("s3://hcft-raw/")).toBe(false);
    }
  });
});

describe("namespace guardrails", () => {
  it("enforces the restricted Pod Security level", () => {
    const ns = buildNamespace("hcft-training", "1.33");
    const labels = ns.metadata!.labels!;
    expect(labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(labels["pod-security.kubernetes.io/enforce-version"]).toBe("v1.33");
    expect(labels["pod-security.kubernetes.io/warn"]).toBe("restricted");
    expect(() => new Namespace(ns).validate()).not.toThrow();
  });

  const allow = { vpcCidr: "10.40.0.0/16", s3Cidrs: ["52.219.0.0/16"] };

  it("denies all ingress and egress by default", () => {
    const [deny] = buildNetworkPolicies("hcft-deid", {
      ...allow,
      servingIngress: false,
      intraNamespace: false,
    });
    expect(deny!.metadata!.name).toBe("default-deny");
    expect(deny!.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("allows DNS, HTTPS and Pod Identity only", () => {
    const policies = buildNetworkPolicies("hcft-deid", {
      ...allow,
      servingIngress: false,
      intraNamespace: false,
    });
    const byName = Object.fromEntries(policies.map((p) => [p.metadata!.name, p.spec!]));
    expect(Object.keys(byName)).toEqual([
      "default-deny",
      "allow-dns",
      "allow-https-endpoints",
      "allow-pod-identity",
    ]);
    const dns = byName["allow-dns"]!.egress![0]!;
    expect(dns.to![0]!.namespaceSelector!.matchLabels).toEqual({
      "kubernetes.io/metadata.name": "kube-system",
    });
    expect(dns.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
    const https = byName["allow-https-endpoints"]!.egress![0]!;
    expect(https.to).toEqual([
      { ipBlock: { cidr: "10.40.0.0/16" } },
      { ipBlock: { cidr: "52.219.0.0/16" } },
    ]);
    expect(https.ports).toEqual([{ protocol: "TCP", port: 443 }]);
    for (const policy of policies) {
      expect(policy.spec!.ingress).toBeUndefined();
      expect(() => new NetworkPolicy(policy).validate()).not.toThrow();
    }
  });

  it("admits serving traffic from client namespaces only", () => {
    const policies = buildNetworkPolicies("hcft-serving", {
      ...allow,
      servingIngress: true,
      intraNamespace: false,
    });
    const serving = policies.find((p) => p.metadata!.name === "allow-serving-clients")!;
    expect(serving.spec!.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "hcft.io/serving-client": "true" } } }],
        ports: [{ protocol: "TCP", port: 8000 }],
      },
    ]);
  });
});

describe("de-identification job", () => {
  const job = buildDeidJob(qloraConfig(), decideDataLocations(qloraConfig(), buckets));
  const pod = job.spec.template.spec!;
  const container = pod.containers[0]!;

  it("is an Indexed Job over the configured shards", () => {
    expect(job.spec.completionMode).toBe("Indexed");
    expect(job.spec.completions).toBe(8);
    expect(job.spec.parallelism).toBe(8);
  });

  it("passes input, output, shard and mode", () => {
    expect(container.args).toEqual([
      "--input",
      "s3://hcft-raw/notes/",
      "--output",
      "s3://hcft-deid/notes/",
      "--shard",
      "/8",
      "--mode",
      "surrogate",
      "--secret-file",
      "/var/run/secrets/hcft/key",
    ]);
  });

  it("names its region and image for lineage", () => {
    expect(container.env).toContainEqual({ name: "AWS_REGION", value: qloraConfig().region });
    expect(container.env).toContainEqual({
      name: "HCFT_IMAGE_DIGEST",
      value: qloraConfig().images.deid,
    });
  });

  it("mounts the surrogate key read-only", () => {
    expect(pod.volumes).toContainEqual({
      name: "surrogate-key",
      secret: { secretName: "deid-surrogate-key", defaultMode: 0o440 },
    });
    expect(container.volumeMounts).toContainEqual({
      name: "surrogate-key",
      mountPath: "/var/run/secrets/hcft",
      readOnly: true,
    });
  });

  it("redacts without a key and records lineage", () => {
    const config = qloraConfig();
    const redact = {
      ...config,
      deid: { ...config.deid, mode: "redact" as const, keepFacilities: true },
    };
    const locations = decideDataLocations(redact, { ...buckets, audit: "hcft-audit" });
    const args = buildDeidArgs(redact, locations);
    expect(args).not.toContain("--secret-file");
    expect(args).toContain("--keep-facilities");
    expect(args.slice(-2)).toEqual(["--audit", "s3://hcft-audit/lineage/deid/"]);
    const job = buildDeidJob(redact, locations);
    expect(job.spec.template.spec!.volumes!.map((v) => v.name)).toEqual(["tmp"]);
  });

  it("runs the image by digest with limits", () => {
    expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(job.spec.backoffLimit).toBe(3);
    expect(job.spec.activeDeadlineSeconds).toBe(21600);
    expect(job.spec.ttlSecondsAfterFinished).toBe(86400);
  });

  it("runs restricted with a read-only root", () => {
    expect(pod.securityContext!.runAsNonRoot).toBe(true);
    expect(pod.securityContext!.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.serviceAccountName).toBe("deid-job");
  });

  it("validates against the Kubernetes schema", () => {
    expect(() => new Job(job).validate()).not.toThrow();
  });
});

describe("training job", () => {
  const locations = decideDataLocations(qloraConfig(), buckets);
  const sizing = sizingPlan({ trainingType: "g6e.12xlarge", trainingGpus: 4 });
  const job = buildTrainingJob(qloraConfig(), sizing, locations, copyImage);
  const pod = job.spec.template.spec!;
  const trainer = pod.containers[0]!;

  it("requests the plan's GPUs", () => {
    expect(trainer.resources!.limits!["nvidia.com/gpu"]).toBe("4");
    expect(trainer.resources!.requests!["nvidia.com/gpu"]).toBe("4");
  });

  it("lands on the training pool only", () => {
    expect(pod.nodeSelector).toEqual({
      "hcft.io/pool": "training",
      "nvidia.com/gpu.present": "true",
    });
    expect(pod.tolerations).toEqual([
      { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
    ]);
  });

  it("mounts a memory-backed /dev/shm", () => {
    const shm = pod.volumes!.find((v) => v.name === "shm")!;
    expect(shm.emptyDir).toEqual({ medium: "Memory", sizeLimit: "32Gi" });
    expect(trainer.volumeMounts).toContainEqual({ name: "shm", mountPath: "/dev/shm" });
  });

  it("sets deadlines and retries", () => {
    // 10 h estimate x 1.5 + 1 h = 16 h.
    expect(job.spec.activeDeadlineSeconds).toBe(16 * 3600);
    expect(job.spec.backoffLimit).toBe(1);
    expect(job.spec.ttlSecondsAfterFinished).toBe(3 * 86400);
  });

  it("stays offline and uploads adapters", () => {
    expect(trainer.env).toContainEqual({ name: "HF_HUB_OFFLINE", value: "1" });
    expect(trainer.args![0]).toBe(
      "set -eu; torchrun --nnodes=1 --nproc-per-node=4 --standalone -m axolotl.cli.train " +
        "/config/axolotl.yaml; aws s3 sync --only-show-errors --no-progress " +
        "--exclude 'checkpoint-*' /work/output 's3://hcft-artifacts/adapters/qwen7b/'",
    );
    const fetch = pod.initContainers![0]!.args![0]!;
    expect(fetch).toContain("'s3://hcft-deid/notes/' '/data/train'");
    expect(fetch).toContain("'s3://hcft-artifacts/models/qwen2.5-7b/' '/models/base'");
    expect(fetch).not.toContain("hcft-raw");
  });

  it("validates against the Kubernetes schema", () => {
    expect(() => new Job(job).validate()).not.toThrow();
  });

  it("spreads multi-node runs over indexed pods", () => {
    const twoNodes = sizingPlan({
      trainingType: "p5.48xlarge",
      trainingGpus: 8,
      trainingNodes: 2,
      parallelism: "zero3",
    });
    const multi = buildTrainingJob(fullConfig(), twoNodes, locations, copyImage);
    expect(multi.spec.completions).toBe(2);
    expect(multi.spec.parallelism).toBe(2);
    expect(multi.spec.template.spec!.subdomain).toBe("train");
    const command = multi.spec.template.spec!.containers[0]!.args![0]!;
    expect(command).toContain("--nnodes=2");
    expect(command).toContain("--nproc-per-node=8");
    expect(command).toContain("--master-addr=train-0.train");
    expect(() => new Job(multi).validate()).not.toThrow();
    expect(() => new Service(buildRendezvousService()).validate()).not.toThrow();
  });

  it("runs a device map as one process", () => {
    const sizing = sizingPlan({ trainingGpus: 4, parallelism: "device_map" });
    expect(buildTrainCommand(sizing, locations)).toMatch(
      /^set -eu; python -m axolotl.cli.train \/config\/axolotl.yaml; aws s3 sync/,
    );
    const twoNodes = sizingPlan({ trainingNodes: 2, parallelism: "device_map" });
    expect(() => buildTrainCommand(twoNodes, locations)).toThrow(
      /device_map layout runs on one node, but the sizing plan has 2/,
    );
  });

  it("rejects a non-positive hour estimate", () => {
    expect(() => decideTrainingDeadlineSeconds(Number.NaN)).toThrow(/got NaN/);
  });
});

describe("trainer config map", () => {
  it("carries the Axolotl YAML", () => {
    const map = buildTrainerConfigMap(qloraConfig(), sizingPlan({}));
    const parsed = parse(map.data!["axolotl.yaml"]!);
    expect(parsed.adapter).toBe("qlora");
    expect(parsed.sequence_len).toBe(4096);
    expect(map.data!["deepspeed.json"]).toBeUndefined();
    expect(() => new ConfigMap(map).validate()).not.toThrow();
  });

  it("adds the DeepSpeed config for ZeRO", () => {
    const map = buildTrainerConfigMap(fullConfig(), sizingPlan({ parallelism: "zero3" }));
    const deepspeed = JSON.parse(map.data!["deepspeed.json"]!);
    expect(deepspeed.zero_optimization.stage).toBe(3);
  });
});

describe("serving manifests", () => {
  const locations = decideDataLocations(qloraConfig(), buckets);
  const deployment = buildServingDeployment(qloraConfig(), sizingPlan({}), locations, copyImage);
  const pod = deployment.spec.template.spec!;
  const vllm = pod.containers[0]!;

  it("runs non-root with no capabilities", () => {
    expect(pod.securityContext!.runAsNonRoot).toBe(true);
    expect(pod.securityContext!.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(vllm.securityContext!.allowPrivilegeEscalation).toBe(false);
    expect(vllm.securityContext!.capabilities).toEqual({ drop: ["ALL"] });
  });

  it("probes /health on port 8000", () => {
    for (const probe of [vllm.startupProbe, vllm.readinessProbe, vllm.livenessProbe]) {
      expect(probe!.httpGet).toEqual({ path: "/health", port: "http" });
    }
    expect(vllm.ports).toEqual([{ name: "http", containerPort: 8000, protocol: "TCP" }]);
  });

  it("never downloads from the Hub", () => {
    expect(vllm.env).toContainEqual({ name: "HF_HUB_OFFLINE", value: "1" });
    expect(vllm.env).toContainEqual({ name: "VLLM_NO_USAGE_STATS", value: "1" });
  });

  it("copies weights and waits for the adapter", () => {
    const fetch = pod.initContainers![0]!.args![0]!;
    expect(fetch).toContain("'s3://hcft-artifacts/models/qwen2.5-7b/' '/models/weights'");
    expect(fetch).toContain("'s3://hcft-artifacts/adapters/qwen7b/' '/models/adapters/qwen7b'");
    expect(fetch).toMatch(/&& test -f '\/models\/adapters\/qwen7b\/adapter_config.json'$/);
  });

  it("runs the configured replicas with the vLLM digest", () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(vllm.image).toBe(qloraConfig().images.vllm);
    expect(vllm.resources!.limits!["nvidia.com/gpu"]).toBe("1");
    expect(() => new Deployment(deployment).validate()).not.toThrow();
  });

  it("exposes a ClusterIP Service only", () => {
    const service = buildServingService();
    expect(service.spec!.type).toBe("ClusterIP");
    expect(service.spec!.ports).toEqual([
      { name: "http", port: 8000, targetPort: "http", protocol: "TCP" },
    ]);
    expect(() => new Service(service).validate()).not.toThrow();
    expect(servingAddress()).toBe("http://vllm.hcft-serving.svc.cluster.local:8000");
  });

  it("limits disruption to one pod", () => {
    const pdb = buildServingPdb();
    expect(pdb.spec!.maxUnavailable).toBe(1);
    expect(pdb.spec!.selector!.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(() => new PodDisruptionBudget(pdb).validate()).not.toThrow();
  });
});

describe("schema validation", () => {
  it("rejects an invalid Job", () => {
    const job = buildDeidJob(qloraConfig(), decideDataLocations(qloraConfig(), buckets));
    const broken = { ...job, spec: { ...job.spec, completionMode: "Sharded" } };
    expect(() => new Job(broken as never).validate()).toThrow();
  });
});
