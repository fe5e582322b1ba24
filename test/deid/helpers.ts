import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { setJobLogSink } from "../../jobs/deid/log";
import type { JobSettings } from "../../jobs/deid/settings";
import { sharedPath } from "../helpers/shared-data";

/** The synthetic evaluation set, read from the shared folder next to the repository. */
export const DEV_SET = sharedPath("deid/dev.jsonl");

export interface DevRecord {
  id: string;
  locale: string;
  text: string;
  spans: { start: number; end: number; label: string; text: string }[];
}

export function readDevSet(): DevRecord[] {
  return readFileSync(DEV_SET, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as DevRecord);
}

export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "hcft-deid-test-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Collects the job's log lines instead of writing them to standard error. */
export function captureJobLog(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const previous = setJobLogSink((line) => lines.push(line));
  return { lines, restore: () => setJobLogSink(previous) };
}

/** Settings for a local redact run, with overrides. */
export function settings(overrides: Partial<JobSettings>): JobSettings {
  return {
    input: "",
    output: "",
    mode: "redact",
    format: "auto",
    textField: "text",
    patientField: "patient_id",
    keepFields: ["id", "kind", "locale"],
    spans: false,
    keepFacilities: false,
    onError: "fail",
    shard: { index: 0, count: 1 },
    ...overrides,
  };
}

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  stop: () => Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 on a free port with its files in a temporary directory,
 * and a client with static fake credentials, so nothing reaches AWS or the instance
 * metadata service.
 */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const dir = tempDir();
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir.path,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await server.close();
      dir.remove();
    },
  };
}
