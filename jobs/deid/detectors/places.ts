import type { Candidate } from "../labels";
import { NOT_NAMES } from "../lexicon";
import { gap, occurrences, type Scan, type Token } from "./tokens";

// Places named without a facility word, as LOCATION: towns by their suffix, where a
// person lives, universities and hospitals named after a religious phrase. Nursing
// notes name these in any case, so most rules here need a cue word, not capitals.

// English place-name endings: Louisville, Allentown, Harrisburg, Greensboro.
const TOWN_SUFFIX = /(?:ville|town|burg|borough|boro)$/;
const NOT_TOWNS = new Set([
  "downtown",
  "uptown",
  "hometown",
  "midtown",
  "township",
  "trendelenburg",
]);

// Words before "in" that mark where someone lives or stays: "lives in", "home in".
const RESIDENCE_WORDS = new Set(["lives", "live", "living", "resides", "residing", "home"]);
const RESIDENCE_FILLERS = new Set(["alone", "nearby", "now", "currently", "still", "also"]);

// Words after "in" that are a kind of place, not its name: "lives in elderly housing".
const NOT_PLACE_NAMES = new Set(
  `a an the his her their our this that same my your its elderly assisted housing house
  apartment apt shelter homeless facility home nursing senior group town city area state
  country county law laws process bed room florida`.split(/\s+/),
);

const UNIVERSITY_WORDS = new Set(["university", "univ", "u"]);
const RELIGIOUS_WORDS = new Set(["holy", "sacred"]);
const RELIGIOUS_NEXT = new Set(
  "cross heart family name spirit redeemer trinity rosary innocents angels".split(" "),
);

/** Lowercase words these detectors look up in a scan's word index. */
export const PLACE_TRIGGERS: ReadonlySet<string> = new Set([
  ...RESIDENCE_WORDS,
  ...UNIVERSITY_WORDS,
  ...RELIGIOUS_WORDS,
]);

/** Returns LOCATION candidates for towns, residences, universities and religious names. */
export function detectPlaces(scan: Scan): Candidate[] {
  const caseless = scan.text === scan.text.toUpperCase() || scan.text === scan.text.toLowerCase();
  return [
    ...detectTowns(scan, caseless),
    ...detectResidences(scan, caseless),
    ...detectUniversities(scan),
    ...detectReligiousNames(scan),
  ];
}

function location(first: Token, last: Token): Candidate {
  return { start: first.start, end: last.end, label: "LOCATION", priority: 40 };
}

/** True when a token may be a place name: capitalized, or any case in a caseless note. */
function placeLike(token: Token, caseless: boolean): boolean {
  if (token.text.length < 3 || NOT_NAMES.has(token.lower) || NOT_PLACE_NAMES.has(token.lower)) {
    return false;
  }
  return caseless || token.shape === "capitalized" || token.shape === "upper";
}

function detectTowns(scan: Scan, caseless: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const token of scan.tokens) {
    // A cheap length and last-letter check first, because this visits every token.
    if (token.text.length < 7) continue;
    const last = token.lower.charCodeAt(token.lower.length - 1);
    if (last !== 101 && last !== 110 && last !== 103 && last !== 104 && last !== 111) continue;
    if (!TOWN_SUFFIX.test(token.lower) || NOT_TOWNS.has(token.lower)) continue;
    if (token.lower.includes("-")) continue;
    if (!placeLike(token, caseless)) continue;
    out.push(location(token, token));
  }
  return out;
}

/** "lives in Dover", "lives alone in glen burnie", "home in Frederick". */
function detectResidences(scan: Scan, caseless: boolean): Candidate[] {
  const { tokens, text } = scan;
  const out: Candidate[] = [];
  for (const i of occurrences(scan, RESIDENCE_WORDS)) {
    let next = i + 1;
    while (next < tokens.length && RESIDENCE_FILLERS.has(tokens[next]!.lower)) next += 1;
    if (tokens[next]?.lower !== "in" || tokens[next + 1] === undefined) continue;
    const first = tokens[next + 1]!;
    if (gap(text, tokens[next]!, first) !== " " || !placeLike(first, caseless)) continue;
    // Take a second word of the same shape: "Glen Ridge", "glen burnie".
    const second = tokens[next + 2];
    const pair =
      second !== undefined &&
      gap(text, first, second) === " " &&
      second.shape === first.shape &&
      placeLike(second, caseless);
    out.push(location(first, pair ? second : first));
  }
  return out;
}

/** "University of Ohio", "U of KY", "U Kentucky". */
function detectUniversities(scan: Scan): Candidate[] {
  const { tokens, text } = scan;
  const out: Candidate[] = [];
  for (const i of occurrences(scan, UNIVERSITY_WORDS)) {
    const word = tokens[i]!;
    let next = i + 1;
    if (tokens[next]?.lower === "of") next += 1;
    // A lone "U" is also a unit ("1 U PRBC") or half of "F/U" and "G.U.", so it needs a
    // space or line start before it, and "of" or a capitalized word after it.
    if (word.lower === "u") {
      const previous = text[word.start - 1] ?? " ";
      if (word.text !== "U" || !/\s/.test(previous) || /\d\s*$/.test(text.slice(0, word.start))) {
        continue;
      }
      if (next === i + 1 && tokens[next]?.shape !== "capitalized") continue;
    }
    const name = tokens[next];
    if (name === undefined || name.start - tokens[next - 1]!.end > 2 || name.text.length < 2) {
      continue;
    }
    if (NOT_NAMES.has(name.lower) || NOT_PLACE_NAMES.has(name.lower)) continue;
    // Without "of" the short form must be followed by a capitalized or all-capitals word.
    if (next === i + 1 && name.shape === "lower") continue;
    out.push(location(word, name));
  }
  return out;
}

/** "Holy Family", "sacred heart": hospitals named after a religious phrase. */
function detectReligiousNames(scan: Scan): Candidate[] {
  const { tokens, text } = scan;
  const out: Candidate[] = [];
  for (const i of occurrences(scan, RELIGIOUS_WORDS)) {
    const next = tokens[i + 1];
    if (next === undefined || gap(text, tokens[i]!, next) !== " ") continue;
    if (!RELIGIOUS_NEXT.has(next.lower)) continue;
    out.push(location(tokens[i]!, next));
  }
  return out;
}
