import { DaemonSet, type IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDaemonSetSpec as DaemonSetSpec } from "kubernetes-models/apps/v1/DaemonSetSpec";
import { beforeAll, describe, expect, it } from "vitest";
import { qloraConfig, sizingPlan } from "./fixtures";
import type { RecordedResource } from "./pulumiMocks";
import { byName, byType, dependsOn, installMocks, resolveOutput, settle } from "./pulumiMocks";

interface BlockDevice {
  deviceName: string;
  ebs: Record<string, unknown>;
}

// Mocks first, then the component module (vitest hoists static imports).
let resources: RecordedResource[] = [];
let kubeconfigSecret = false;
let outputs: Record<string, unknown> = {};

beforeAll(async () => {
  await installMocks();
  const pulumi = await import("@pulumi/pulumi");
  const { GpuCluster } = await import("../../infra/cluster/index.js");
  const cluster = new GpuCluster("gpu", {
    config: qloraConfig(),
    sizing: sizingPlan({}),
    vpcId: "vpc-1",
    privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    vpcCidr: "10.40.0.0/16",
    secretsKeyArn: "arn:aws:kms:ap-south-1:123456789012:key/secrets",
    volumeKeyArn: "arn:aws:kms:ap-south-1:123456789012:key/volumes",
    tags: { project: "hcft" },
  });
  kubeconfigSecret = await pulumi.isSecret(cluster.kubeconfig);
  outputs = {
    clusterName: await resolveOutput(cluster.clusterName),
    oidc: await resolveOutput(cluster.oidcIssuerUrl),
    serving: await resolveOutput(cluster.nodeGroupNames.serving!),
    kubeconfig: await resolveOutput(cluster.kubeconfig),
  };
  resources = await settle();
});

describe("GpuCluster control plane", () => {
  it("exposes a private endpoint only", () => {
    const vpc = byName("gpu-cluster").inputs.vpcConfig as Record<string, unknown>;
    expect(vpc.endpointPublicAccess).toBe(false);
    expect(vpc.endpointPrivateAccess).toBe(true);
    expect(vpc.subnetIds).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
  });

  it("pins the version and turns on all five log types", () => {
    const inputs = byName("gpu-cluster").inputs;
    expect(inputs.version).toBe("1.33");
    expect(inputs.enabledClusterLogTypes).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
  });

  it("envelope-encrypts Secrets with the given key", () => {
    expect(byName("gpu-cluster").inputs.encryptionConfig).toEqual({
      provider: { keyArn: "arn:aws:kms:ap-south-1:123456789012:key/secrets" },
      resources: ["secrets"],
    });
  });

  it("tags the cluster as holding PHI", () => {
    const tags = byName("gpu-cluster").inputs.tags as Record<string, string>;
    expect(tags["data-classification"]).toBe("phi");
    expect(tags.project).toBe("hcft");
  });

  it("uses API authentication with no creator admin", () => {
    expect(byName("gpu-cluster").inputs.accessConfig).toEqual({
      authenticationMode: "API",
      bootstrapClusterCreatorAdminPermissions: false,
    });
  });

  it("grants cluster admin to the configured role", () => {
    const entry = byName("gpu-admin-access").inputs;
    expect(entry.principalArn).toBe("arn:aws:iam::123456789012:role/platform-admin");
    const association = byName("gpu-admin-policy").inputs;
    expect(association.policyArn).toBe(
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    );
    expect(association.accessScope).toEqual({ type: "cluster" });
  });

  it("admits the API only from the VPC", () => {
    const sg = byName("gpu-control-plane-sg").inputs;
    expect(sg.ingress).toEqual([
      expect.objectContaining({ fromPort: 443, toPort: 443, cidrBlocks: ["10.40.0.0/16"] }),
    ]);
  });

  it("installs the four addons with network policy on", () => {
    const addons = byType("aws:eks/addon:Addon").map((a) => a.inputs.addonName);
    expect(addons.sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const cni = byName("gpu-vpc-cni").inputs;
    expect(JSON.parse(cni.configurationValues as string)).toEqual({ enableNetworkPolicy: "true" });
  });

  it("starts CoreDNS after the system nodes", () => {
    expect(dependsOn(byName("gpu-coredns"), "gpu-system-nodes")).toBe(true);
    for (const pool of ["system", "training", "serving"]) {
      expect(dependsOn(byName(`gpu-${pool}-nodes`), "gpu-vpc-cni")).toBe(true);
    }
  });

  it("waits for admin access before the provider", () => {
    expect(dependsOn(byName("gpu-k8s"), "gpu-admin-policy")).toBe(true);
  });

  it("gives the node role the three worker policies", () => {
    const arns = byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((r) => r.name.startsWith("gpu-node-"))
      .map((r) => r.inputs.policyArn);
    expect(arns.sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    ]);
  });

  it("keeps the kubeconfig secret and exports outputs", () => {
    expect(kubeconfigSecret).toBe(true);
    expect(outputs.clusterName).toBe("hcft-qwen7b");
    expect(outputs.oidc).toBe("https://oidc.mock.invalid/id/MOCK");
    expect(outputs.serving).toBe("gpu-serving-nodes-ng");
    expect(JSON.parse(outputs.kubeconfig as string).users[0].user.exec.command).toBe("aws");
  });
});

