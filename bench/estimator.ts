import { CALIBRATION, type Calibration } from "../infra/sizing/calibration";
import {
  loadMeasurements,
  MEASUREMENTS_PATH,
  MeasurementsNotFoundError,
  type Prepared,
  prepareAll,
  type ScoredPoint,
  type ServingVerdict,
  score,
  scoreServing,
  summarize,
} from "./calibration-points";

// `--measurements <path>` reads the records from another file than the shared reference copy.
const pathFlag = process.argv.indexOf("--measurements");
const measurementsPath = pathFlag === -1 ? MEASUREMENTS_PATH : (process.argv[pathFlag + 1] ?? "");

function fmt(value: number | null, digits = 1): string {
  return value === null || Number.isNaN(value) ? "-" : value.toFixed(digits);
}

function row(s: ScoredPoint): string {
  const r = s.point.record;
  let verdict = "-";
  if (s.verdictRight !== null) verdict = s.verdictRight ? "right" : "WRONG";
  const setup = `${r.model} ${r.method} L${r.seq_len ?? "?"} b${r.micro_batch ?? "?"} ${r.parallelism}x${r.gpu_count}`;
  return [
    r.id.padEnd(6),
    setup.padEnd(44),
    fmt(s.measured).padStart(7),
    fmt(s.predicted).padStart(7),
    `${fmt(s.errorPct)}%`.padStart(7),
    r.outcome.padStart(4),
    `${s.predictedFits === null ? "-" : s.predictedFits ? "fit" : "oom"}`.padStart(4),
    verdict.padStart(6),
    s.point.assumed.join(", "),
  ].join(" ");
}

function printTrainingPoints(scored: ScoredPoint[]) {
  const header = `${"id".padEnd(6)} ${"setup".padEnd(44)} measured predict   error  out pred verdict assumed`;
  for (const group of ["real", "cap"] as const) {
    const title = group === "real" ? "runs of real length" : "seq_len_basis cap (reported apart)";
    process.stdout.write(`\n== ${title} ==\n${header}\n`);
    for (const s of scored.filter((x) => x.group === group)) process.stdout.write(`${row(s)}\n`);
  }
}

function printServingVerdicts(serving: ServingVerdict[]) {
  process.stdout.write("\n== vLLM start-up verdicts (one request at a time) ==\n");
  for (const v of serving) {
    const r = v.record;
    const verdict = v.verdictRight ? "right" : "WRONG";
    const setup = `${r.model} ${r.base_weights} tp${v.tensorParallel}`;
    process.stdout.write(
      `${r.id.padEnd(6)} ${setup.padEnd(32)} ` +
        `needs ${fmt(v.peakGiB)} of ${fmt(v.budgetGiB)} GiB per GPU  ${r.outcome} ${verdict}\n`,
    );
  }
}

function printReport(c: Calibration) {
  const records = loadMeasurements(measurementsPath);
  const prepared = prepareAll(records);
  const scored = score(prepared, c);
  const serving = scoreServing(records);
  printTrainingPoints(scored);
  printServingVerdicts(serving);

  process.stdout.write("\n== skipped (training peaks only; vLLM records scored above) ==\n");
  for (const p of prepared) if ("skip" in p) process.stdout.write(`${p.record.id} ${p.skip}\n`);

  const m = summarize(scored);
  const servingRight = serving.filter((v) => v.verdictRight).length;
  process.stdout.write(
    [
      "",
      "== summary (estimates vs public measurements) ==",
      `MAPE on ${m.peaks} measured peaks of real length: ${fmt(m.mape, 2)}% (median ${fmt(m.medianApe, 2)}%)`,
      `cap runs, reported apart: ${m.capPeaks} peaks, MAPE ${fmt(m.capMape, 2)}%`,
      `fit/OOM verdicts right: ${m.verdictsRight}/${m.verdicts}`,
      `OOM reports predicted not to fit: ${m.oomPredicted}/${m.oomReports}`,
      `successes predicted to fit: ${m.fitPredicted}/${m.fitReports}`,
      `cap runs, verdicts right: ${m.capVerdictsRight}/${m.capVerdicts}`,
      `vLLM start-up verdicts right: ${servingRight}/${serving.length}`,
      `constants: ${JSON.stringify(c)}`,
      `skipped: ${prepared.filter((p) => "skip" in p).length}`,
      "",
    ].join("\n"),
  );
}

