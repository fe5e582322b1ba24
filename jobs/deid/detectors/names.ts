import type { Candidate } from "../labels";
import {
  COMMON_WORD_NAMES,
  EPONYM_NEXT_WORDS,
  EPONYMS,
  GIVEN_NAMES,
  isListedName,
  NOT_NAMES,
  SURNAMES,
} from "../lexicon";
import { eachMatch } from "./scan";
import { gap, occurrences, type Scan, type Token } from "./tokens";

// Person names from context cues (titles, relation markers, field labels, family words,
// credentials), from the given-name and surname lists, and by repetition: a word found
// as a name once in a note is a name wherever it recurs there, capitalized.

const TITLES = new Set([
  "dr",
  "drs",
  "doctor",
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "prof",
  "professor",
  "shri",
  "sri",
  "smt",
  "shrimati",
  "kumari",
  "kum",
  "master",
  "mister",
  "madam",
  "sister",
  "nurse",
  "sr",
]);
// Field labels before a name, as lowercase word sequences. Strong labels take any
// capitalized word; weak ones (From, To, cc) need a listed name or two capitalized words.
const STRONG_FIELDS = phraseSet(`
patient|patient's name|patient name|pt|pt name|name|ordering|ordering physician|ordering provider|
attending|attending physician|consultant|ref by|referred by|referring doctor|referring physician|
signed|signed by|reported by|verified by|dictated by|transcribed by|seen with|seen by|pcp|
guardian|informant|emergency contact|next of kin|proxy|attendant|radiologist|pathologist|
surgeon|physician|provider|case manager|social worker|contact person|reply from|helpdesk reply|
author|prepared by|approved by|examined by|sender|technologist|technician|nurse|dietitian|
pharmacist|therapist|physiotherapist|counsellor|counselor|account holder|holder|in charge|
regards|sincerely|thanks|thank you|yours|yours truly|best|warmly|cheers`);
const WEAK_FIELDS = phraseSet("from|to|cc|recipient|dear|hi|hello|thanks|regards");
// Words before a relative's or contact's name: "brought by brother Ravi", "SON DAVID".
const FAMILY_WORDS = phraseSet(`
son|daughter|dtr|wife|husband|brother|sister|mother|father|mom|dad|nephew|niece|grandson|
granddaughter|grandchild|friend|neighbor|neighbour|partner|fiance|fiancee|aunt|uncle|cousin|
caseworker|case worker|hcp|guardian|brought by|accompanied by|in-law|daughter-in-law|
son-in-law|sibling|stepson|stepdaughter|girlfriend|boyfriend|companion|roommate|spouse|
named|called|sister-in-law|brother-in-law|mother-in-law|father-in-law|caregiver|wife's|
spoke with|talked with|spoke to|talked to|met with|reach|rabbi|chaplain|pastor|priest|
proxy|hcp|poa|grandmother|grandfather|granddaughter|stepmother|stepfather`);

/** Phrases plus the set of their last words, so most tokens are rejected by one lookup. */
interface PhraseSet {
  phrases: Set<string>;
  lastWords: Set<string>;
}

// Closing words after which the next line is the writer's name: "Thanks and regards,\nArt".
const SIGN_OFFS = new Set([
  "regards",
  "sincerely",
  "thanks",
  "you",
  "yours",
  "truly",
  "best",
  "warmly",
  "cheers",
]);
const FIELD_LAST_WORDS = new Set([...STRONG_FIELDS.lastWords, ...WEAK_FIELDS.lastWords]);

function phraseSet(list: string): PhraseSet {
  const phrases = new Set(
    list
      .split("|")
      .map((phrase) => phrase.trim())
      .filter((phrase) => phrase.length > 0),
  );
  const lastWords = new Set(
    [...phrases].map((phrase) => phrase.slice(phrase.lastIndexOf(" ") + 1)),
  );
  return { phrases, lastWords };
}

