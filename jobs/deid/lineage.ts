import { createHash } from "node:crypto";
import type { RunReport } from "./report";

/** Record of what one run read and wrote, stored in the audit location. It contains no PHI. */
export interface LineageRecord {
  kind: "hcft.deid.lineage/v1";
  runId: string;
  engine: RunReport["engine"];
  image: string | null;
  settings: RunReport["settings"];
  shards: RunReport["shards"];
  inputs: RunReport["inputs"];
  outputs: RunReport["outputs"];
  documents: number;
  skippedLines: number;
  startedAt: string;
  finishedAt: string;
}

/**
 * Builds the lineage record of a run. The run id is a digest of the engine, settings,
 * shard and input digests, so a rerun over the same inputs overwrites its own record.
 */
export function lineageOf(report: RunReport, image: string | undefined): LineageRecord {
  const runId = createHash("sha256")
    .update(
      JSON.stringify({
        engine: report.engine,
        settings: report.settings,
        shards: report.shards,
        inputs: report.inputs.map((input) => [input.uri, input.sha256]),
      }),
    )
    .digest("hex")
    .slice(0, 32);
  return {
    kind: "hcft.deid.lineage/v1",
    runId,
    engine: report.engine,
    image: image ?? null,
    settings: report.settings,
    shards: report.shards,
    inputs: report.inputs,
    outputs: report.outputs,
    documents: report.documents,
    skippedLines: report.skipped.length,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
  };
}
