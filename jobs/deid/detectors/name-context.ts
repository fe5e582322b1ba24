import { COMMON_WORD_NAMES, isListedName, NOT_NAMES } from "../lexicon";
import type { PhraseSet } from "./name-cues";
import { gap, type Scan, type Token } from "./tokens";

// The state the name rules share while they mark one note's tokens, and the helpers
// that decide whether a token can be part of a name.

/** Per-token name marks: 0 none, 1 a name, 2 a name after a title. */
export type Marks = Uint8Array;

/** Letter case of a note. All-capitals and all-lowercase notes carry no case evidence. */
export type CaseStyle = "mixed" | "upper" | "lower";

export function caseStyleOf(tokens: Token[]): CaseStyle {
  let upper = 0;
  let lower = 0;
  let words = 0;
  for (const token of tokens) {
    if (token.text.length < 2) continue;
    words += 1;
    if (token.shape === "upper") upper += 1;
    else if (token.shape === "lower") lower += 1;
  }
  if (words === 0) return "mixed";
  if (upper / words > 0.6) return "upper";
  if (lower / words > 0.9) return "lower";
  return "mixed";
}

export interface Context {
  caseStyle: CaseStyle;
  scan: Scan;
  text: string;
  tokens: Token[];
  marks: Marks;
}

/** Index of the first token that starts at or after `offset`. */
export function tokenAt(context: Context, offset: number): number {
  let low = 0;
  let high = context.tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (context.tokens[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * True when a token may be part of a name that a cue introduced. `anyWord` (after a
 * title such as "Dr") accepts a word of any case. Otherwise a word written in the note's
 * usual case, such as capitals in an all-capitals note, must be a listed name.
 */
export function nameLike(context: Context, token: Token, anyWord: boolean): boolean {
  // An initial is one letter with a dot ("A. Bora", "s. roberto"), but not the article "a.".
  if (token.text.length === 1) {
    return context.text[token.end] === "." && (token.shape === "initial" || token.lower !== "a");
  }
  if (NOT_NAMES.has(token.lower)) return false;
  if (token.text.length < 2) return false;
  if (anyWord) return true;
  const caseless =
    (token.shape === "upper" && context.caseStyle === "upper") ||
    (token.shape === "lower" && context.caseStyle === "lower");
  if (caseless) return isListedName(token.lower) && !COMMON_WORD_NAMES.has(token.lower);
  return token.shape !== "lower";
}

/** True when two neighbouring name parts are joined only by a space, or an initial's dot. */
export function joined(context: Context, left: Token, right: Token): boolean {
  const between = gap(context.text, left, right);
  // "S/o" is a relation marker, not an initial.
  if (context.text[right.end] === "/" && right.shape === "initial") return false;
  if (between === " ") return true;
  return left.text.length === 1 && /^\.\s?$/.test(between);
}

/**
 * Marks up to `max` name-like tokens from index `first`, stopping at a line break,
 * punctuation or a word that cannot be a name. Returns how many tokens were marked.
 */
export function markRun(context: Context, first: number, max: number, allowLower: boolean): number {
  const { tokens, marks } = context;
  let count = 0;
  for (let i = first; i < tokens.length && count < max; i += 1) {
    const token = tokens[i]!;
    // Only the first word after the title and its initials may be in any case
    // ("dr chung", "DR. L. RUUSKA").
    const onlyInitialsSoFar = tokens.slice(first, i).every((t) => t.text.length === 1);
    if (!nameLike(context, token, allowLower && onlyInitialsSoFar)) break;
    if (count > 0 && !joined(context, tokens[i - 1]!, token)) break;
    // 2 marks a name after a title, which an eponym check must not clear ("Dr. Murphy").
    marks[i] = 2;
    count += 1;
  }
  return count;
}

/**
 * Finds a phrase from `phrases` that ends at token `last` (up to three words joined by
 * single spaces) and returns its first token index, or -1.
 */
export function phraseEndingAt(context: Context, last: number, set: PhraseSet): number {
  const { tokens, text } = context;
  // "SOCIAL-daughter" ends with the cue word "daughter".
  const word = tokens[last]!.lower;
  let phrase =
    word.includes("-") && !set.lastWords.has(word) ? word.slice(word.lastIndexOf("-") + 1) : word;
  if (!set.lastWords.has(phrase)) return -1;
  for (let first = last; first >= 0 && last - first < 3; first -= 1) {
    if (first < last) {
      if (gap(text, tokens[first]!, tokens[first + 1]!) !== " ") break;
      phrase = `${tokens[first]!.lower} ${phrase}`;
    }
    if (set.phrases.has(phrase)) return first;
  }
  return -1;
}

/** Returns the indices of up to `max` joined name-like tokens from `first`, unmarked. */
export function collectRun(context: Context, first: number, max: number): number[] {
  const { tokens } = context;
  const run: number[] = [];
  for (let i = first; i < tokens.length && run.length < max; i += 1) {
    const token = tokens[i]!;
    if (!nameLike(context, token, false)) break;
    if (run.length > 0 && !joined(context, tokens[i - 1]!, token)) break;
    run.push(i);
  }
  return run;
}
