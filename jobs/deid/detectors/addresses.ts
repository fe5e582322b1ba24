import type { Candidate } from "../labels";
import { CITIES, INDIAN_STATE_NAMES, STATE_CODES } from "../lexicon";
import { candidate, eachMatch, hasFiveDigits } from "./scan";
import { occurrences, type Scan, type Token } from "./tokens";

// Street addresses, cities and postal codes. States and countries stay, as HIPAA Safe
// Harbor allows; a word right before a state or a postal code is taken as the city.

const STREET_TYPE =
  "(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Place|Pl|Way|" +
  "Circle|Cir|Parkway|Pkwy|Terrace|Ter|Trail|Trl|Highway|Hwy|Square|Sq|Loop|Pike|Row|Alley)";
const UNIT = "(?:,? (?:#|Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Fl\\.?|Floor) ?[A-Za-z0-9-]{1,6})";
// 573 Canyon Oak Street #519, 4084 Pinecrest Pl, 109 Evergreen Bluff Drive, Apt 21B.
const US_STREET = new RegExp(
  `(?<![\\w#/.-])\\d{1,6}(?: (?:[NSEW]\\.?|[A-Z][a-z]+|\\d+(?:st|nd|rd|th))){1,4} ${STREET_TYPE}\\.?(?![\\w])${UNIT}?`,
  "g",
);
// The first part of an Indian address: #288, Plot No. 153, House No. 342, Flat No. 4B,
// or a landmark ("Near Bus Stand", "Opp. Water Tank", "Behind Govt School").
const IN_START =
  /(?<![\w#/-])(?:#\s?\d+[A-Z]?(?:\/\d+)?|(?:Plot|House|Flat|Door|Shop|Block|H\.|D\.)\s?(?:No\.?)?\s?[\w/-]*\d[\w/-]*|(?:Near|Opp\.?|Opposite|Behind|Beside)\s[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})/g;
const PO_BOX = /(?<![\w])(?:P\.?\s?O\.?\s?Box|Post Box)\s?\d{1,6}(?![\w])/gi;
const HAS_BOX = /box/i;
// One comma-separated part of an Indian address, up to the next comma or line end.
const IN_PART = /, ([^,\n]{2,40})/y;
const LOCALITY_WORD =
  /\b(?:Nagar|Colony|Road|Rd|Cross|Main|Street|St|Gali|Marg|Vihar|Layout|Enclave|Puram|Extension|Extn|Sector|Block|Phase|Lane|Chowk|Bazaa?r|Peth|Wadi|Halli|Palli|Ganj|Bagh|Park|Residency|Apartments?|Society|Towers?|Complex|Gardens?|Heights|Niwas|Nivas|Sadan|Bhavan|Mohalla|Kunj|Village|Post|Taluk|Tehsil|Ward|Area|Circle|Avenue|Estate|Township|Camp|Stage|Floor|Wing|Opp\.?|Near|Behind|Beside)\b|^\d+(?:st|nd|rd|th)\b|^(?:No\.?\s?)?\d+[A-Z]?$/;

// Up to three capitalized words at the end of a slice: the city before ", WA 98131".
const CITY_BEFORE = /(?:^|[^\w])([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(,? ?[-–]? ?)$/d;
const US_STATE_ZIP = /(?<![\w])([A-Z]{2}),? (\d{5}(?:-\d{4})?)(?![\w]|-\d)/dg;
// Indian PIN: 6 digits, the first 1-9, sometimes written 680 009.
const PIN = /(?<![\w-])[1-9]\d{2} ?\d{3}(?![\w]| ?\d)/g;
const PIN_BEFORE = /(?:\bpin(?: ?code)?\s?[:.-]?\s?|[^\d\s,] ?[-–] ?|[^\d\s], )$/i;
const CITY_FIRST_WORDS = new Set([...CITIES].map((city) => city.split(" ")[0]!));
const STATE_FIRST_WORDS = new Set([...INDIAN_STATE_NAMES].map((state) => state.split(" ")[0]!));

/** Lowercase words the city rules look up in a scan's word index. */
export const ADDRESS_TRIGGERS: ReadonlySet<string> = new Set([
  ...CITY_FIRST_WORDS,
  ...STATE_FIRST_WORDS,
]);

/** Returns street address, city and postal code candidates. */
export function detectAddresses(scan: Scan): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  const add = (start: number, end: number, label: Candidate["label"], priority: number) => {
    const found = candidate(text, start, end, label, priority);
    if (found !== undefined) out.push(found);
  };
  eachMatch(US_STREET, text, (m) => add(m.index, m.index + m[0].length, "STREET_ADDRESS", 58));
  // Every PO_BOX match contains "box" in some case, and /box/i scans a text faster than PO_BOX.
  if (HAS_BOX.test(text)) {
    eachMatch(PO_BOX, text, (m) => add(m.index, m.index + m[0].length, "STREET_ADDRESS", 58));
  }
  detectIndianStreets(text, add);
  detectCities(text, add);
  detectCityList(scan, add);
  return out;
}

type Add = (start: number, end: number, label: Candidate["label"], priority: number) => void;

function detectIndianStreets(text: string, add: Add): void {
  eachMatch(IN_START, text, (m) => {
    let end = m.index + m[0].length;
    let parts = 0;
    // Take the following parts while they read as localities; the city ends the address.
    for (;;) {
      IN_PART.lastIndex = end;
      const part = IN_PART.exec(text);
      if (part === null) break;
      const words = part[1]!.trim();
      if (CITIES.has(words.toLowerCase()) || INDIAN_STATE_NAMES.has(words.toLowerCase())) break;
      // One building name ("Sukh Niketan") may sit between the number and the street.
      const building = parts === 0 && /^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$/.test(words);
      if (!LOCALITY_WORD.test(words) && !(building && nextIsLocality(text, IN_PART.lastIndex))) {
        break;
      }
      end = IN_PART.lastIndex;
      parts += 1;
    }
    if (parts > 0) add(m.index, end, "STREET_ADDRESS", 57);
  });
}

function nextIsLocality(text: string, from: number): boolean {
  IN_PART.lastIndex = from;
  const part = IN_PART.exec(text);
  return part !== null && LOCALITY_WORD.test(part[1]!.trim());
}

function detectCities(text: string, add: Add): void {
  // A ZIP code is five digits in a row.
  if (hasFiveDigits(text)) {
    eachMatch(US_STATE_ZIP, text, (m) => {
      if (!STATE_CODES.has(m[1]!)) return;
      addGroup(m, 2, "ZIP", 60, add);
      addCityBefore(text, m.index, add);
    });
  }
  eachMatch(PIN, text, (m) => {
    const lead = text.slice(Math.max(0, m.index - 12), m.index);
    const state = /^\s?\([A-Z][a-z]+(?: [A-Z][a-z]+)?\)/.exec(text.slice(m.index + m[0].length));
    const afterState = INDIAN_STATE_NAMES.has(
      (
        /([A-Z][a-z]+(?: [A-Z][a-z]+)?) $/.exec(
          text.slice(Math.max(0, m.index - 24), m.index),
        )?.[1] ?? ""
      ).toLowerCase(),
    );
    if (!PIN_BEFORE.test(lead) && state === null && !afterState) return;
    add(m.index, m.index + m[0].length, "ZIP", 60);
    addCityBefore(text, m.index, add);
  });
}

/**
 * Adds the capitalized words before a state or postal code as CITY, stepping over an
 * Indian state name: "Udaipur, Rajasthan - 313026".
 */
function addCityBefore(text: string, index: number, add: Add): void {
  let end = index;
  for (let step = 0; step < 2; step += 1) {
    const from = Math.max(0, end - 48);
    const found = CITY_BEFORE.exec(text.slice(from, end));
    const range = found?.indices?.[1];
    if (found === null || range === undefined) return;
    const words = found[1]!;
    if (INDIAN_STATE_NAMES.has(words.toLowerCase()) || STATE_CODES.has(words)) {
      end = from + range[0];
      continue;
    }
    add(from + range[0], from + range[1], "CITY", 52);
    return;
  }
}

/** Adds listed cities (one or two capitalized words) and the city before an Indian state. */
function detectCityList(scan: Scan, add: Add): void {
  const { text, tokens } = scan;
  for (const i of occurrences(scan, cityTriggers(scan))) {
    const token = tokens[i]!;
    if (token.shape !== "capitalized" && token.shape !== "upper") continue;
    const next = tokens[i + 1];
    const pair = next !== undefined && text[token.end] === " " && next.start === token.end + 1;
    if (pair && CITIES.has(`${token.lower} ${next.lower}`)) {
      add(token.start, next.end, "CITY", 40);
    } else if (CITIES.has(token.lower)) {
      add(token.start, token.end, "CITY", 40);
    } else if (startsState(text, tokens, i)) {
      addCityBefore(text, token.start, add);
    }
  }
}

/** Returns the words of this text that may start a city or a state name. */
function cityTriggers(scan: Scan): Set<string> {
  const words = new Set<string>();
  for (const word of scan.byWord.keys()) {
    if (CITY_FIRST_WORDS.has(word) || STATE_FIRST_WORDS.has(word)) words.add(word);
  }
  return words;
}

/** True when token `i` starts an Indian state name right after "<word>, ". */
function startsState(text: string, tokens: Token[], i: number): boolean {
  const token = tokens[i]!;
  if (token.shape !== "capitalized" || text.slice(token.start - 2, token.start) !== ", ") {
    return false;
  }
  if (INDIAN_STATE_NAMES.has(token.lower)) return true;
  const next = tokens[i + 1];
  return next !== undefined && INDIAN_STATE_NAMES.has(`${token.lower} ${next.lower}`);
}

function addGroup(
  m: RegExpExecArray,
  group: number,
  label: Candidate["label"],
  priority: number,
  add: Add,
) {
  const range = m.indices?.[group];
  if (range !== undefined) add(range[0], range[1], label, priority);
}
