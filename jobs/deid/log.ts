// The job's logger: one JSON object per line on standard error, so a log collector can
// parse it. Callers pass counts, object keys and error messages, never note text, PHI or
// the surrogate secret. Tests replace the sink.

export type LogLevel = "info" | "warn" | "error";
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);

/** Replaces the sink and returns the previous one, for tests and for the command line. */
export function setJobLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** Writes one structured log line. */
export function jobLog(level: LogLevel, message: string, fields: Record<string, unknown> = {}) {
  sink(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
}
