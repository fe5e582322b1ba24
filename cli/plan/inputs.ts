import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { UsageError } from "../errors";

// Checks of `hcft plan`'s paths that run before the program, so a wrong path is reported
// as invalid input (exit 2) and not after a full plan.

/**
 * Rejects a `--program` file that is missing or is a directory, and one that cannot import
 * the same @pulumi/pulumi as hcft from its own folder.
 */
export function checkProgram(program: string): void {
  const file = path.resolve(program);
  if (!existsSync(file)) throw new UsageError(`--program ${program}: file not found`);
  if (!statSync(file).isFile()) {
    throw new UsageError(`--program ${program}: is a directory, expected a .ts or .js file`);
  }
  let sdk: string;
  try {
    sdk = createRequire(file).resolve("@pulumi/pulumi");
  } catch {
    throw new UsageError(
      `--program ${program}: cannot import @pulumi/pulumi from ${path.dirname(file)}; ` +
        "move the program inside a folder whose node_modules has @pulumi/pulumi, " +
        "such as this repository",
    );
  }
  // The mocks are set on this process's copy of the SDK, and a program that loads another
  // copy would try to reach a real Pulumi engine.
  const ownSdk = require.resolve("@pulumi/pulumi");
  if (sdk !== ownSdk) {
    throw new UsageError(
      `--program ${program}: imports @pulumi/pulumi from ${sdk}, not ${ownSdk} where hcft ` +
        "sets the mocks; move the program inside this repository",
    );
  }
}

/**
 * Converts a "Cannot find module" error from importing the program into a UsageError that
 * names the module. Returns undefined for any other error.
 */
export function missingModuleError(program: string, error: unknown): UsageError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return undefined;
  const message = error instanceof Error ? error.message : String(error);
  const module = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1] ?? "a module";
  return new UsageError(
    `--program ${program}: cannot import ${module}; install it, or move the program inside ` +
      "a folder whose node_modules has it, such as this repository",
  );
}

/** Rejects an `--out` path that is a file, or that lies under a file. */
export function checkOutDir(outDir: string): void {
  let current = path.resolve(outDir);
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
  if (statSync(current).isDirectory()) return;
  const where = current === path.resolve(outDir) ? "is a file" : `${current} is a file`;
  throw new UsageError(`--out ${outDir}: ${where}, expected a folder (created when missing)`);
}
