import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { SizingPlan } from "../../infra/sizing/types";
import { createPlanMocks } from "./mocks";
import { sanitize, startRecording } from "./recorder";
import { namespaceConfig, type StackFile, toPulumiConfig } from "./stacks";
import { type PlannedResource, SECRET_PLACEHOLDER } from "./types";

// Runs a Pulumi TypeScript program in this process under Pulumi's mocks and returns what it
// registered. Pulumi's runtime state is process-global, so one process runs one program:
// the command line exits afterwards, and tests plan one stack per test file.

/** The Pulumi project name from Pulumi.yaml; URNs carry it. */
export const PROJECT_NAME = "hcft";

/** The program `plan` runs when no `--program` is given. */
export const DEFAULT_PROGRAM = "infra/index.ts";

export interface ProgramRunOptions {
  /** Path of the program's entry file, absolute or relative to the working directory. */
  program: string;
  /** The stack whose config the program reads; without one the program gets no config. */
  stack?: StackFile;
  /** Stack name for URNs and `pulumi.getStack()` when no stack file is given. */
  stackName?: string;
  /** Receives each line the program logs through `pulumi.log`. */
  onLog?: (line: string) => void;
}

export interface ProgramRun {
  resources: PlannedResource[];
  /** The program's exports (stack outputs), with each secret replaced by SECRET_PLACEHOLDER. */
  outputs: Record<string, unknown>;
  /** The program's `sizing` export when it has one (the hcft program does). */
  sizing: SizingPlan | null;
}

/** Returns the region for the mocks: `aws:region`, else `hcft:region`, else us-east-1. */
export function planRegion(stack: StackFile | undefined): string {
  if (stack === undefined) return "us-east-1";
  const aws = namespaceConfig(stack, "aws").region;
  const hcft = namespaceConfig(stack, "hcft").region;
  if (typeof aws === "string") return aws;
  return typeof hcft === "string" ? hcft : "us-east-1";
}

/**
 * Runs the program under mocks and waits until every resource is registered. Throws the
 * program's own error when it fails (a config error, a failed `apply`, a rejected promise).
 */
export async function runProgram(options: ProgramRunOptions): Promise<ProgramRun> {
  const stackName = options.stack?.name ?? options.stackName ?? "offline";
  pulumi.runtime.setAllConfig(options.stack ? toPulumiConfig(options.stack.config) : {});
  await pulumi.runtime.setMocks(
    createPlanMocks(planRegion(options.stack)),
    PROJECT_NAME,
    stackName,
    false,
  );
  const resources = startRecording();

  // A failure inside an `apply` or a registration surfaces as an unhandled rejection, so
  // the run collects them and fails with the first one.
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  const restoreConsole = forwardRuntimeLog(options.onLog ?? (() => {}));
  try {
    const exports = (await import(path.resolve(options.program))) as Record<string, unknown>;
    const outputs = await resolveExports(exports);
    await pulumi.runtime.disconnect();
    // Let rejections raised during the last registrations reach the handler.
    await new Promise((resolve) => setImmediate(resolve));
    if (rejections.length > 0) throw rejections[0];
    const sizing = (exports.sizing as SizingPlan | undefined) ?? null;
    return { resources, outputs, sizing };
  } finally {
    restoreConsole();
    process.off("unhandledRejection", onRejection);
  }
}

// Without an engine, as under mocks, Pulumi's log writes to the console. The run forwards
// those lines to `onLog` instead, so the caller decides where they go.
function forwardRuntimeLog(onLog: (line: string) => void): () => void {
  const methods = ["log", "info", "warn", "error"] as const;
  const terminal = globalThis.console;
  const saved = methods.map((method) => terminal[method]);
  for (const method of methods) {
    // Pulumi prefixes these lines with "[runtime]"; the level word before it stays.
    terminal[method] = (...args: unknown[]) =>
      onLog(args.map(String).join(" ").replace("[runtime] ", ""));
  }
  return () => {
    methods.forEach((method, index) => {
      terminal[method] = saved[index] as (typeof terminal)[typeof method];
    });
  };
}

async function resolveExports(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exports)) {
    if (name === "default" || name === "__esModule" || typeof value === "function") continue;
    outputs[name] = await resolveValue(value);
  }
  return outputs;
}

// `pulumi.output` lifts Outputs nested in objects and arrays (the bucket name map), and an
// object with a secret inside comes back secret as a whole.
async function resolveValue(value: unknown): Promise<unknown> {
  const output = pulumi.output(value) as pulumi.Output<unknown>;
  if (await pulumi.isSecret(output)) return SECRET_PLACEHOLDER;
  const resolved = await new Promise<unknown>((resolve) => {
    output.apply((inner) => {
      resolve(inner);
      return inner;
    });
  });
  return sanitize(resolved);
}
