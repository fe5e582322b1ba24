import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { LocalStore } from "../../jobs/deid/local-store";
import { setJobLogSink } from "../../jobs/deid/log";
import { mergeReports, type RunReport } from "../../jobs/deid/report";
import { runJob } from "../../jobs/deid/run";
import { createS3Client, S3Store } from "../../jobs/deid/s3-store";
import { jobHelp, parseJobSettings, SettingsError } from "../../jobs/deid/settings";
import type { Store } from "../../jobs/deid/storage";
import { type Location, parseLocation } from "../../jobs/deid/uri";
import { UsageError } from "../errors";
import { log } from "../log";

const MERGE_HELP = [
  "Usage: hcft deid merge-reports --out <location> <report> [<report> ...]",
  "",
  "Combines the shard reports of one run into a single report (local paths or s3:// URIs).",
  "  --out <location>   where to write the merged report; standard output when absent",
].join("\n");

/** `hcft deid …` runs the job locally; `hcft deid merge-reports …` combines shard reports. */
export async function run(args: string[]): Promise<number> {
  if (args[0] === "merge-reports") return mergeCommand(args.slice(1));
  let settings: ReturnType<typeof parseJobSettings>;
  try {
    settings = parseJobSettings(args, process.env);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
  if (settings === "help") {
    log.out(`${jobHelp("hcft deid")}\n\nhcft deid merge-reports --help: combine shard reports`);
    return 0;
  }
  // The job's structured log lines go to standard error through the command line's logger.
  const previous = setJobLogSink((line) => log.info(line));
  try {
    const report = await runJob(settings);
    log.out(
      `de-identified ${report.documents} documents in ${report.outputs.length} object(s); ` +
        `${report.skipped.length} line(s) skipped; ${report.durationMs} ms`,
    );
    return 0;
  } finally {
    setJobLogSink(previous);
  }
}

async function mergeCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseMergeArgs>;
  try {
    parsed = parseMergeArgs(args);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; run hcft deid merge-reports --help`);
  }
  if (parsed.values.help === true) {
    log.out(MERGE_HELP);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError(
      "merge-reports needs at least one report location, for example out/_reports/shard-0-of-2.json",
    );
  }
  const stores = storesFor(parsed.values.region, parsed.values["s3-endpoint"]);
  const reports: RunReport[] = [];
  for (const value of parsed.positionals) {
    reports.push(await readReport(value, stores));
  }
  const merged = `${JSON.stringify(mergeReports(reports), null, 2)}\n`;
  const out = parsed.values.out;
  if (out === undefined) {
    log.out(merged.trimEnd());
    return 0;
  }
  const location = parseLocation(out);
  await stores(location).publish(location, async (write) => write(merged));
  log.info(`merged ${reports.length} report(s) into ${out}`);
  return 0;
}

function parseMergeArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: "string" },
      region: { type: "string" },
      "s3-endpoint": { type: "string" },
      help: { type: "boolean" },
    },
  });
}

function storesFor(region: string | undefined, endpoint: string | undefined) {
  const local = new LocalStore();
  let s3: S3Store | undefined;
  return (location: Location): Store => {
    if (location.kind === "local") return local;
    const resolvedRegion = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (resolvedRegion === undefined) {
      throw new UsageError("reading s3:// reports needs an AWS region: set AWS_REGION or --region");
    }
    s3 ??= new S3Store(
      createS3Client({
        region: resolvedRegion,
        endpoint: endpoint ?? process.env.HCFT_S3_ENDPOINT,
      }),
    );
    return s3;
  };
}

async function readReport(value: string, stores: (l: Location) => Store): Promise<RunReport> {
  const location = parseLocation(value);
  let text: string;
  if (location.kind === "local") {
    text = await readFile(location.path, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read report "${value}": ${error.code ?? error.message}`);
    });
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of await stores(location).read(location)) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString("utf8");
  }
  try {
    return JSON.parse(text) as RunReport;
  } catch {
    throw new UsageError(
      `report "${value}" is not valid JSON: pass the files the job wrote under _reports/`,
    );
  }
}
