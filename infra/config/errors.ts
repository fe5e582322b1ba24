/** One invalid key: its dotted path, the value found and the full message after the path. */
export interface ConfigIssue {
  path: string;
  value: unknown;
  message: string;
}

/** Every problem of a stack configuration at once, one line per key. */
export class StackConfigError extends Error {
  override name = "StackConfigError";
  // The stack's name is `stackName` because `stack` is Error's stack trace.
  constructor(
    readonly stackName: string,
    readonly issues: ConfigIssue[],
  ) {
    const lines = issues.map((i) => `  hcft:${i.path}: ${i.message}`);
    const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
    super(`Invalid configuration for stack "${stackName}" (${count}):\n${lines.join("\n")}`);
  }
}

/** Builds the message for a value that is present but not accepted. */
export function invalidValue(value: unknown, expected: string): string {
  return `invalid value ${formatValue(value)}; expected ${expected}`;
}

/** Builds the message for a required key that is absent. */
export function missingValue(expected: string): string {
  return `missing; expected ${expected}`;
}

/** Formats a value as JSON, cut to 80 characters. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
