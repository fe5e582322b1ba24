import { stackConfigSchema, type StackConfig } from "./schema";

export * from "./schema";

/** One invalid key: its dotted path, the value found and what is accepted. */
export interface ConfigIssue {
  path: string;
  value: unknown;
  message: string;
}

/** Every problem of a stack configuration at once, one line per key. */
export class StackConfigError extends Error {
  override name = "StackConfigError";
  constructor(
    readonly stack: string,
    readonly issues: ConfigIssue[],
  ) {
    const lines = issues.map((i) => `  hcft:${i.path}: ${i.message} (got ${formatValue(i.value)})`);
    super(
      `Invalid configuration for stack "${stack}" (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines.join("\n")}`,
    );
  }
}

function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
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
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    value: valueAt(raw, issue.path),
    message: issue.message,
  }));
  throw new StackConfigError(stack, issues);
}
