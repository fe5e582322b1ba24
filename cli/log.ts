// The command line's only writer to the terminal. Tests replace the sink, and nothing
// here ever receives note text, PHI or secrets: callers pass counts, names and paths.

export interface Sink {
  out(line: string): void;
  err(line: string): void;
}

const processSink: Sink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

let sink: Sink = processSink;

/** Replaces the output sink, for tests; returns the previous one so it can be restored. */
export function setSink(next: Sink): Sink {
  const previous = sink;
  sink = next;
  return previous;
}

export const log = {
  /** Result lines on standard output (tables, JSON). */
  out: (line: string) => sink.out(line),
  /** Progress and diagnostics on standard error. */
  info: (line: string) => sink.err(line),
  warn: (line: string) => sink.err(`warning: ${line}`),
  error: (line: string) => sink.err(`error: ${line}`),
};
