import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import { servingClientLabel } from "../names";

// Namespace guardrails: Pod Security Admission at the restricted level and NetworkPolicy
// that denies all traffic except what each workload needs.

/** Port vLLM's OpenAI-compatible server listens on. */
export const servingPort = 8000;

/** Port the PyTorch rendezvous of multi-node training listens on. */
export const rendezvousPort = 29500;

/** Labels that mark a namespace whose pods may call the serving endpoint. */
export const servingClientLabels = { [servingClientLabel]: "true" } as const;

// EKS Pod Identity agent address on every node (IPv4), where pods fetch credentials.
const podIdentityAgentCidr = "169.254.170.23/32";

/** Builds a namespace that enforces, audits and warns at the restricted level. */
export function buildNamespace(
  name: string,
  kubernetesVersion: string,
  extraLabels: Record<string, string> = {},
): INamespace {
  const version = `v${kubernetesVersion}`;
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: {
        ...extraLabels,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": version,
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": version,
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": version,
      },
    },
  };
}

/** Traffic one namespace's pods may send or receive beyond the default deny. */
export interface NetworkAllowances {
  vpcCidr: string;
  /** CIDRs of S3 in the region, reached through the gateway endpoint on 443. */
  s3Cidrs: string[];
  /** Admit the vLLM port from namespaces labelled as serving clients. */
  servingIngress: boolean;
  /** Let pods of this namespace reach each other (multi-node training collectives). */
  intraNamespace: boolean;
}

function policy(namespace: string, name: string, spec: INetworkPolicy["spec"]): INetworkPolicy {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace },
    spec,
  };
}

/**
 * Builds the NetworkPolicies of one namespace: a default deny for ingress and egress,
 * then allows for DNS to kube-system, HTTPS to the VPC (interface endpoints) and to S3,
 * the Pod Identity agent, and the optional serving and intra-namespace rules.
 */
export function buildNetworkPolicies(
  namespace: string,
  allow: NetworkAllowances,
): INetworkPolicy[] {
  const policies = [
    policy(namespace, "default-deny", {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    }),
    policy(namespace, "allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": "kube-system" },
              },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
    policy(namespace, "allow-https-endpoints", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [allow.vpcCidr, ...allow.s3Cidrs].map((cidr) => ({ ipBlock: { cidr } })),
          ports: [{ protocol: "TCP", port: 443 }],
        },
      ],
    }),
    policy(namespace, "allow-pod-identity", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ ipBlock: { cidr: podIdentityAgentCidr } }],
          ports: [{ protocol: "TCP", port: 80 }],
        },
      ],
    }),
  ];
  if (allow.servingIngress) {
    policies.push(
      policy(namespace, "allow-serving-clients", {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { ...servingClientLabels } } }],
            ports: [{ protocol: "TCP", port: servingPort }],
          },
        ],
      }),
    );
  }
  if (allow.intraNamespace) {
    const samePods = [{ podSelector: {} }];
    policies.push(
      policy(namespace, "allow-same-namespace", {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: samePods }],
        egress: [{ to: samePods }],
      }),
    );
  }
  return policies;
}
