import type { Candidate } from "../labels";
import {
  COMMON_WORD_NAMES,
  EPONYM_NEXT_WORDS,
  EPONYMS,
  GIVEN_NAMES,
  isListedName,
  NOT_NAMES,
  readsAsEnglishWord,
  SURNAMES,
} from "../lexicon";
import {
  type Context,
  caseStyleOf,
  collectRun,
  joined,
  markRun,
  nameLike,
  phraseEndingAt,
  tokenAt,
} from "./name-context";
import {
  CREDENTIAL,
  FAMILY_WORDS,
  FIELD_LAST_WORDS,
  NOT_SURNAMES_AFTER_INITIAL,
  PERSON_AFTER,
  PERSON_BEFORE,
  RELATION,
  SIGN_OFFS,
  STRONG_FIELDS,
  TITLES,
  WEAK_FIELDS,
} from "./name-cues";
import { eachMatch } from "./scan";
import { gap, occurrences, type Scan, type Token } from "./tokens";

// Person names from context cues (titles, relation markers, field labels, family words,
// credentials), from the given-name and surname lists, and by repetition: a word found
// as a name once in a note is a name wherever it recurs there, capitalized.

/** Lowercase words the name rules look up in a scan's word index. */
export const NAME_TRIGGERS: ReadonlySet<string> = new Set([
  ...TITLES,
  ...FIELD_LAST_WORDS,
  ...FAMILY_WORDS.lastWords,
  ...GIVEN_NAMES,
  ...SURNAMES,
]);

/** Returns NAME candidates. */
export function detectNames(scan: Scan): Candidate[] {
  const { text, tokens } = scan;
  if (tokens.length === 0) return [];
  const marks = new Uint8Array(tokens.length);
  const context = { scan, text, tokens, marks, caseStyle: caseStyleOf(tokens) };

  markTitles(context);
  markFields(context);
  markRelations(context);
  markFamily(context);
  markCredentials(context);
  markListed(context);
  markInitialSurnames(context);
  unmarkEponyms(context);
  markRepeats(context);
  return toCandidates(context);
}

