import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import type { S3Client } from "@aws-sdk/client-s3";
import { lineageOf } from "./lineage";
import { LocalStore } from "./local-store";
import { jobLog } from "./log";
import { countLabels, processLine, type RecordOptions } from "./records";
import { type ObjectDigest, type RunReport, startReport } from "./report";
import { createS3Client, S3Store } from "./s3-store";
import type { JobSettings } from "./settings";
import { shardOf } from "./shard";
import type { Store, Writer } from "./storage";
import { SurrogateGenerator } from "./surrogate";
import { formatLocation, joinLocation, type Location, parseLocation } from "./uri";

/** A line that could not be read, when the run is set to fail on bad input. */
export class BadInputError extends Error {
  override name = "BadInputError";
}

/** Collaborators a test may replace. */
export interface RunDependencies {
  s3Client?: S3Client;
  /** Multipart part size for S3 outputs. */
  partBytes?: number;
  /** Test hook: throws after this many output lines of an object, as a crash would. */
  crashAfterLines?: number;
  now?: () => Date;
}

/** Runs the job: de-identifies every input of this shard, then writes report and lineage. */
export async function runJob(
  settings: JobSettings,
  deps: RunDependencies = {},
): Promise<RunReport> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const stores = storeFactory(settings, deps);
  const input = parseLocation(settings.input);
  const output = parseLocation(settings.output);
  const inputStore = stores(input);
  const prefix = await inputStore.isPrefix(input);
  const { shard } = settings;
  const report = startReport(reportSettings(settings), shard, started);
  jobLog("info", "deid run started", {
    input: settings.input,
    output: settings.output,
    shard: `${shard.index}/${shard.count}`,
  });

  // Pair each input object of this shard with its output.
  const keys = prefix ? await inputStore.list(input) : [baseName(input)];
  const work = keys
    .filter((key) => shardOf(key, shard.count) === shard.index)
    .map((key) => ({
      key,
      from: prefix ? joinLocation(input, key) : input,
      to: prefix ? joinLocation(output, key) : output,
    }));
  const recordOptions = buildRecordOptions(settings);
  for (const item of work) {
    const format = settings.format === "auto" ? formatOf(item.key) : settings.format;
    const result = await processObject(
      item.from,
      item.to,
      inputStore,
      stores(item.to),
      { ...recordOptions, format },
      report,
      deps,
    );
    report.inputs.push(result.input);
    report.outputs.push(result.output);
    jobLog("info", "object published", {
      input: result.input.uri,
      output: result.output.uri,
      bytes: result.output.bytes,
    });
  }

  const finished = now();
  report.finishedAt = finished.toISOString();
  report.durationMs = finished.getTime() - started.getTime();
  await publishJson(stores, reportLocation(settings, output, prefix), report);
  if (settings.audit !== undefined) {
    const lineage = lineageOf(report, settings.image);
    const audit = parseLocation(settings.audit);
    await publishJson(stores, joinLocation(audit, `deid-lineage/${lineage.runId}.json`), lineage);
  }
  jobLog("info", "deid run finished", {
    objects: work.length,
    documents: report.documents,
    skipped: report.skipped.length,
    durationMs: report.durationMs,
  });
  return report;
}

async function processObject(
  from: Location,
  to: Location,
  inputStore: Store,
  outputStore: Store,
  options: RecordOptions,
  report: RunReport,
  deps: RunDependencies,
): Promise<{ input: ObjectDigest; output: ObjectDigest }> {
  const uri = formatLocation(from);
  const stream = await inputStore.read(from);
  const hash = createHash("sha256");
  let inputBytes = 0;
  // Attach the line reader before any await: a listener makes the stream flow, and
  // chunks emitted before the reader exists would be lost.
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  // The iterator buffers lines from the moment it exists, so create it now as well.
  const lines = reader[Symbol.asyncIterator]();
  stream.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    inputBytes += chunk.length;
  });
  const written = await outputStore.publish(to, async (write: Writer) => {
    let lineNumber = 0;
    let outputLines = 0;
    for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
      const raw = next.value;
      lineNumber += 1;
      if (options.format === "jsonl" && raw.trim() === "") continue;
      const result = processLine(raw, options);
      if (!result.ok) {
        if (report.settings.onError === "fail") {
          throw new BadInputError(
            `${uri} line ${lineNumber}: ${result.reason}; fix the line or rerun with --on-error skip`,
          );
        }
        report.skipped.push({ uri, line: lineNumber, reason: result.reason });
        jobLog("warn", "line skipped", { uri, line: lineNumber, reason: result.reason });
        continue;
      }
      await write(`${result.line}\n`);
      outputLines += 1;
      report.documents += 1;
      report.characters += result.characters;
      countLabels(report.counts, result.spans);
      if (deps.crashAfterLines !== undefined && outputLines >= deps.crashAfterLines) {
        throw new Error(`simulated crash after ${outputLines} lines`);
      }
    }
  });
  return {
    input: { uri, bytes: inputBytes, sha256: hash.digest("hex") },
    output: { uri: formatLocation(to), ...written },
  };
}

function buildRecordOptions(settings: JobSettings): RecordOptions {
  return {
    format: "jsonl",
    textField: settings.textField,
    patientField: settings.patientField,
    keepFields: settings.keepFields,
    mode: settings.mode,
    spans: settings.spans,
    keepFacilities: settings.keepFacilities,
    surrogates: settings.secret === undefined ? undefined : new SurrogateGenerator(settings.secret),
  };
}

function reportSettings(settings: JobSettings): RunReport["settings"] {
  return {
    mode: settings.mode,
    format: settings.format,
    textField: settings.textField,
    patientField: settings.patientField,
    keepFields: settings.keepFields,
    keepFacilities: settings.keepFacilities,
    spans: settings.spans,
    onError: settings.onError,
  };
}

/** Returns a function giving the store for a location; the S3 client is made once, on first use. */
function storeFactory(settings: JobSettings, deps: RunDependencies): (location: Location) => Store {
  const local = new LocalStore();
  let s3: S3Store | undefined;
  return (location) => {
    if (location.kind === "local") return local;
    if (s3 === undefined) {
      if (deps.s3Client === undefined && settings.region === undefined) {
        throw new Error(
          `reading ${formatLocation(location)} needs an AWS region: set AWS_REGION or --region`,
        );
      }
      const client =
        deps.s3Client ??
        createS3Client({ region: settings.region!, endpoint: settings.s3Endpoint });
      s3 = new S3Store(client, deps.partBytes);
    }
    return s3;
  };
}

function reportLocation(settings: JobSettings, output: Location, prefix: boolean): Location {
  if (settings.report !== undefined) return parseLocation(settings.report);
  const { index, count } = settings.shard;
  if (prefix) return joinLocation(output, `_reports/shard-${index}-of-${count}.json`);
  return output.kind === "s3"
    ? { ...output, key: `${output.key}.report.json` }
    : { kind: "local", path: `${output.path}.report.json` };
}

async function publishJson(
  stores: (l: Location) => Store,
  location: Location,
  value: unknown,
): Promise<void> {
  await stores(location).publish(location, async (write) =>
    write(`${JSON.stringify(value, null, 2)}\n`),
  );
}

function formatOf(key: string): "jsonl" | "text" {
  return /\.(?:jsonl|ndjson|json)$/i.test(key) ? "jsonl" : "text";
}

function baseName(location: Location): string {
  const path = location.kind === "s3" ? location.key : location.path;
  return path.slice(path.lastIndexOf("/") + 1);
}
