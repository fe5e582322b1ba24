// Evaluation and throughput benchmark for the de-identification engine:
//   npm run bench:deid -- [--data DIR] [--large-mb N] [--max-missed N] [--json out.json]
// For each evaluation set it prints span recall, character and span precision, recall per
// label and the missed spans by label. Then it measures detection throughput on one core
// (CPU time of this process) and streams a generated N MB file through the job, with the
// peak memory. Missed spans come from the synthetic and surrogate evaluation sets and
// are printed as the reference scorer prints them; the job itself never prints note text.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { detect } from "../jobs/deid/detect";
import { type GoldRecord, type Score, scoreCorpus } from "../jobs/deid/evaluate";
import { STRUCTURED_LABELS } from "../jobs/deid/labels";
import { setJobLogSink } from "../jobs/deid/log";
import { redact } from "../jobs/deid/redact";
import { runJob } from "../jobs/deid/run";

// The evaluation sets live in the shared folder beside the repository unless --data names another.
const DEFAULT_DATA_DIR = resolve(__dirname, "../../shared/deid");
const SETS = [
  // dev.jsonl follows strict Safe Harbor (facility names are not PHI).
  { name: "dev", file: "dev.jsonl", keepFacilities: true, targetRecall: 0.99 },
  // physionet.jsonl treats facility names as LOCATION; a year alone is left out of recall.
  { name: "physionet", file: "physionet.jsonl", keepFacilities: false, targetRecall: 0.97 },
];
const IGNORED_LABELS = new Set(["DATE_YEAR"]);
const TARGET_PRECISION = 0.85;
const TARGET_MBPS = 10;

function loadSet(path: string): GoldRecord[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as GoldRecord);
}

function evaluate(records: GoldRecord[], keepFacilities: boolean): Score {
  const predictions = new Map(records.map((r) => [r.id, detect(r.text, { keepFacilities })]));
  return scoreCorpus(records, predictions, IGNORED_LABELS);
}

function printScore(name: string, score: Score, targetRecall: number, maxMissed: number): void {
  const ok = (value: number, target: number) => (value >= target ? "ok" : `BELOW ${target}`);
  console.log(`\n== ${name}: ${score.documents} notes, ${score.goldSpans} gold spans`);
  console.log(
    `span recall          ${score.spanRecall.toFixed(4)}  (${ok(score.spanRecall, targetRecall)})`,
  );
  console.log(
    `char precision       ${score.charPrecision.toFixed(4)}  (${ok(score.charPrecision, TARGET_PRECISION)})`,
  );
  console.log(
    `span precision       ${score.spanPrecision.toFixed(4)}  (${ok(score.spanPrecision, TARGET_PRECISION)})`,
  );
  console.log(`char recall          ${score.charRecall.toFixed(4)}`);
  console.log("recall per label:");
  for (const [label, entry] of Object.entries(score.perLabel).sort()) {
    const structured = (STRUCTURED_LABELS as readonly string[]).includes(label);
    const flag = structured && entry.recall < 1 ? "  (structured: target 1.0)" : "";
    console.log(
      `  ${label.padEnd(16)} ${entry.recall.toFixed(4)}  ${entry.caught}/${entry.gold}${flag}`,
    );
  }
  const byLabel = new Map<string, typeof score.missed>();
  for (const miss of score.missed)
    byLabel.set(miss.label, [...(byLabel.get(miss.label) ?? []), miss]);
  console.log(`missed spans: ${score.missed.length}`);
  for (const [label, misses] of [...byLabel.entries()].sort()) {
    console.log(`  ${label} (${misses.length})`);
    for (const miss of misses.slice(0, maxMissed)) {
      console.log(`    ${miss.id}  ${JSON.stringify(miss.text)}  coverage ${miss.coverage}`);
    }
    if (misses.length > maxMissed) console.log(`    ... ${misses.length - maxMissed} more`);
  }
}

