import type { CheckedResource } from "../types";

// Tag and label keys the controls read. The infrastructure sets the same keys (its
// `data-classification` values are phi, deidentified, model-artifacts, audit-logs and
// internal); a program of another team is expected to use them too.
export const TAG = {
  classification: "data-classification",
  purpose: "purpose",
  retention: "retention-days",
  jurisdiction: "jurisdiction",
} as const;

/** Classifications whose data is personal or derived from it, so every data control applies. */
export const SENSITIVE_CLASSES: readonly string[] = ["phi", "pii", "deidentified"];

/** Reads a resource's AWS tags or, for Kubernetes objects, its metadata labels. */
export function tagsOf(resource: CheckedResource): Record<string, string> {
  const props = resource.props;
  if (resource.type.startsWith("kubernetes:")) {
    return (props.metadata?.labels as Record<string, string> | undefined) ?? {};
  }
  return (props.tags as Record<string, string> | undefined) ?? {};
}

export function classificationOf(resource: CheckedResource): string | undefined {
  return tagsOf(resource)[TAG.classification];
}

/** True for a bucket, key or namespace that holds PHI, PII or data de-identified from it. */
export function isSensitive(resource: CheckedResource): boolean {
  return SENSITIVE_CLASSES.includes(classificationOf(resource) ?? "");
}

/** True for raw PHI or PII, as opposed to de-identified data. */
export function isRawPersonalData(resource: CheckedResource): boolean {
  const cls = classificationOf(resource);
  return cls === "phi" || cls === "pii";
}
