import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { parse, YAMLParseError } from "yaml";
import { UsageError } from "../errors";

// Reads `stacks/Pulumi.<stack>.yaml` files the way the Pulumi CLI does for a project with
// `stackConfigDir: stacks`: a `config:` map of `<namespace>:<key>` to a value, where the
// value may be a string, a number, a boolean or a structured object.

/** The folder of stack files, relative to the repository root (the working directory). */
export const STACKS_DIR = "stacks";

/** One stack file: its name, path and the `config:` map as written. */
export interface StackFile {
  name: string;
  path: string;
  config: Record<string, unknown>;
}

/** Lists the stack names that have a `Pulumi.<stack>.yaml` in `dir`, sorted. */
export function listStacks(dir = STACKS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/** Reads one stack file; throws UsageError naming the stacks that exist when it is missing. */
export function loadStackFile(name: string, dir = STACKS_DIR): StackFile {
  const file = path.join(dir, `Pulumi.${name}.yaml`);
  if (!existsSync(file)) {
    const known = listStacks(dir);
    throw new UsageError(
      `--stack ${name}: no stack file ${file}; expected one of: ${known.join(", ") || "(none)"}`,
    );
  }
  return readStackFile(name, file);
}

/** Reads a stack file at any path; the stack name comes from its `Pulumi.<stack>.yaml` name. */
export function loadStackPath(file: string): StackFile {
  const name = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1];
  if (name === undefined) {
    throw new UsageError(`--stack-file ${file}: expected a file named Pulumi.<stack>.yaml`);
  }
  if (!existsSync(file)) throw new UsageError(`--stack-file ${file}: file not found`);
  if (statSync(file).isDirectory()) {
    throw new UsageError(
      `--stack-file ${file}: is a directory, expected a Pulumi.<stack>.yaml file`,
    );
  }
  return readStackFile(name, file);
}

function readStackFile(name: string, file: string): StackFile {
  const document = parseYamlFile(file);
  const config = (document as { config?: unknown } | null)?.config;
  if (config === undefined || config === null || typeof config !== "object") {
    throw new UsageError(`${file}: expected a top-level "config:" map of <namespace>:<key> values`);
  }
  return { name, path: file, config: config as Record<string, unknown> };
}

// Parses one YAML file. A syntax error raises a UsageError that names the file and line.
function parseYamlFile(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // The parser's message ends with " at line N, column M:" and a quoted excerpt.
    const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
    const line = error.linePos?.[0]?.line;
    const where = line === undefined ? "" : ` at line ${line}`;
    throw new UsageError(`invalid YAML in ${file}${where}: ${reason}`);
  }
}

/** Returns the keys of one namespace (`hcft`, `aws`) without their prefix. */
export function namespaceConfig(stack: StackFile, namespace: string): Record<string, unknown> {
  const prefix = `${namespace}:`;
  const entries = Object.entries(stack.config)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, value]) => [key.slice(prefix.length), value]);
  return Object.fromEntries(entries);
}

/**
 * Encodes a stack's config for `pulumi.runtime.setAllConfig`, which takes strings only:
 * strings pass as they are, everything else is JSON (as `pulumi.Config.getObject` expects).
 */
export function toPulumiConfig(config: Record<string, unknown>): Record<string, string> {
  const encoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    encoded[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return encoded;
}