/**
 * Detection plus redaction throughput, from this process's CPU time (one core, so other
 * processes on the machine do not count), best of 5 rounds after one warm-up round.
 */
function throughput(texts: string[]): number {
  const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0);
  for (const text of texts) redact(text, detect(text, { keepFacilities: false }));
  let best = 0;
  for (let round = 0; round < 5; round += 1) {
    const before = process.cpuUsage();
    for (const text of texts) redact(text, detect(text, { keepFacilities: false }));
    const used = process.cpuUsage(before);
    best = Math.max(best, bytes / 1e6 / ((used.user + used.system) / 1e6));
  }
  return best;
}

/** Streams a generated JSONL file of about `megabytes` MB through the job; returns MB/s and peak RSS. */
async function streamLarge(records: GoldRecord[], megabytes: number) {
  const dir = mkdtempSync(join(tmpdir(), "hcft-deid-bench-"));
  try {
    const input = join(dir, "large.jsonl");
    const lines = records.map((r) => JSON.stringify({ id: r.id, text: r.text }));
    const block = `${lines.join("\n")}\n`;
    const copies = Math.max(1, Math.ceil((megabytes * 1e6) / Buffer.byteLength(block)));
    writeFileSync(input, "");
    for (let i = 0; i < copies; i += 1) writeFileSync(input, block, { flag: "a" });
    const size = statSync(input).size;
    let peakRss = process.memoryUsage().rss;
    const timer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const restore = setJobLogSink(() => {});
    const started = process.hrtime.bigint();
    try {
      await runJob({
        input,
        output: join(dir, "out.jsonl"),
        mode: "redact",
        format: "jsonl",
        textField: "text",
        patientField: "patient_id",
        keepFields: ["id"],
        spans: false,
        keepFacilities: false,
        onError: "fail",
        shard: { index: 0, count: 1 },
      });
    } finally {
      clearInterval(timer);
      setJobLogSink(restore);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { bytes: size, seconds, mbps: size / 1e6 / seconds, peakRssMb: peakRss / 2 ** 20 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string", default: DEFAULT_DATA_DIR },
      "large-mb": { type: "string", default: "64" },
      "max-missed": { type: "string", default: "40" },
      json: { type: "string" },
    },
  });
  const maxMissed = Number(values["max-missed"]);
  const paths = SETS.map((set) => resolve(values.data, set.file));

  // Check every evaluation file before any work, so a missing one costs no scoring time.
  const missing = paths.find((path) => !existsSync(path));
  if (missing !== undefined) {
    console.error(
      `bench:deid: evaluation file not found: ${missing}; put the shared folder beside the repository or pass --data DIR`,
    );
    process.exitCode = 2;
    return;
  }
  const summary: Record<string, unknown> = {};
  const allTexts: string[] = [];
  for (const [index, set] of SETS.entries()) {
    const records = loadSet(paths[index]!);
    allTexts.push(...records.map((r) => r.text));
    const score = evaluate(records, set.keepFacilities);
    printScore(set.name, score, set.targetRecall, maxMissed);
    summary[set.name] = { ...score, missed: score.missed.length };
  }
  const mbps = throughput(allTexts);
  console.log(
    `\n== throughput: ${mbps.toFixed(2)} MB/s on one core (detect + redact, best of 5, CPU time)  (${mbps >= TARGET_MBPS ? "ok" : `BELOW ${TARGET_MBPS}`})`,
  );
  const largeMb = Number(values["large-mb"]);
  if (largeMb > 0) {
    const large = await streamLarge(loadSet(paths[0]!), largeMb);
    console.log(
      `== streaming job: ${(large.bytes / 1e6).toFixed(0)} MB in ${large.seconds.toFixed(1)} s = ${large.mbps.toFixed(2)} MB/s wall clock; peak RSS ${large.peakRssMb.toFixed(0)} MiB`,
    );
    summary.streaming = large;
  }
  summary.throughputMbps = mbps;
  if (values.json !== undefined)
    writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
