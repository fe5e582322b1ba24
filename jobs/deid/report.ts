import type { Label } from "./labels";
import type { Shard } from "./shard";
import { ENGINE } from "./version";

// The run report. It contains counts, object locations, digests and settings. It never
// contains note text, detected values, the secret, or anything quoted from an input line.

export interface ObjectDigest {
  uri: string;
  bytes: number;
  sha256: string;
}

export interface SkippedLine {
  uri: string;
  line: number;
  reason: string;
}

export interface ReportSettings {
  mode: "redact" | "surrogate";
  format: "auto" | "jsonl" | "text";
  textField: string;
  patientField: string;
  keepFields: string[];
  keepFacilities: boolean;
  spans: boolean;
  onError: "skip" | "fail";
}

export interface RunReport {
  engine: { name: string; version: string };
  settings: ReportSettings;
  shards: Shard[];
  documents: number;
  characters: number;
  counts: Partial<Record<Label, number>>;
  skipped: SkippedLine[];
  inputs: ObjectDigest[];
  outputs: ObjectDigest[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** Returns an empty report for a run that is starting. */
export function startReport(settings: ReportSettings, shard: Shard, startedAt: Date): RunReport {
  return {
    engine: { ...ENGINE },
    settings,
    shards: [shard],
    documents: 0,
    characters: 0,
    counts: {},
    skipped: [],
    inputs: [],
    outputs: [],
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    durationMs: 0,
  };
}

/**
 * Combines shard reports into one. Every report must come from the same engine version
 * and settings; the shards must not repeat.
 */
export function mergeReports(reports: RunReport[]): RunReport {
  const [first, ...rest] = reports;
  if (first === undefined) throw new Error("no reports to merge: pass at least one report file");
  const seen = new Set<string>();
  const merged: RunReport = structuredClone(first);
  merged.shards = [];
  for (const [index, report] of reports.entries()) {
    if (
      report.engine.version !== first.engine.version ||
      report.engine.name !== first.engine.name
    ) {
      throw new Error(
        `report ${index + 1} is from ${report.engine.name} ${report.engine.version}; expected ${first.engine.name} ${first.engine.version}: rerun the shards with one image`,
      );
    }
    if (JSON.stringify(report.settings) !== JSON.stringify(first.settings)) {
      throw new Error(
        `report ${index + 1} was run with different settings than report 1: rerun the shards with one configuration`,
      );
    }
    for (const shard of report.shards) {
      const id = `${shard.index}/${shard.count}`;
      if (seen.has(id))
        throw new Error(
          `shard ${id} appears in more than one report: pass each shard's report once`,
        );
      seen.add(id);
      merged.shards.push(shard);
    }
  }
  for (const report of rest) {
    merged.documents += report.documents;
    merged.characters += report.characters;
    for (const [label, count] of Object.entries(report.counts)) {
      merged.counts[label as Label] = (merged.counts[label as Label] ?? 0) + (count ?? 0);
    }
    merged.skipped.push(...report.skipped);
    merged.inputs.push(...report.inputs);
    merged.outputs.push(...report.outputs);
    if (report.startedAt < merged.startedAt) merged.startedAt = report.startedAt;
    if (report.finishedAt > merged.finishedAt) merged.finishedAt = report.finishedAt;
  }
  merged.shards.sort((a, b) => a.index - b.index);
  merged.inputs.sort((a, b) => a.uri.localeCompare(b.uri));
  merged.outputs.sort((a, b) => a.uri.localeCompare(b.uri));
  // Wall-clock duration of the whole run, from the first start to the last finish.
  merged.durationMs = Date.parse(merged.finishedAt) - Date.parse(merged.startedAt);
  return merged;
}
