import type { Label, Span } from "./labels";

/** Returns the redaction placeholder for a label: `[NAME]`, `[DATE]`, `90+` for ages. */
export function placeholder(label: Label): string {
  // HIPAA Safe Harbor folds every age over 89 into one category, written "90+".
  return label === "AGE_OVER_89" ? "90+" : `[${label}]`;
}

/**
 * Rebuilds a text with each span replaced by `replace(span, original)`. Spans must be
 * sorted and non-overlapping, as `detect` returns them.
 */
export function applySpans(
  text: string,
  spans: readonly Span[],
  replace: (span: Span, original: string) => string,
): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const span of spans) {
    parts.push(text.slice(cursor, span.start));
    parts.push(replace(span, text.slice(span.start, span.end)));
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

/** Replaces every span with its placeholder. */
export function redact(text: string, spans: readonly Span[]): string {
  return applySpans(text, spans, (span) => placeholder(span.label));
}
