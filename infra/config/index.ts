import type { z } from "zod";
import { findModel, listModelIds } from "../sizing";
import { type ConfigIssue, StackConfigError } from "./errors";
import { type StackConfig, stackConfigSchema } from "./schema";

export * from "./checks";
export * from "./errors";
export * from "./schema";

/** Top-level keys of the `hcft:` namespace, in schema order. */
export const stackConfigKeys: readonly string[] = Object.keys(stackConfigSchema.shape);

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Parses a stack's raw `hcft:` configuration (keys without the namespace) into a
 * StackConfig, or throws a StackConfigError listing every invalid key. Pure: reads no
 * files and no Pulumi state.
 */
export function parseStackConfig(stack: string, raw: unknown): StackConfig {
  const result = stackConfigSchema.safeParse(raw);
  const issues = [...(result.success ? [] : result.error.issues.flatMap((i) => toIssues(i, raw)))];
  issues.push(...checkModelId(raw));
  if (issues.length > 0 || !result.success) throw new StackConfigError(stack, issues);
  return result.data;
}

// The model must be in the sizing catalog, or nothing downstream can be sized. Lengths past
// the model's max_position_embeddings need RoPE scaling, which a stack cannot configure (vLLM
// rejects such a --max-model-len), and images need a vision tower.
function checkModelId(raw: unknown): ConfigIssue[] {
  const id = valueAt(raw, ["model", "id"]);
  if (typeof id !== "string" || id === "") return [];
  const model = findModel(id);
  if (model === undefined) {
    const known = listModelIds().join(", ");
    return [{ path: "model.id", value: id, message: `unknown model; expected one of ${known}` }];
  }
  const issues: ConfigIssue[] = [];
  const limit = model.maxPositionEmbeddings;
  for (const path of [
    ["training", "seqLen"],
    ["serving", "maxModelLen"],
  ]) {
    const length = valueAt(raw, path);
    if (typeof length === "number" && length > limit) {
      issues.push({
        path: path.join("."),
        value: length,
        message: `longer than ${id}'s max_position_embeddings; expected at most ${limit}`,
      });
    }
  }
  const vision = valueAt(raw, ["training", "vision"]);
  if (vision !== undefined && model.vision === undefined) {
    const visionModels = listModelIds().filter((known) => findModel(known)?.vision !== undefined);
    issues.push({
      path: "training.vision",
      value: vision,
      message: `${id} has no vision tower; remove training.vision or use one of ${visionModels.join(", ")}`,
    });
  }
  return issues;
}

// Rewrites zod's issues into one issue per key, each naming what the key accepts.
function toIssues(issue: z.core.$ZodIssue, raw: unknown): ConfigIssue[] {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const accepted = acceptedKeysAt(raw, issue.path);
    return issue.keys.map((key) => ({
      path: [...path, key].join("."),
      value: valueAt(raw, [...issue.path, key]),
      message: `unknown key; expected one of ${accepted.join(", ")}`,
    }));
  }
  const value = valueAt(raw, issue.path);
  if (issue.code === "invalid_type" && value === undefined) {
    return [{ path: path.join("."), value, message: `missing; expected ${issue.expected}` }];
  }
  return [{ path: path.join("."), value, message: issue.message }];
}

// The keys the schema accepts at `path`, following the discriminated unions by the
// discriminator written in `raw` (so `training.lora` is checked against the method's keys).
function acceptedKeysAt(raw: unknown, path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType | undefined = stackConfigSchema;
  for (let depth = 0; depth <= path.length && schema !== undefined; depth++) {
    schema = unwrap(schema, valueAt(raw, path.slice(0, depth)));
    if (depth === path.length) break;
    const shape = (schema._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
    schema = shape?.[String(path[depth])];
  }
  const shape = schema && (schema._zod.def as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: z.core.$ZodType, value: unknown): z.core.$ZodType {
  const def = schema._zod.def as {
    type: string;
    innerType?: z.core.$ZodType;
    discriminator?: string;
    options?: z.core.$ZodType[];
  };
  if (def.innerType !== undefined) return unwrap(def.innerType, value);
  if (def.type === "union" && def.discriminator !== undefined && def.options) {
    const tag = valueAt(value, [def.discriminator]);
    const match = def.options.find((option) => {
      const shape = (option._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
      const literal = shape?.[def.discriminator as string]?._zod.def as { values?: unknown[] };
      return literal?.values?.includes(tag) ?? false;
    });
    if (match !== undefined) return match;
  }
  return schema;
}
