import { parseArgs } from "node:util";
import { checkCostGuard, parseStackConfig } from "../../infra/config";
import { decideSizing } from "../../infra/sizing";
import type { SizingPlan } from "../../infra/sizing/types";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../errors";
import { log } from "../log";
import { listStacks, loadStackFile, namespaceConfig, STACKS_DIR } from "../plan/stacks";

// `hcft tiers`: one row per stack file, sized by the estimator directly (no Pulumi). The
// training cost is for one fixed workload of 10,000 examples of 1,000 tokens, so the tiers
// compare on the same data. Every number is an estimate.

/** The workload every tier's training hours and cost are estimated for. */
export const REFERENCE_DATASET = { examples: 10_000, tokensPerExample: 1_000 } as const;

/** One row of the tier table. */
export interface TierRow {
  stack: string;
  model: string;
  method: string;
  seqLen: number;
  trainingInstance: string;
  trainingNodes: number;
  gpus: number;
  peakGiB: number;
  gpuMemoryGiB: number;
  headroomPct: number;
  usdPerHour: number;
  hoursPer10kExamples: number;
  usdPer10kExamples: number;
  servingInstance: string | null;
  maxModelLen: number | null;
  usdPer1000Notes: number | null;
}

/** A stack that could not be sized, with the error message. */
export interface TierError {
  stack: string;
  error: string;
}

function usage(): string {
  return [
    "Usage: hcft tiers [--json]",
    "",
    `Sizes every stack in ${STACKS_DIR}/ and prints one row per stack: model, method,`,
    "context length, training instance and GPUs, peak memory against GPU memory, headroom,",
    `on-demand $/hour, estimated hours and $ for ${REFERENCE_DATASET.examples.toLocaleString("en-US")} examples of`,
    `${REFERENCE_DATASET.tokensPerExample.toLocaleString("en-US")} tokens, the serving instance, its max model length and $ per 1,000 notes.`,
    "",
    "Options:",
    "  --json   print a JSON array of rows (a stack that cannot be sized is {stack, error})",
    "",
    "Exit codes: 0 every stack sized, 1 some stack failed, 2 invalid arguments.",
  ].join("\n");
}

/** Sizes one stack for the tier table, with the reference dataset in place of its own. */
export function sizeTier(stack: string): TierRow {
  const config = parseStackConfig(stack, namespaceConfig(loadStackFile(stack), "hcft"));
  const plan: SizingPlan = decideSizing({
    modelId: config.model.id,
    region: config.region,
    headroomPct: config.sizing.headroomPct,
    training: {
      ...config.training,
      datasetExamples: REFERENCE_DATASET.examples,
      datasetTokensPerExample: REFERENCE_DATASET.tokensPerExample,
    },
    serving: config.serving,
  });
  checkCostGuard(stack, config, plan);
  const training = plan.training;
  return {
    stack,
    model: plan.modelId,
    method: config.training.method,
    seqLen: config.training.seqLen,
    trainingInstance: training.instance.instanceType,
    trainingNodes: training.instance.nodeCount,
    gpus: training.instance.gpusUsed,
    peakGiB: training.peakGiB,
    gpuMemoryGiB: training.instance.gpuMemoryGiB,
    headroomPct: training.instance.headroomPct,
    usdPerHour: training.instance.usdPerHour,
    hoursPer10kExamples: training.throughput.hoursForDataset,
    usdPer10kExamples: training.throughput.usdForDataset,
    servingInstance: plan.serving?.instance.instanceType ?? null,
    maxModelLen: plan.serving?.maxModelLen ?? null,
    usdPer1000Notes: plan.serving?.usdPer1000Notes ?? null,
  };
}

const columns: [string, (row: TierRow) => string][] = [
  ["stack", (r) => r.stack],
  ["model", (r) => r.model],
  ["method", (r) => r.method],
  ["context", (r) => String(r.seqLen)],
  ["training", (r) => (r.trainingNodes > 1 ? `${r.trainingNodes} x ` : "") + r.trainingInstance],
  ["GPUs", (r) => String(r.gpus)],
  ["peak/usable GiB", (r) => `${r.peakGiB.toFixed(1)}/${r.gpuMemoryGiB.toFixed(1)}`],
  ["headroom", (r) => `${r.headroomPct.toFixed(0)}%`],
  ["$/hour", (r) => r.usdPerHour.toFixed(2)],
  ["hours/10k", (r) => r.hoursPer10kExamples.toFixed(1)],
  ["$/10k", (r) => r.usdPer10kExamples.toFixed(2)],
  ["serving", (r) => r.servingInstance ?? "-"],
  ["max len", (r) => (r.maxModelLen === null ? "-" : String(r.maxModelLen))],
  ["$/1k notes", (r) => (r.usdPer1000Notes === null ? "-" : r.usdPer1000Notes.toFixed(2))],
];

/** Formats rows as a table with a header, columns padded to their widest cell. */
export function formatTierTable(rows: TierRow[]): string[] {
  const cells = [
    columns.map(([title]) => title),
    ...rows.map((row) => columns.map(([, cell]) => cell(row))),
  ];
  const widths = columns.map((_, index) =>
    Math.max(...cells.map((line) => line[index]?.length ?? 0)),
  );
  return cells.map((line) =>
    line
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

export async function run(args: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message}; expected --json or --help`);
  }
  if (values.help) {
    log.out(usage());
    return EXIT_OK;
  }
  const stacks = listStacks();
  if (stacks.length === 0) {
    log.error(
      `no stack files (Pulumi.<stack>.yaml) in ${STACKS_DIR}/; run from the repository root`,
    );
    return EXIT_FAILED;
  }

  const rows: TierRow[] = [];
  const errors: TierError[] = [];
  for (const stack of stacks) {
    try {
      rows.push(sizeTier(stack));
    } catch (error) {
      errors.push({ stack, error: error instanceof Error ? error.message : String(error) });
    }
  }

  if (values.json) {
    const byStack = new Map<string, TierRow | TierError>(
      [...rows, ...errors].map((r) => [r.stack, r]),
    );
    log.out(
      JSON.stringify(
        stacks.map((stack) => byStack.get(stack)),
        null,
        2,
      ),
    );
  } else {
    for (const line of formatTierTable(rows)) log.out(line);
    log.out(
      `Estimates: training for ${REFERENCE_DATASET.examples.toLocaleString("en-US")} examples of ` +
        `${REFERENCE_DATASET.tokensPerExample.toLocaleString("en-US")} tokens at on-demand prices; ` +
        "serving per 1,000 notes of each stack's note lengths.",
    );
  }
  for (const failed of errors) log.error(`stack ${failed.stack}: ${failed.error}`);
  return errors.length > 0 ? EXIT_FAILED : EXIT_OK;
}
