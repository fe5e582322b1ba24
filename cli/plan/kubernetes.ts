import type { KubernetesValidationError, PlannedResource } from "./types";

// Validates the Kubernetes objects of a plan against the Kubernetes API schema. The model
// classes of `kubernetes-models` are generated from the Kubernetes OpenAPI spec, and each
// class's `validate()` checks an object against its JSON schema and throws when invalid.

/** Validation result: objects checked, invalid objects and the types without a schema. */
export interface KubernetesValidation {
  checked: number;
  errors: KubernetesValidationError[];
  /** Type tokens with no schema in kubernetes-models (Helm releases, YAML groups, providers). */
  skippedTypes: string[];
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

// `kubernetes:apps/v1:Deployment` -> `kubernetes-models/apps/v1/Deployment`; the core group
// has no folder of its own (`kubernetes:core/v1:Pod` -> `kubernetes-models/v1/Pod`).
function modelModulePath(type: string): { module: string; kind: string } | undefined {
  const match = /^kubernetes:([^:/]+)\/([^:/]+):([A-Za-z0-9]+)$/.exec(type);
  if (match === null) return undefined;
  const [, group, version, kind] = match as unknown as [string, string, string, string];
  const folder = group === "core" ? version : `${group}/${version}`;
  return { module: `kubernetes-models/${folder}/${kind}`, kind };
}

function loadModel(type: string): ModelClass | undefined {
  const location = modelModulePath(type);
  if (location === undefined) return undefined;
  try {
    const loaded = require(location.module) as Record<string, unknown>;
    const model = loaded[location.kind];
    return typeof model === "function" ? (model as ModelClass) : undefined;
  } catch {
    return undefined;
  }
}

function describeObject(resource: PlannedResource): string {
  const inputs = resource.inputs;
  const metadata = (inputs.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const name = [metadata.namespace, metadata.name ?? resource.name]
    .filter((part) => typeof part === "string" && part !== "")
    .join("/");
  return `${String(inputs.apiVersion)}/${String(inputs.kind)} ${name}`;
}

/** Validates every `kubernetes:*` custom resource of the plan except providers. */
export function validateKubernetesObjects(resources: PlannedResource[]): KubernetesValidation {
  const result: KubernetesValidation = { checked: 0, errors: [], skippedTypes: [] };
  const skipped = new Set<string>();
  for (const resource of resources) {
    if (!resource.custom || !resource.type.startsWith("kubernetes:")) continue;
    const model = loadModel(resource.type);
    if (model === undefined) {
      skipped.add(resource.type);
      continue;
    }
    result.checked += 1;
    const messages = validateOne(model, resource.inputs);
    if (messages.length > 0) {
      result.errors.push({ urn: resource.urn, object: describeObject(resource), messages });
    }
  }
  result.skippedTypes = [...skipped].sort();
  return result;
}

function validateOne(model: ModelClass, inputs: Record<string, unknown>): string[] {
  try {
    new model(inputs).validate();
    return [];
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return text
      .split(/\n|, (?=data[/ ])/)
      .map((line) => line.trim())
      .filter((line) => line !== "");
  }
}
