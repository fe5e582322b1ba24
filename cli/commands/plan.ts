import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from "../errors";
import { log } from "../log";
import { checkOutDir, checkProgram, missingModuleError } from "../plan/inputs";
import { validateKubernetesObjects } from "../plan/kubernetes";
import {
  evaluatePlanPolicies,
  type FailedControl,
  PACK_NAMES,
  type PackName,
  packsForProfiles,
} from "../plan/policies";
import { DEFAULT_PROGRAM, planRegion, runProgram } from "../plan/run";
import {
  listStacks,
  loadStackFile,
  loadStackPath,
  namespaceConfig,
  type StackFile,
} from "../plan/stacks";
import { summarize } from "../plan/summary";
import type { PlanFile } from "../plan/types";

/** The stack planned when `--stack` is omitted: the India-resident serious-prototype tier. */
export const DEFAULT_STACK = "prototype-in";

function usage(): string {
  return [
    "Usage: hcft plan [--stack <name> | --stack-file <path>] [--out <dir>] [--program <file.ts>]",
    "                 [--packs hipaa,dpdp]",
    "",
    "Runs the Pulumi program offline under Pulumi's mocks (no cloud account, no Pulumi CLI),",
    "records every resource it would create, validates the Kubernetes objects against the",
    "Kubernetes API schema, runs the policy packs, and writes plan.json (resources, sizing,",
    "outputs) plus the policy reports when the packs are present.",
    "",
    "Options:",
    `  --stack <name>        stack file stacks/Pulumi.<name>.yaml (default ${DEFAULT_STACK},`,
    "                        the India-resident serious-prototype tier)",
    "  --stack-file <path>   a stack file kept outside stacks/, named Pulumi.<stack>.yaml",
    "  --out <dir>           folder for plan.json and the reports (default out/<stack>)",
    `  --program <file>      plan another Pulumi TypeScript program instead of ${DEFAULT_PROGRAM};`,
    "                        without a stack it runs with no config and the packs' defaults",
    "  --packs <list>        policy packs to run, comma-separated from hipaa, dpdp (default: the",
    "                        stack's compliance profiles; both for a program without a stack)",
    "",
    `Stacks: ${listStacks().join(", ")}`,
    "Exit codes: 0 planned, 1 invalid Kubernetes object or failed mandatory control or",
    "program error, 2 invalid arguments or stack configuration.",
  ].join("\n");
}

interface PlanArgs {
  stack?: StackFile;
  program: string;
  outDir: string;
  /** Packs named by --packs; undefined means the stack's profiles decide. */
  packs?: PackName[];
}

