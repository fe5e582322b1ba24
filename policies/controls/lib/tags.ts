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

/** Every `data-classification` value the controls recognise. */
export const KNOWN_CLASSES: readonly string[] = [
  ...SENSITIVE_CLASSES,
  "model-artifacts",
  "audit-logs",
  "internal",
];

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

/**
 * Returns the classification that data controls apply to a resource. A missing or
 * unrecognised `data-classification` counts as phi (fail-closed), so an untagged bucket
 * gets every PHI control. HC-DATA-01 reports the missing tag itself.
 */
export function effectiveClassification(resource: CheckedResource): string {
  const cls = classificationOf(resource);
  return cls !== undefined && KNOWN_CLASSES.includes(cls) ? cls : "phi";
}

/** True for a bucket or key that contains PHI, PII or de-identified data, or is not classified. */
export function isSensitive(resource: CheckedResource): boolean {
  return SENSITIVE_CLASSES.includes(effectiveClassification(resource));
}

/** True for raw PHI or PII, or for a resource whose classification is missing or unknown. */
export function isRawPersonalData(resource: CheckedResource): boolean {
  const cls = effectiveClassification(resource);
  return cls === "phi" || cls === "pii";
}

/**
 * True only when a namespace is explicitly labelled phi or pii. Unlike isRawPersonalData it
 * does not fail closed, because this label grants access to raw buckets.
 */
export function isLabelledRaw(namespace: CheckedResource): boolean {
  const cls = classificationOf(namespace);
  return cls === "phi" || cls === "pii";
}
