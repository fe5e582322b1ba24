import { z } from "zod";
import {
  describeSchema,
  objectKeys,
  schemaAt,
  tagValues,
  unwrapWrappers,
  valueAt,
} from "./describe";
import { type ConfigIssue, invalidValue, missingValue, StackConfigError } from "./errors";
import { checkModelId, checkRetention } from "./rules";
import { type StackConfig, stackConfigSchema } from "./schema";

export * from "./checks";
export * from "./errors";
export * from "./schema";

/** Top-level keys of the `hcft:` namespace, in schema order. */
export const stackConfigKeys: readonly string[] = Object.keys(stackConfigSchema.shape);

/**
 * Parses a stack's raw `hcft:` configuration (keys without the namespace) into a
 * StackConfig, or throws a StackConfigError listing every invalid key. Pure: reads no
 * files and no Pulumi state.
 */
export function parseStackConfig(stack: string, raw: unknown): StackConfig {
  const result = stackConfigSchema.safeParse(raw);
  const issues = result.success ? [] : result.error.issues.flatMap((i) => toIssues(i, raw));
  issues.push(...checkModelId(raw), ...checkRetention(raw));
  if (issues.length > 0 || !result.success) throw new StackConfigError(stack, issues);
  return result.data;
}

// Rewrites one zod issue into issues in one template: "invalid value <v>; expected <what>",
// "missing; expected <what>" or "unknown key; expected one of <keys>".
function toIssues(issue: z.core.$ZodIssue, raw: unknown): ConfigIssue[] {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const accepted = objectKeys(schemaAt(stackConfigSchema, raw, issue.path));
    return issue.keys.map((key) => ({
      path: path === "" ? key : `${path}.${key}`,
      value: valueAt(raw, [...issue.path, key]),
      message: `unknown key; expected one of ${accepted.join(", ")}`,
    }));
  }
  const value = valueAt(raw, issue.path);
  if (issue.code === "invalid_union" && "discriminator" in issue) {
    return discriminatorIssues(issue, raw);
  }
  const expected = expectedText(issue, raw);
  if (value === undefined) return [{ path, value, message: missingValue(expected) }];
  return [{ path, value, message: invalidValue(value, expected) }];
}

// A message the schema wrote itself ("expected an IAM role ARN") wins, else the schema's
// description.
function expectedText(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.message.startsWith("expected ")) return issue.message.slice("expected ".length);
  const schema = schemaAt(stackConfigSchema, raw, issue.path);
  return schema === undefined ? issue.message : describeSchema(schema);
}

/**
 * Reports an invalid discriminator, then checks the other keys of that object against the
 * closest option, because zod stops at the discriminator and would hide them.
 */
function discriminatorIssues(issue: z.core.$ZodIssue, raw: unknown): ConfigIssue[] {
  const tagPath = issue.path;
  const objectPath = tagPath.slice(0, -1);
  const value = valueAt(raw, tagPath);
  const union = unwrapWrappers(schemaAt(stackConfigSchema, raw, objectPath) ?? stackConfigSchema);
  const def = union._zod.def as { discriminator?: string; options?: z.core.$ZodType[] };
  const discriminator = def.discriminator ?? String(tagPath[tagPath.length - 1]);
  const options = def.options ?? [];
  const tags = options.flatMap((option) => tagValues(option, discriminator));
  const objectValue = valueAt(raw, objectPath);
  const head: ConfigIssue = {
    path: tagPath.map(String).join("."),
    value,
    message: invalidValue(value, `one of ${tags.map(String).join(", ")}`),
  };
  if (objectValue === null || typeof objectValue !== "object" || Array.isArray(objectValue)) {
    return [head];
  }

  // Try each option's tag in place of the invalid one. The closest option is the one with
  // the fewest unknown keys (the shape the user wrote), then the fewest other issues.
  let best: { tag: unknown; raw: unknown; issues: z.core.$ZodIssue[]; score: number[] } | undefined;
  for (const option of options) {
    const tag = tagValues(option, discriminator)[0];
    const candidate = { ...(objectValue as Record<string, unknown>), [discriminator]: tag };
    const result = z.safeParse(option, candidate);
    const found = result.success ? [] : result.error.issues;
    const score = closeness(found);
    if (best === undefined || compareScores(score, best.score) < 0) {
      best = { tag, raw: replaceAt(raw, objectPath, candidate), issues: found, score };
    }
  }
  if (best === undefined) return [head];
  const objectName = objectPath.map(String).join(".") || "config";
  head.message += ` (the other ${objectName} keys are checked as ${discriminator}: ${best.tag})`;
  const rest = best.issues.flatMap((inner) =>
    toIssues({ ...inner, path: [...objectPath, ...inner.path] }, best.raw),
  );
  return [head, ...rest];
}

// Counts unknown keys, then the other issues, for choosing the closest union option.
function closeness(issues: z.core.$ZodIssue[]): number[] {
  let unknownKeys = 0;
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") unknownKeys += issue.keys.length;
  }
  return [unknownKeys, issues.length];
}

function compareScores(a: number[], b: number[]): number {
  const index = a.findIndex((value, i) => value !== b[i]);
  return index === -1 ? 0 : (a[index] as number) - (b[index] as number);
}

// Returns a copy of `raw` with the value at `path` replaced, copying only the objects on
// the path.
function replaceAt(raw: unknown, path: readonly PropertyKey[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const current = (raw ?? {}) as Record<PropertyKey, unknown>;
  return { ...current, [key as PropertyKey]: replaceAt(current[key as PropertyKey], rest, value) };
}