function parsePacks(text: string): PackName[] {
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(PACK_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--packs ${text}: unknown pack ${unknown.join(", ")}; expected a comma-separated list of ${PACK_NAMES.join(", ")}`,
    );
  }
  return [...new Set(names)] as PackName[];
}

const planOptions = {
  stack: { type: "string" },
  "stack-file": { type: "string" },
  out: { type: "string" },
  program: { type: "string" },
  packs: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

// Only an unknown option or a stray argument gets the list of options; a missing value
// keeps Node's message, which already names the option.
function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, options: planOptions, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(message);
    throw new UsageError(
      `${message}; expected --stack, --stack-file, --out, --program, --packs or --help`,
    );
  }
}

function parsePlanArgs(args: string[]): PlanArgs | undefined {
  const { values } = parseOptions(args);
  if (values.help) return undefined;
  const program = values.program ?? DEFAULT_PROGRAM;
  if (values.program !== undefined && !/\.(ts|js)$/.test(values.program)) {
    throw new UsageError(`--program ${values.program}: expected a .ts or .js file`);
  }
  if (values.stack !== undefined && values["stack-file"] !== undefined) {
    throw new UsageError("--stack and --stack-file: expected only one of them");
  }
  // A custom program runs without config unless a stack is named; the hcft program needs one.
  const stackName = values.stack ?? (values.program === undefined ? DEFAULT_STACK : undefined);
  let stack: StackFile | undefined;
  if (values["stack-file"] !== undefined) stack = loadStackPath(values["stack-file"]);
  else if (stackName !== undefined) stack = loadStackFile(stackName);
  const outName = stack?.name ?? path.basename(program).replace(/\.(ts|js)$/, "");
  const packs = values.packs === undefined ? undefined : parsePacks(values.packs);
  const outDir = values.out ?? path.join("out", outName);
  if (values.program !== undefined) checkProgram(values.program);
  checkOutDir(outDir);
  return { stack, program, outDir, packs };
}

// Config and sizing errors are the user's to fix in the stack file: exit 2, message only.
function isConfigError(error: unknown): error is Error {
  const candidates = [error, (error as { cause?: unknown } | null)?.cause];
  return candidates.some(
    (item) =>
      item instanceof Error && (item.name === "StackConfigError" || item.name === "SizingError"),
  );
}

/** Maximum number of failed mandatory controls printed; report.md lists all of them. */
const FAILED_CONTROLS_SHOWN = 10;

/**
 * Builds a heading, one line per failed mandatory control (the first ten) and a line that
 * points at report.md for every finding and its fix.
 */
export function failedControlLines(failed: FailedControl[], outDir: string): string[] {
  const plural = failed.length === 1 ? "" : "s";
  const lines = [`${failed.length} mandatory control${plural} failed:`];
  for (const control of failed.slice(0, FAILED_CONTROLS_SHOWN)) {
    const others = control.resourceCount - 1;
    const more = others > 0 ? ` and ${others} more` : "";
    const resources = `${control.resourceCount} resource${control.resourceCount === 1 ? "" : "s"}`;
    lines.push(
      `  ${control.controlId} ${control.policyName} (${control.packs.join(", ")}): ` +
        `${resources}, ${control.firstResource}${more}`,
    );
  }
  const hidden = failed.length - FAILED_CONTROLS_SHOWN;
  if (hidden > 0) lines.push(`  ${hidden} more, not shown`);
  lines.push(`see ${path.join(outDir, "report.md")} for each finding and its fix`);
  return lines;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function run(args: string[]): Promise<number> {
  const parsed = parsePlanArgs(args);
  if (parsed === undefined) {
    log.out(usage());
    return EXIT_OK;
  }
  const { stack, program, outDir, packs: requestedPacks } = parsed;
  log.info(`planning ${program}${stack ? ` for stack ${stack.name}` : ""} offline under mocks`);

  let planned: Awaited<ReturnType<typeof runProgram>>;
  try {
    planned = await runProgram({ program, stack, onLog: (line) => log.info(line) });
  } catch (error) {
    const moduleError = missingModuleError(program, error);
    if (moduleError !== undefined) throw moduleError;
    if (!isConfigError(error)) throw error;
    log.error(error.message);
    return EXIT_USAGE;
  }

  const plan: PlanFile = {
    stack: stack?.name ?? null,
    program: path.relative(process.cwd(), path.resolve(program)),
    resources: planned.resources,
    sizing: planned.sizing,
    outputs: planned.outputs,
  };
  mkdirSync(outDir, { recursive: true });
  writeJson(path.join(outDir, "plan.json"), plan);
  const usdPerHour = plan.outputs.estimatedUsdPerHour;
  const lines = summarize(
    plan.resources,
    plan.sizing,
    typeof usdPerHour === "number" ? usdPerHour : undefined,
  );
  for (const line of lines) log.out(line);

  let exitCode = EXIT_OK;
  const kubernetes = validateKubernetesObjects(plan.resources);
  log.out(
    `Kubernetes objects validated: ${kubernetes.checked}, invalid: ${kubernetes.errors.length}`,
  );
  for (const invalid of kubernetes.errors) {
    log.error(
      `invalid Kubernetes object ${invalid.object} (${invalid.urn}): ${invalid.messages.join("; ")}`,
    );
    exitCode = EXIT_FAILED;
  }
  if (kubernetes.skippedTypes.length > 0) {
    log.warn(`no Kubernetes schema for ${kubernetes.skippedTypes.join(", ")}; not validated`);
  }

  // A stack is checked against the packs of its compliance profiles, a bare program against both.
  const compliance = stack
    ? (namespaceConfig(stack, "hcft").compliance as { profiles?: unknown })
    : {};
  const packs = requestedPacks ?? packsForProfiles(compliance?.profiles);
  const policies = await evaluatePlanPolicies(plan, planRegion(stack), outDir, packs);
  for (const pack of packs) {
    const summary = policies.packs[pack];
    if (summary === undefined) continue;
    const controls = summary.controls;
    log.out(
      `Policies ${pack}: controls ${controls.passed} passed, ${controls.failed} failed, ` +
        `${controls.deferred} deferred; findings ${summary.passed} passed, ${summary.failed} failed ` +
        `(${summary.mandatoryFailed} mandatory), ${summary.deferred} deferred`,
    );
  }
  for (const file of policies.files) log.out(`wrote ${file}`);
  log.out(`wrote ${path.join(outDir, "plan.json")}`);
  if (policies.mandatoryFailed > 0) {
    const [heading, ...details] = failedControlLines(policies.failedMandatory, outDir);
    log.error(heading ?? "mandatory controls failed");
    for (const line of details) log.info(line);
    exitCode = EXIT_FAILED;
  }
  return exitCode;
}
