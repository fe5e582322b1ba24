import { detect } from "./detect";
import type { Label, Span } from "./labels";
import { redact } from "./redact";
import type { SurrogateGenerator } from "./surrogate";

/** Settings for reading and rewriting each record. */
export interface RecordOptions {
  format: "jsonl" | "text";
  /** JSON field holding the note text. */
  textField: string;
  /** JSON field naming the patient, for consistent surrogates; the record id otherwise. */
  patientField: string;
  /** JSON fields copied to the output as they are; every other field is dropped. */
  keepFields: readonly string[];
  mode: "redact" | "surrogate";
  spans: boolean;
  keepFacilities: boolean;
  surrogates?: SurrogateGenerator;
}

export type RecordResult =
  | { ok: true; line: string; characters: number; spans: Span[] }
  | { ok: false; reason: string };

/**
 * De-identifies one input line. A JSON line keeps only `keepFields` and the rewritten text
 * field (plus `spans` when asked). A line that cannot be read returns a reason that names
 * the problem but never quotes the line.
 */
export function processLine(raw: string, options: RecordOptions): RecordResult {
  if (options.format === "text") {
    const spans = detect(raw, { keepFacilities: options.keepFacilities });
    return {
      ok: true,
      line: rewrite(raw, spans, options, "text", false),
      characters: raw.length,
      spans,
    };
  }
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "invalid JSON" };
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { ok: false, reason: "not a JSON object" };
  }
  const fields = record as Record<string, unknown>;
  const text = fields[options.textField];
  if (typeof text !== "string") {
    const problem = text === undefined ? "missing" : "not a string in";
    return { ok: false, reason: `text field "${options.textField}" ${problem} the record` };
  }
  const spans = detect(text, { keepFacilities: options.keepFacilities });
  const patient = fields[options.patientField] ?? fields.id ?? "";
  const dayFirst = fields.locale === "IN";
  const output: Record<string, unknown> = {};
  for (const name of options.keepFields) {
    if (name in fields && name !== options.textField) output[name] = fields[name];
  }
  output[options.textField] = rewrite(text, spans, options, String(patient), dayFirst);
  if (options.spans)
    output.spans = spans.map((s) => ({ start: s.start, end: s.end, label: s.label }));
  return { ok: true, line: JSON.stringify(output), characters: text.length, spans };
}

function rewrite(
  text: string,
  spans: Span[],
  options: RecordOptions,
  patient: string,
  dayFirst: boolean,
): string {
  if (options.mode === "redact") return redact(text, spans);
  if (options.surrogates === undefined) {
    throw new Error("surrogate mode needs a secret: set HCFT_DEID_SECRET or --secret-file");
  }
  return options.surrogates.apply(text, spans, { patient, dayFirst });
}

/** Adds the spans of one record to per-label counts. */
export function countLabels(counts: Partial<Record<Label, number>>, spans: readonly Span[]): void {
  for (const span of spans) counts[span.label] = (counts[span.label] ?? 0) + 1;
}