function markTitles(context: Context): void {
  const { text, tokens } = context;
  for (const i of occurrences(context.scan, TITLES)) {
    if (i + 1 >= tokens.length) continue;
    const token = tokens[i]!;
    // Lowercase titles open a name too ("mrs cohen"), except rarer ones in mixed text.
    const common = ["dr", "drs", "mr", "mrs", "ms", "miss"].includes(token.lower);
    if (token.shape === "lower" && context.caseStyle === "mixed" && !common) continue;
    // "SR" and "sr" in a note without case evidence are sinus rhythm, not a title.
    if (token.lower === "sr" && token.shape !== "capitalized") continue;
    if (token.lower === "sister" || token.lower === "nurse" || token.lower === "madam") {
      if (tokens[i + 1]!.shape !== "capitalized") continue;
    }
    let start = i + 1;
    let plural = token.lower === "drs";
    // "DR'S CAMARDA AND CLIFFORD", "Drs' Ballou": possessive plurals of a title.
    if (tokens[start]?.lower === "s" && /^['’]$/.test(gap(text, token, tokens[start]!))) {
      start += 1;
      plural = true;
    } else if (/^s?['’]\s$/.test(text.slice(token.end, token.end + 3))) {
      plural = true;
    }
    const next = tokens[start];
    if (
      next === undefined ||
      !/^\.?\s{1,2}$|^\.$|^['’]\s$/.test(gap(text, tokens[start - 1]!, next))
    )
      continue;
    // HO and NP end sentences ("removed by HO. Lungs clear") and precede abbreviations
    // ("NP SXN"): they take only a capitalized word after one space, or a listed name.
    if ((token.lower === "ho" || token.lower === "np") && !officerName(context, token, next)) {
      continue;
    }
    // After Dr, Mr, Mrs and the like the next word may be in any case ("mr nicholson").
    // "MS" is also mental status: only "Ms." with its dot opens a name in any case.
    const mentalStatus = token.lower === "ms" && text[token.end] !== ".";
    const anyCase =
      !mentalStatus && !["sister", "nurse", "madam", "master", "ho", "np"].includes(token.lower);
    const count = markRun(context, start, 3, anyCase);
    // "Drs Ferullo and Saeed", "DR CAMARDA AND CLIFFORD": a doctor's title carries over "and".
    const after = start + count;
    if ((plural || token.lower === "dr") && count > 0 && tokens[after]?.lower === "and") {
      markRun(context, after + 1, 2, context.caseStyle !== "mixed");
    }
  }
}

/** True when the word after HO or NP can be a name: "HO Domenico", "HO SCHWARZ". */
function officerName(context: Context, title: Token, next: Token): boolean {
  if (gap(context.text, title, next) !== " ") return false;
  if (context.caseStyle === "mixed") return next.shape === "capitalized";
  return isListedName(next.lower);
}

function markFields(context: Context): void {
  const { tokens, text } = context;
  for (const i of occurrences(context.scan, FIELD_LAST_WORDS)) {
    if (i + 1 >= tokens.length) continue;
    const strong = phraseEndingAt(context, i, STRONG_FIELDS) >= 0;
    if (!strong && phraseEndingAt(context, i, WEAK_FIELDS) < 0) continue;
    // A label ends with a colon, bracket or dash on the same line ("Patient: X"). Only
    // phrases ending in by, with, holder or person take a plain space ("Seen with Dr. X").
    const between = gap(text, tokens[i]!, tokens[i + 1]!);
    const phraseOnly = strong && /^(?:by|with|holder|person)$/.test(tokens[i]!.lower);
    const signOff = strong && SIGN_OFFS.has(tokens[i]!.lower);
    const separator = signOff
      ? /^,?[ \t]*\n[ \t]*$/
      : phraseOnly
        ? /^[ \t]{1,20}[:(-]?[ \t]*$/
        : /^[ \t]{0,20}[:(-][ \t]*$/;
    if (!separator.test(between)) continue;
    if (!strong && !between.includes(":")) continue;
    markCuedName(context, i + 1, strong);
  }
}

/**
 * Marks a name after a field label: "Patient: ABERNATHY, JEFFREY", "To: Dr. Ryan Davis".
 * Weak labels (From, To, cc) need a listed name or two capitalized words.
 */
function markCuedName(context: Context, first: number, strong: boolean): void {
  const { tokens, text, marks } = context;
  let start = first;
  if (TITLES.has(tokens[start]?.lower ?? "")) start += 1;
  const run = collectRun(context, start, 3);
  if (run.length === 0) return;
  const listed = run.some((i) => isListedName(tokens[i]!.lower));
  if (!strong && !listed && run.length < 2) return;
  for (const i of run) marks[i] = 1;
  // "LAST, FIRST": a comma after an upper-case surname continues the name.
  const last = tokens[run[run.length - 1]!]!;
  const next = tokens[run[run.length - 1]! + 1];
  const nextIndex = run[run.length - 1]! + 1;
  if (next !== undefined && gap(text, last, next) === ", " && last.shape === "upper") {
    if (next.shape === "upper" && !NOT_NAMES.has(next.lower)) {
      marks[nextIndex] = 1;
      // A middle initial after the given name: "YILMAZ, HOPE H".
      const middle = tokens[nextIndex + 1];
      if (middle?.shape === "initial" && gap(text, next, middle) === " ") marks[nextIndex + 1] = 1;
    }
  }
}

/** Returns the word after a family cue in a note without case evidence, plus a listed surname. */
function caselessRun(context: Context, first: number): number[] {
  const { tokens } = context;
  const head = tokens[first];
  if (head === undefined || head.text.length < 2 || NOT_NAMES.has(head.lower)) return [];
  const run = [first];
  const next = tokens[first + 1];
  if (next !== undefined && joined(context, head, next) && SURNAMES.has(next.lower))
    run.push(first + 1);
  return run;
}

function markRelations(context: Context): void {
  eachMatch(RELATION, context.text, (m) => {
    const first = tokenAt(context, m.index + m[0].length);
    const token = context.tokens[first];
    if (token === undefined || token.start !== m.index + m[0].length) return;
    // C/o is also "complaints of": only a listed name follows it as a person.
    if (m[1] === "C" && !isListedName(token.lower)) return;
    const run = collectRun(context, first, 3);
    for (const i of run) context.marks[i] = 1;
  });
}

function markFamily(context: Context): void {
  const { tokens, text } = context;
  for (const i of occurrences(context.scan, FAMILY_WORDS.lastWords)) {
    if (i + 1 >= tokens.length) continue;
    if (phraseEndingAt(context, i, FAMILY_WORDS) < 0) continue;
    if (!/^[ ,(:-]{1,3}$/.test(gap(text, tokens[i]!, tokens[i + 1]!))) continue;
    // In an all-capitals or all-lowercase note the word after the cue is taken as it is.
    const run =
      context.caseStyle === "mixed" ? collectRun(context, i + 1, 3) : caselessRun(context, i + 1);
    if (run.length === 0) continue;
    // The first word must read as a name: a listed name, or a capitalized word.
    const head = tokens[run[0]!]!;
    // After a family word a listed given name counts even when it is also a word ("son bill").
    const listed =
      GIVEN_NAMES.has(head.lower) ||
      (SURNAMES.has(head.lower) && !COMMON_WORD_NAMES.has(head.lower));
    const caseless = context.caseStyle !== "mixed" && head.shape !== "mixed";
    if (!listed && !caseless && head.shape !== "capitalized" && head.shape !== "initial") continue;
    if (!listed && NOT_NAMES.has(head.lower)) continue;
    if (!listed && caseless && head.shape !== "capitalized" && COMMON_WORD_NAMES.has(head.lower))
      continue;
    // Without case evidence the word must not read as a verb, adverb or joined phrase
    // ("WIFE REQUESTING", "son newly", "daughter phoned-family").
    if (!listed && caseless && readsAsEnglishWord(head.lower)) continue;
    for (const index of run) context.marks[index] = 1;
  }
}

function markCredentials(context: Context): void {
  const { tokens, marks } = context;
  eachMatch(CREDENTIAL, context.text, (m) => {
    // Walk back over up to three joined name-like tokens ending right before the credential.
    let i = tokenAt(context, m.index) - 1;
    if (i < 0 || tokens[i]!.end !== m.index) return;
    let taken = 0;
    // The word right before the credential may be in any case ("anita morris rn").
    const credentialName = (token: Token): boolean =>
      nameLike(context, token, taken === 0 && token.text.length > 2) ||
      (isListedName(token.lower) && !COMMON_WORD_NAMES.has(token.lower));
    while (i >= 0 && taken < 3 && credentialName(tokens[i]!)) {
      if (taken > 0 && !joined(context, tokens[i]!, tokens[i + 1]!)) break;
      marks[i] = 1;
      taken += 1;
      i -= 1;
    }
  });
}

/** Marks listed given names (with the capitalized word after them) and listed surnames. */
function markListed(context: Context): void {
  for (const [word, indices] of context.scan.byWord) {
    const given = GIVEN_NAMES.has(word);
    const surname = SURNAMES.has(word);
    if (given || surname) {
      for (const i of indices) markListedAt(context, i, given);
    }
  }
}

function markListedAt(context: Context, i: number, given: boolean): void {
  const { tokens, marks } = context;
  const token = tokens[i]!;
  if (caselessGivenName(context, token, given)) {
    marks[i] = 1;
    // The next word of the same case is the surname unless it reads as an ordinary word:
    // "mary souza aware", but not "sarah called".
    const next = tokens[i + 1];
    if (
      next !== undefined &&
      next.shape === token.shape &&
      next.text.length >= 3 &&
      joined(context, token, next) &&
      !NOT_NAMES.has(next.lower) &&
      !COMMON_WORD_NAMES.has(next.lower) &&
      !readsAsEnglishWord(next.lower)
    ) {
      marks[i + 1] = 1;
    }
    return;
  }
  if (token.shape === "lower" || token.shape === "initial") return;
  const next = tokens[i + 1];
  // A listed given name (not also a word) takes the next word of the same case as its
  // surname, even unlisted: "URSLA MORETTI" needs URSLA listed, "DICK CUCCHIARA" does not.
  const strongGiven = given && !COMMON_WORD_NAMES.has(token.lower);
  const pairs =
    given &&
    next !== undefined &&
    joined(context, token, next) &&
    next.shape !== "initial" &&
    (nameLike(context, next, false) ||
      (strongGiven &&
        next.shape === token.shape &&
        !NOT_NAMES.has(next.lower) &&
        next.text.length > 1)) &&
    (next.shape === token.shape || isListedName(next.lower));
  if (pairs) {
    marks[i] = 1;
    marks[i + 1] = 1;
  } else if (
    token.shape === "capitalized" &&
    !COMMON_WORD_NAMES.has(token.lower) &&
    !NOT_NAMES.has(token.lower)
  ) {
    // A lone listed name counts only when capitalized: "Lisa", not the abbreviation "MAE".
    marks[i] = 1;
  }
}

/**
 * True for a listed given name in a note without case evidence ("sarah called", "CAROL IN
 * TO VISIT"), unless the name is also an English word or shorter than four letters.
 */
function caselessGivenName(context: Context, token: Token, given: boolean): boolean {
  if (!given || context.caseStyle === "mixed" || token.text.length < 4) return false;
  if (token.shape !== (context.caseStyle === "upper" ? "upper" : "lower")) return false;
  return !COMMON_WORD_NAMES.has(token.lower) && !NOT_NAMES.has(token.lower);
}

/** Marks "Z. MILLER", "W. Marotta": a capital initial with a dot, then a surname-like word. */
function markInitialSurnames(context: Context): void {
  const { tokens, text, marks } = context;
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const initial = tokens[i]!;
    if (initial.shape !== "initial" || text[initial.end] !== "." || initial.text === "A") continue;
    // The initial must start a word: not the S of "90'S" or the V of "N/V".
    if (initial.start > 0 && !/[\s(,;:]/.test(text[initial.start - 1]!)) continue;
    const next = tokens[i + 1]!;
    if (gap(text, initial, next) !== ". " || next.text.length < 3) continue;
    if (NOT_NAMES.has(next.lower) || NOT_SURNAMES_AFTER_INITIAL.has(next.lower)) continue;
    // The word must be a listed surname ("S. Creatinine" is serum creatinine) unless a
    // person cue follows or comes before: "W. MAROTTA AWARE", "per B. KARGAS".
    const after = tokens[i + 2]?.lower ?? "";
    const beforeWord = tokens[i - 1]?.lower ?? "";
    const cued = PERSON_AFTER.has(after) || PERSON_BEFORE.has(beforeWord);
    if (!SURNAMES.has(next.lower) && !cued) continue;
    if (next.shape === "lower" && context.caseStyle === "mixed") continue;
    marks[i] = 1;
    marks[i + 1] = 1;
  }
}

/** Clears marks on eponyms: "Parkinson disease", "Bell's palsy", "Hunt and Hess". */
function unmarkEponyms(context: Context): void {
  const { tokens, marks, text } = context;
  for (let i = 0; i < tokens.length; i += 1) {
    if (marks[i] !== 1) continue;
    const token = tokens[i]!;
    if (!EPONYMS.has(token.lower) && !/['’-]/.test(token.text)) continue;
    const parts = token.lower.split(/['’-]/);
    if (!parts.some((part) => EPONYMS.has(part))) continue;
    const next = tokens[i + 1];
    const after = text.slice(token.end, token.end + 3);
    const trigger = next !== undefined && EPONYM_NEXT_WORDS.has(next.lower);
    const pairWithAnd =
      next?.lower === "and" && tokens[i + 2] !== undefined && EPONYMS.has(tokens[i + 2]!.lower);
    const hyphenated = parts.length > 1 && parts.every((part) => EPONYMS.has(part) || part === "s");
    if (trigger || pairWithAnd || hyphenated || (/^['’]s\s/.test(after) && trigger)) {
      marks[i] = 0;
      if (pairWithAnd) marks[i + 2] = 0;
    }
    if (/^['’]s /.test(after) || parts[parts.length - 1] === "s") {
      const word = tokens[i + 1]?.lower ?? "";
      if (EPONYM_NEXT_WORDS.has(word)) marks[i] = 0;
    }
  }
}

/** Marks every capitalized recurrence of a word already found as a name in this text. */
function markRepeats(context: Context): void {
  const { tokens, marks } = context;
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (marks[i]! > 0 && token.text.length >= 3 && !NOT_NAMES.has(token.lower)) {
      found.add(token.lower);
    }
  }
  if (found.size === 0) return;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (marks[i]! > 0 || !found.has(token.lower)) continue;
    if (token.shape === "lower" && context.caseStyle !== "lower") continue;
    if (token.shape === "lower" && COMMON_WORD_NAMES.has(token.lower)) continue;
    if (EPONYMS.has(token.lower) && EPONYM_NEXT_WORDS.has(tokens[i + 1]?.lower ?? "")) continue;
    marks[i] = 1;
  }
}

/** Joins neighbouring marked tokens into spans. */
function toCandidates(context: Context): Candidate[] {
  const { tokens, marks } = context;
  const out: Candidate[] = [];
  let open: Candidate | undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    if (marks[i] === 0) continue;
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    if (open !== undefined && previous !== undefined && marks[i - 1]! > 0) {
      const between = gap(context.text, previous, token);
      const lastFirst = between === ", " && previous.shape === "upper" && token.shape === "upper";
      if (
        joined(context, previous, token) ||
        between === "-" ||
        lastFirst ||
        (between === " " && token.shape === "initial")
      ) {
        open.end = token.end;
        continue;
      }
    }
    open = { start: token.start, end: token.end, label: "NAME", priority: 45 };
    out.push(open);
  }
  return out;
}
