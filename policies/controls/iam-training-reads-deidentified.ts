import { statementsOf } from "./lib/docs";
import { bucketRefs, isBucket } from "./lib/s3";
import { isLabelledRaw, isRawPersonalData, TAG, tagsOf } from "./lib/tags";
import { EKS, IAM, K8S } from "./lib/tokens";
import type { CheckedResource, StackContext, StackControl } from "./types";

const READS = ["s3:GetObject", "s3:Get*", "s3:*", "*"];

function refsOf(resource: CheckedResource): unknown[] {
  return [resource.name, resource.props.name, resource.props.id, resource.props.arn].filter(
    (v) => v !== undefined,
  );
}

// True when `reference` (a name, id or ARN) names this IAM role or policy. An ARN matches by
// its last path segment, because preview inputs carry the name but not the computed ARN.
function isNamedBy(resource: CheckedResource, reference: unknown): boolean {
  if (typeof reference !== "string") return false;
  const refs = refsOf(resource);
  if (refs.includes(reference)) return true;
  const tail = reference.startsWith("arn:") ? reference.split("/").pop() : undefined;
  return tail !== undefined && (resource.props.name === tail || resource.props.id === tail);
}

function roleOf(association: CheckedResource, context: StackContext): CheckedResource | undefined {
  const arn = association.props.roleArn;
  return context.resources.find((r) => r.type === IAM.role && isNamedBy(r, arn));
}

// Every policy document attached to a role: inline, RolePolicy and managed attachments.
function roleDocuments(role: CheckedResource, context: StackContext): unknown[] {
  // biome-ignore lint/suspicious/noExplicitAny: inline policies are untyped JSON
  const documents: unknown[] = ((role.props.inlinePolicies as any[]) ?? []).map((p) => p.policy);
  for (const r of context.resources) {
    if (r.type === IAM.rolePolicy && isNamedBy(role, r.props.role)) documents.push(r.props.policy);
    if (r.type === IAM.attachment && isNamedBy(role, r.props.role)) {
      const policy = context.resources.find(
        (p) => p.type === IAM.policy && isNamedBy(p, r.props.policyArn),
      );
      if (policy !== undefined) documents.push(policy.props.policy);
    }
  }
  return documents;
}

// Raw buckets a document lets its holder read.
function readableRawBuckets(document: unknown, raw: CheckedResource[]): string[] {
  const statements = statementsOf(document);
  if (statements === "invalid") return [];
  const found: string[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow" || !s.actions.some((a) => READS.includes(a))) continue;
    for (const bucket of raw) {
      const names = bucketRefs(bucket).filter((r) => !r.startsWith("arn:"));
      const hit = s.resources.some(
        (res) =>
          res === "*" ||
          names.some((n) => res === `arn:aws:s3:::${n}/*` || res.startsWith(`arn:aws:s3:::${n}/`)),
      );
      if (hit) found.push(bucket.name);
    }
  }
  return found;
}

export const iamTrainingReadsDeidentified: StackControl = {
  id: "HC-DATA-02",
  name: "iam-training-reads-deidentified",
  description:
    "Only workloads in a namespace labelled for raw PHI or PII get an IAM role that can read raw PHI or PII buckets, so training reads de-identified data only.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.514(b)", "164.502(b)", "164.312(a)(1)"], dpdp: ["s.6", "s.8(4)"] },
  resourceTypes: [EKS.podIdentity],
  remediation:
    "Grant s3:GetObject on raw buckets only to the de-identification job role; give the training role the de-identified bucket alone.",
  scope: "stack",
  // A role defined outside the program cannot be checked, so the association is skipped.
  appliesTo: (association, context) => roleOf(association, context) !== undefined,
  check: (association, context) => {
    const namespaceName = association.props.namespace as string;
    const namespace = context.resources.find(
      (r) => r.type === K8S.namespace && r.props.metadata?.name === namespaceName,
    );
    if (namespace !== undefined && isLabelledRaw(namespace)) return [];
    const role = roleOf(association, context) as CheckedResource;
    const raw = context.resources.filter((r) => isBucket(r) && isRawPersonalData(r));
    const readable = [
      ...new Set(roleDocuments(role, context).flatMap((d) => readableRawBuckets(d, raw))),
    ];
    if (readable.length === 0) return [];
    const label =
      namespace === undefined
        ? "unlabelled"
        : `${TAG.classification}=${tagsOf(namespace)[TAG.classification] ?? "unset"}`;
    return [
      `Role ${role.name} of namespace ${namespaceName} (${label}) must not read raw PHI or PII buckets, but can read ${readable.join(", ")}.`,
    ];
  },
};