// Bounds of the coordinate search: the physically plausible range of each constant.
const BOUNDS: Record<keyof Calibration, [number, number]> = {
  checkpointBytesPerHidden: [1, 8],
  layerActivationBytesPerHidden: [16, 48],
  logitsBytesPerVocab: [4, 27],
  chunkedLogitsBytesPerVocab: [1, 4],
  runtimeOverheadGiB: [0.3, 3],
  fragmentation: [0, 0.15],
};

/** Scores a calibration: MAPE on real-length peaks plus 5 points per wrong verdict. */
function objective(c: Calibration, prepared: Prepared[]): number {
  const m = summarize(score(prepared, c));
  return m.mape + 5 * (m.verdicts - m.verdictsRight);
}

// Starting point of the search: values from public analyses of transformer memory (one
// bf16 hidden state per layer when checkpointed, about 34 bytes per hidden unit per layer
// without, fp32 logits with their gradient, 1.5 GiB of CUDA context).
const START: Calibration = {
  checkpointBytesPerHidden: 2,
  layerActivationBytesPerHidden: 34,
  logitsBytesPerVocab: 12,
  chunkedLogitsBytesPerVocab: 2,
  runtimeOverheadGiB: 1.5,
  fragmentation: 0.05,
};

/** Searches each constant in turn within its bounds until no step improves the objective. */
function searchCalibration(prepared: Prepared[]): { best: Calibration; bestScore: number } {
  let best: Calibration = { ...START };
  let bestScore = objective(best, prepared);
  for (let step = 0.2; step > 0.004; step /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const key of Object.keys(BOUNDS) as (keyof Calibration)[]) {
        const [low, high] = BOUNDS[key];
        for (const direction of [1, -1]) {
          const span = high - low;
          const value = Math.min(high, Math.max(low, best[key] + direction * step * span));
          const trial = { ...best, [key]: value };
          const trialScore = objective(trial, prepared);
          if (trialScore < bestScore - 1e-9) {
            best = trial;
            bestScore = trialScore;
            improved = true;
          }
        }
      }
    }
  }
  return { best, bestScore };
}

/** Fits the constants on every record and prints them. */
function fitCalibration(): Calibration {
  const { best, bestScore } = searchCalibration(prepareAll(loadMeasurements(measurementsPath)));
  process.stdout.write(
    `fitted constants (objective ${bestScore.toFixed(3)}):\n${JSON.stringify(best, null, 2)}\n`,
  );
  return best;
}

/**
 * Estimates out-of-sample error: for each source with real-length peaks, fits the constants
 * on every other source and scores that source's peaks with them.
 */
function crossValidate() {
  const prepared = prepareAll(loadMeasurements(measurementsPath));
  const groups = new Set(
    score(prepared)
      .filter((s) => s.group === "real" && s.errorPct !== null && s.point.record.seq_len !== null)
      .map((s) => s.point.record.source_group),
  );
  const errors: number[] = [];
  process.stdout.write("== leave-one-source-out error (fit on the other sources) ==\n");
  for (const group of groups) {
    const training = prepared.filter((p) => p.record.source_group !== group);
    const heldOut = prepared.filter((p) => p.record.source_group === group);
    const { best } = searchCalibration(training);
    const held = score(heldOut, best).filter((s) => s.group === "real" && s.errorPct !== null);
    const groupErrors = held.map((s) => s.errorPct as number);
    errors.push(...groupErrors);
    const mape = groupErrors.reduce((a, b) => a + b, 0) / groupErrors.length;
    process.stdout.write(
      `${group.padEnd(40)} ${String(held.length).padStart(4)} peaks  MAPE ${fmt(mape, 2)}%\n`,
    );
  }
  const pooled = errors.reduce((a, b) => a + b, 0) / errors.length;
  process.stdout.write(`pooled over ${errors.length} held-out peaks: MAPE ${fmt(pooled, 2)}%\n`);
}

/** Runs the mode the arguments name; returns the exit code. */
function main(): number {
  try {
    if (process.argv.includes("--fit")) printReport(fitCalibration());
    else if (process.argv.includes("--cross-validate")) crossValidate();
    else printReport({ ...CALIBRATION });
    return 0;
  } catch (error) {
    // A missing input file is the caller's to fix: one line, no stack trace.
    if (!(error instanceof MeasurementsNotFoundError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = main();