const RELATION = /(?<![\w])([SWDCB])\/[Oo]\.?\s*/dg;
const CREDENTIAL =
  /(?:,\s?(?:MD|M\.D\.|DO|RN|RRT|NP|PA-C|PA|MBBS|MS|DNB|FRCS|MRCP|PhD|DM|MCh|BSN|LPN|CNA|RPh|PharmD|DDS|LCSW|MSW|APRN|CRNP)|\s(?:MD|RN|RRT|MBBS|rn|rrt)|,\s?(?:rn|rrt))\b/g;

type Marks = Uint8Array;

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
  const marks: Marks = new Uint8Array(tokens.length);
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

/** Letter case of a note. All-capitals and all-lowercase notes carry no case evidence. */
type CaseStyle = "mixed" | "upper" | "lower";

function caseStyleOf(tokens: Token[]): CaseStyle {
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

interface Context {
  caseStyle: CaseStyle;
  scan: Scan;
  text: string;
  tokens: Token[];
  marks: Marks;
}

/** Index of the first token that starts at or after `offset`. */
function tokenAt(context: Context, offset: number): number {
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
function nameLike(context: Context, token: Token, anyWord: boolean): boolean {
  // An initial is a capital letter with a dot: "A. Bora" (not the article "A").
  if (token.text.length === 1)
    return (
      (context.text[token.end] === "." && token.lower !== "a") ||
      (token.shape === "initial" && context.text[token.end] === ".")
    );
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
function joined(context: Context, left: Token, right: Token): boolean {
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
function markRun(context: Context, first: number, max: number, allowLower: boolean): number {
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

function markTitles(context: Context): void {
  const { text, tokens } = context;
  for (const i of occurrences(context.scan, TITLES)) {
    if (i + 1 >= tokens.length) continue;
    const token = tokens[i]!;
    // Lowercase titles open a name too ("mrs cohen"), except rarer ones in mixed text.
    const common = ["dr", "drs", "mr", "mrs", "ms", "miss"].includes(token.lower);
    if (token.shape === "lower" && context.caseStyle === "mixed" && !common) continue;
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
    // After Dr, Mr, Mrs and the like the next word may be in any case ("mr nicholson").
    // "MS" is also mental status: only "Ms." with its dot opens a name in any case.
    const mentalStatus = token.lower === "ms" && text[token.end] !== ".";
    const anyCase = !mentalStatus && !["sister", "nurse", "madam", "master"].includes(token.lower);
    const count = markRun(context, start, 3, anyCase);
    // "Drs Ferullo and Saeed", "DR CAMARDA AND CLIFFORD": a doctor's title carries over "and".
    const after = start + count;
    if ((plural || token.lower === "dr") && count > 0 && tokens[after]?.lower === "and") {
      markRun(context, after + 1, 2, context.caseStyle !== "mixed");
    }
  }
}

/**
 * Finds a phrase from `phrases` that ends at token `last` (up to three words joined by
 * single spaces) and returns its first token index, or -1.
 */
function phraseEndingAt(context: Context, last: number, set: PhraseSet): number {
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

/** Returns the indices of up to `max` joined name-like tokens from `first`, unmarked. */
function collectRun(context: Context, first: number, max: number): number[] {
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

// Words after a capital initial that make it a genus or rhythm, not a person: "E. coli".
const NOT_SURNAMES_AFTER_INITIAL = new Set(
  `coli aureus diff difficile pneumoniae faecalis faecium epidermidis influenzae fib flutter
  cloacae aeruginosa albicans glabrata marcescens mirabilis vulgaris jejuni pylori`.split(/\s+/),
);

// Words next to "X. Surname" that make it a person.
const PERSON_AFTER = new Set(
  "aware notified called ordered paged informed updated present here rn md np pa rrt placing".split(
    " ",
  ),
);
const PERSON_BEFORE = new Set([
  "per",
  "by",
  "with",
  "w",
  "dr",
  "drs",
  "np",
  "pa",
  "ho",
  "rn",
  "md",
]);

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