describe("GpuCluster node groups", () => {
  const group = (pool: string) => byName(`gpu-${pool}-nodes`).inputs;

  it("uses NVIDIA AMIs on GPU pools only", () => {
    expect(group("training").amiType).toBe("AL2023_x86_64_NVIDIA");
    expect(group("serving").amiType).toBe("AL2023_x86_64_NVIDIA");
    expect(group("system").amiType).toBe("AL2023_x86_64_STANDARD");
  });

  it("taints GPU pools and leaves system untainted", () => {
    const taint = { key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" };
    expect(group("training").taints).toEqual([taint]);
    expect(group("serving").taints).toEqual([taint]);
    expect(group("system").taints).toEqual([]);
  });

  it("scales training from zero and runs on demand", () => {
    expect(group("training").scalingConfig).toEqual({ minSize: 0, maxSize: 1, desiredSize: 1 });
    expect(group("training").capacityType).toBe("ON_DEMAND");
    expect(group("training").instanceTypes).toEqual(["g6e.xlarge"]);
  });

  it("sets no SSH access on any node group", () => {
    for (const ng of byType("aws:eks/nodeGroup:NodeGroup")) {
      expect(ng.inputs.remoteAccess).toBeUndefined();
      expect(ng.inputs.subnetIds).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
    }
  });
});

describe("GpuCluster launch templates", () => {
  const templates = () => byType("aws:ec2/launchTemplate:LaunchTemplate");

  it("creates one template per node group", () => {
    expect(
      templates()
        .map((t) => t.name)
        .sort(),
    ).toEqual(["gpu-serving-lt", "gpu-system-lt", "gpu-training-lt"]);
  });

  it("requires IMDSv2 with a hop limit of 1", () => {
    for (const template of templates()) {
      expect(template.inputs.metadataOptions).toEqual({
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      });
    }
  });

  it("encrypts a gp3 root volume with the volume key", () => {
    for (const template of templates()) {
      const [root] = template.inputs.blockDeviceMappings as BlockDevice[];
      expect(root!.deviceName).toBe("/dev/xvda");
      expect(root!.ebs.volumeType).toBe("gp3");
      expect(root!.ebs.encrypted).toBe("true");
      expect(root!.ebs.kmsKeyId).toBe("arn:aws:kms:ap-south-1:123456789012:key/volumes");
    }
  });

  it("sizes GPU root volumes from the weights", () => {
    const training = byName("gpu-training-lt").inputs.blockDeviceMappings as BlockDevice[];
    expect(training[0]!.ebs.volumeSize).toBe(130);
  });

  it("sets no key pair and no AMI", () => {
    for (const template of templates()) {
      expect(template.inputs.keyName).toBeUndefined();
      expect(template.inputs.imageId).toBeUndefined();
    }
  });
});

describe("GpuCluster device plugin", () => {
  const plugin = () => byName("gpu-nvidia-device-plugin");

  it("uses the cluster's Kubernetes provider", () => {
    expect(plugin().provider).toMatch(/::gpu-k8s::/);
  });

  it("selects GPU pool nodes only", () => {
    const spec = plugin().inputs.spec as DaemonSetSpec;
    const affinity = spec.template.spec!.affinity!.nodeAffinity!;
    const terms = affinity.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms;
    expect(terms).toHaveLength(1);
    expect(terms[0]!.matchExpressions).toEqual([
      { key: "nvidia.com/gpu.present", operator: "In", values: ["true"] },
      { key: "hcft.io/pool", operator: "In", values: ["training", "serving"] },
    ]);
    // The system pool's labels can never satisfy the GPU expression.
    const system = byName("gpu-system-nodes").inputs.labels as Record<string, string>;
    expect(system["nvidia.com/gpu.present"]).toBeUndefined();
    expect(terms[0]!.matchExpressions![1]!.values).not.toContain("system");
  });

  it("tolerates the GPU taint", () => {
    const spec = plugin().inputs.spec as DaemonSetSpec;
    expect(spec.template.spec!.tolerations).toContainEqual({
      key: "nvidia.com/gpu",
      operator: "Exists",
      effect: "NoSchedule",
    });
  });

  it("pulls the mirrored image from the stack's ECR", () => {
    const spec = plugin().inputs.spec as DaemonSetSpec;
    expect(spec.template.spec!.containers[0]!.image).toBe(
      "123456789012.dkr.ecr.ap-south-1.amazonaws.com/nvidia/k8s-device-plugin:v0.17.0" +
        "@sha256:7089559ce6153018806857f5049085bae15b3bf6f1c8bd19d8b12f707d087dea",
    );
  });

  it("validates against the Kubernetes schema", () => {
    const inputs = plugin().inputs as unknown as IDaemonSet;
    expect(() => new DaemonSet(inputs).validate()).not.toThrow();
    expect(resources.length).toBeGreaterThan(20);
  });
});
