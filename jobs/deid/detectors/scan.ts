import type { Candidate, Label } from "../labels";

// Small helpers shared by the detectors. Every pattern a detector passes here must be
// global, and must start with a lookbehind that stops a match from starting inside a run
// of the characters its first quantifier consumes: V8's backtracking engine otherwise
// retries each position of a long run, which is quadratic.

/** Calls `visit` for each match of a global pattern. */
export function eachMatch(
  pattern: RegExp,
  text: string,
  visit: (match: RegExpExecArray) => void,
): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    visit(match);
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
}

const FIVE_DIGITS = /\d{5}/;
let fiveDigitsText: string | undefined;
let fiveDigitsFound = false;

/**
 * Returns true when a text has a run of five digits. The result for the last text is
 * kept, since the phone and address detectors both test the same text.
 */
export function hasFiveDigits(text: string): boolean {
  if (text !== fiveDigitsText) {
    fiveDigitsFound = FIVE_DIGITS.test(text);
    fiveDigitsText = text;
  }
  return fiveDigitsFound;
}

/** Returns the start and end of capture group `group` of a match made with the `d` flag. */
export function groupRange(match: RegExpExecArray, group: number): [number, number] | undefined {
  const range = match.indices?.[group];
  return range === undefined ? undefined : [range[0], range[1]];
}

/** Builds a candidate, trimming spaces and trailing punctuation from its ends. */
export function candidate(
  text: string,
  start: number,
  end: number,
  label: Label,
  priority: number,
): Candidate | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s += 1;
  while (e > s && /[\s.,;:)]/.test(text[e - 1]!)) e -= 1;
  return e > s ? { start: s, end: e, label, priority } : undefined;
}

/** Returns the lowercase text of up to `width` characters before `index`. */
export function before(text: string, index: number, width: number): string {
  return text.slice(Math.max(0, index - width), index).toLowerCase();
}
