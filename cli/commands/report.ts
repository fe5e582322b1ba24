import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { parseArgs, promisify } from "node:util";
import type { PolicyResults } from "../../policies/evaluate";
import {
  buildMatrix,
  MATRIX_PACKS,
  renderMatrixHtml,
  renderMatrixMarkdown,
  totalsLine,
} from "../../policies/report/matrix";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../errors";
import { log } from "../log";
import { listStacks } from "../plan/stacks";

const execFileAsync = promisify(execFile);

const HELP = [
  "Usage: hcft report [--stack <name>]... [--from <dir>] [--out <dir>]",
  "",
  "Plans every stack with both the HIPAA and DPDP packs, whatever its compliance profiles,",
  "and writes the compliance matrix (controls x stacks, worst outcome over the packs that",
  "ran) as compliance-matrix.md and a self-contained compliance-matrix.html. A cell reads",
  '"n/a" when a pack checked the control and no resource matched, and "not run" when no',
  "pack containing the control ran (possible with --from results of one pack).",
  "",
  "  --stack <name>  stack to include, repeatable (default: every stacks/Pulumi.<stack>.yaml)",
  "  --from <dir>    read <dir>/<stack>/policy-results.json instead of planning each stack",
  "  --out <dir>     output folder, created if missing (default out/report); plans go to",
  "                  <out>/stacks/<stack>",
  "",
  "Exit status: 0 when no stack has a mandatory failure in any pack that ran, 1 otherwise,",
  "2 for invalid input (including an unreadable policy-results.json).",
].join("\n");

/** Stacks found under a --from folder: each subfolder holding a policy-results.json. */
function stacksIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(
      `--from ${dir}: folder not found; pass a folder of <stack>/policy-results.json`,
    );
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "policy-results.json")))
    .map((e) => e.name)
    .sort();
}

// Plans one stack in a child process, because Pulumi mocks are process-global. The plan
// exits 1 when a mandatory control fails, which still leaves its results to read. Both
// packs run on every stack, so the matrix compares all stacks on every control.
async function planStack(stack: string, outDir: string): Promise<void> {
  const packs = MATRIX_PACKS.join(",");
  const args = ["--import", "tsx", "cli/main.ts", "plan", "--stack", stack, "--out", outDir];
  args.push("--packs", packs);
  try {
    await execFileAsync(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code !== 1)
      throw new Error(
        `plan of stack ${stack} failed with exit code ${code}: ${(error as Error).message.split("\n")[0]}`,
      );
  }
}

// A corrupt results file fails the whole report (exit 2) instead of being skipped, because
// a missing column would read as a stack with nothing to report.
async function readResults(file: string): Promise<PolicyResults> {
  const fix = "re-run hcft plan for that stack, or remove its folder";
  let parsed: Partial<PolicyResults> | null;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new UsageError(`${file}: invalid JSON (${error.message}); ${fix}`);
  }
  if (parsed === null || typeof parsed !== "object" || !Array.isArray(parsed.findings)) {
    throw new UsageError(`${file}: expected an object with a findings array; ${fix}`);
  }
  if (typeof parsed.summary !== "object" || parsed.summary === null) {
    throw new UsageError(`${file}: expected an object with a summary per pack; ${fix}`);
  }
  return parsed as PolicyResults;
}

/** Rejects an --out path that exists and is not a folder, before any stack is planned. */
function checkOutDir(outDir: string): void {
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(
      `--out ${outDir}: exists and is not a folder; pass a folder path (created if missing)`,
    );
  }
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      stack: { type: "string", multiple: true },
      from: { type: "string" },
      out: { type: "string", default: path.join("out", "report") },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    log.out(HELP);
    return EXIT_OK;
  }
  const outDir = values.out as string;
  checkOutDir(outDir);
  const available = values.from !== undefined ? stacksIn(values.from) : listStacks();
  const requested = values.stack ?? available;
  const unknown = requested.filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    throw new UsageError(
      `--stack ${unknown.join(", ")}: not found; expected one of: ${available.join(", ") || "(none)"}`,
    );
  }
  if (requested.length === 0 && values.from !== undefined) {
    throw new UsageError(
      `--from ${values.from}: no <stack>/policy-results.json found under ${values.from}; run hcft plan --stack <stack> --out ${path.join(values.from, "<stack>")} first`,
    );
  }
  if (requested.length === 0)
    throw new UsageError(
      "no stacks to report on; add stacks/Pulumi.<stack>.yaml or pass --from <dir>",
    );

  // Plan (or read) each stack, one at a time.
  const stacks: { stack: string; results: PolicyResults }[] = [];
  for (const stack of requested) {
    let dir =
      values.from !== undefined
        ? path.join(values.from, stack)
        : path.join(outDir, "stacks", stack);
    if (values.from === undefined) {
      log.info(`planning stack ${stack}`);
      await planStack(stack, dir);
    }
    dir = path.join(dir, "policy-results.json");
    stacks.push({ stack, results: await readResults(dir) });
  }

  // Write the matrix and print one line per stack.
  const matrix = buildMatrix(stacks);
  await mkdir(outDir, { recursive: true });
  const markdown = path.join(outDir, "compliance-matrix.md");
  const html = path.join(outDir, "compliance-matrix.html");
  await writeFile(markdown, `${renderMatrixMarkdown(matrix)}\n`, "utf8");
  await writeFile(html, renderMatrixHtml(matrix), "utf8");
  let mandatory = 0;
  for (const { stack, results } of stacks) {
    const failed = Object.values(results.summary).reduce(
      (sum, s) => sum + (s?.mandatoryFailed ?? 0),
      0,
    );
    mandatory += failed;
    log.out(`${totalsLine(stack, matrix.totals[stack])}; ${failed} mandatory findings failed`);
  }
  log.out(`wrote ${markdown}`);
  log.out(`wrote ${html}`);
  return mandatory > 0 ? EXIT_FAILED : EXIT_OK;
}
