import { type WorkloadName, workloads } from "../names";
import { bucketPrefixes } from "../storage/layout";
import { type PolicyDocument, policyDocument, type Statement } from "./documents";

// Least-privilege documents for the three workload roles. Each role reads and writes only
// its own prefixes. De-identification reads raw notes and writes de-identified notes and
// its lineage. Training reads de-identified notes only and writes adapters, fine-tuned
// weights, checkpoints and its lineage. Serving reads base weights, adapters and fine-tuned weights only.

/** Physical name of a workload's IAM role, fixed so key policies can name it in advance. */
export function workloadRoleName(environment: string, workload: WorkloadName): string {
  return `hcft-${environment}-${workload}`;
}

/** ARNs of the three workload roles of an environment, known before the roles exist. */
export function workloadRoleArns(accountId: string, environment: string): string[] {
  const names: WorkloadName[] = ["deid", "training", "serving"];
  return names.map((w) => `arn:aws:iam::${accountId}:role/${workloadRoleName(environment, w)}`);
}

export interface WorkloadResources {
  region: string;
  rawBucketArn: string;
  deidentifiedBucketArn: string;
  artifactsBucketArn: string;
  auditBucketArn: string;
  datasetsKeyArn: string;
  logsKeyArn: string;
}

/** One prefix a role may read or write in one bucket, with the key that encrypts it. */
export interface PrefixGrant {
  access: "read" | "write";
  bucketArn: string;
  prefix: string;
  keyArn: string;
}

/** Decides the prefix grants of each workload from the bucket and key ARNs. */
export function decideWorkloadGrants(workload: WorkloadName, r: WorkloadResources): PrefixGrant[] {
  const p = bucketPrefixes;
  const grant = (
    access: PrefixGrant["access"],
    bucketArn: string,
    prefix: string,
    keyArn: string,
  ) => ({
    access,
    bucketArn,
    prefix,
    keyArn,
  });
  switch (workload) {
    case "deid":
      return [
        grant("read", r.rawBucketArn, p.rawNotes, r.datasetsKeyArn),
        grant("write", r.deidentifiedBucketArn, p.deidentifiedNotes, r.datasetsKeyArn),
        grant("write", r.auditBucketArn, p.deidLineage, r.logsKeyArn),
      ];
    case "training":
      return [
        grant("read", r.deidentifiedBucketArn, p.deidentifiedNotes, r.datasetsKeyArn),
        grant("write", r.artifactsBucketArn, p.adapters, r.datasetsKeyArn),
        grant("write", r.artifactsBucketArn, p.finetunedModels, r.datasetsKeyArn),
        grant("read", r.artifactsBucketArn, p.checkpoints, r.datasetsKeyArn),
        grant("write", r.artifactsBucketArn, p.checkpoints, r.datasetsKeyArn),
        grant("read", r.artifactsBucketArn, p.models, r.datasetsKeyArn),
        grant("write", r.auditBucketArn, p.trainingLineage, r.logsKeyArn),
      ];
    case "serving":
      return [
        grant("read", r.artifactsBucketArn, p.models, r.datasetsKeyArn),
        grant("read", r.artifactsBucketArn, p.adapters, r.datasetsKeyArn),
        grant("read", r.artifactsBucketArn, p.finetunedModels, r.datasetsKeyArn),
      ];
  }
}

function sidFor(workload: WorkloadName, index: number, kind: string): string {
  const title = workload.charAt(0).toUpperCase() + workload.slice(1);
  return `${title}${kind}${index}`;
}

// The S3 statements of one grant: object actions under the prefix and listing limited to
// it. Writers get no DeleteObject: versioning keeps replaced objects, and deletion stays
// with the lifecycle rules.
function s3Statements(workload: WorkloadName, i: number, g: PrefixGrant): Statement[] {
  const objects = `${g.bucketArn}/${g.prefix}*`;
  if (g.access === "write") {
    return [
      {
        Sid: sidFor(workload, i, "WriteObjects"),
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: objects,
      },
    ];
  }
  return [
    {
      Sid: sidFor(workload, i, "ReadObjects"),
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: objects,
    },
    {
      Sid: sidFor(workload, i, "ListPrefix"),
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: g.bucketArn,
      Condition: { StringLike: { "s3:prefix": [`${g.prefix}*`] } },
    },
  ];
}

/** Builds the IAM policy document of one workload role. */
export function buildWorkloadPolicy(workload: WorkloadName, r: WorkloadResources): PolicyDocument {
  const grants = decideWorkloadGrants(workload, r);
  const statements = grants.flatMap((g, i) => s3Statements(workload, i, g));

  // KMS use only through S3 in this region: decrypt where the role reads, generate data
  // keys where it writes.
  const keyActions = new Map<string, Set<string>>();
  for (const g of grants) {
    const actions = keyActions.get(g.keyArn) ?? new Set<string>();
    if (g.access === "read") actions.add("kms:Decrypt");
    if (g.access === "write") {
      actions.add("kms:GenerateDataKey");
      actions.add("kms:Decrypt");
    }
    keyActions.set(g.keyArn, actions);
  }
  [...keyActions.entries()].forEach(([keyArn, actions], i) => {
    statements.push({
      Sid: sidFor(workload, i, "UseKeyThroughS3"),
      Effect: "Allow",
      Action: [...actions].sort(),
      Resource: keyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${r.region}.amazonaws.com` } },
    });
  });
  return policyDocument(statements);
}

/**
 * Builds the trust policy of a workload role: EKS Pod Identity may assume it only for the
 * workload's namespace and service account on the named cluster of this account. The
 * session tags are set by Pod Identity (Amazon EKS User Guide, "Create IAM role with trust
 * policy required by EKS Pod Identity").
 */
export function buildPodIdentityTrust(
  workload: WorkloadName,
  accountId: string,
  clusterName: string,
): PolicyDocument {
  const binding = workloads[workload];
  return policyDocument([
    {
      Sid: "EksPodIdentity",
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": accountId,
          "aws:RequestTag/eks-cluster-name": clusterName,
          "aws:RequestTag/kubernetes-namespace": binding.namespace,
          "aws:RequestTag/kubernetes-service-account": binding.serviceAccount,
        },
      },
    },
  ]);
}
