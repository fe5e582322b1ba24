import type { Candidate } from "../labels";
import { before, candidate, eachMatch } from "./scan";
import { eachCue, occurrences, type Scan } from "./tokens";

// Dates more specific than a year, in the layouts clinical notes use in India and the US.
// A year alone stays, as HIPAA Safe Harbor allows. An ISO timestamp is one span, time
// and zone included, so that no fragment of it is left behind.

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" +
  "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ORDINAL = "(?:st|nd|rd|th)";
const YEAR = "(?:(?:19|20)\\d{2}|'?\\d{2})";

const ISO =
  /(?<![\w-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?(?![\w])/g;
const COMPACT = /(?<![\w])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w])/g;
const NUMERIC = /(?<![\w/.])(\d{1,4})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?![\w]|[/.-]\d)/g;
// The month patterns are sticky: they run only where a token is a month name.
const MONTH_WORDS = new Set(
  `jan january feb february mar march apr april may jun june jul july aug august sep sept
  september oct october nov november dec december`.split(/\s+/),
);
// The day before a month token: "16th " in "16th August", "29" in "29JAN2021".
const DAY_BEFORE = new RegExp(`(?<![\\w])[0-3]?\\d${ORDINAL}?(?:[ -]?(?:of )?| ?)$`, "i");
const DAY_MONTH = new RegExp(
  `[0-3]?\\d${ORDINAL}?(?:[ -]?(?:of )?| ?)${MONTH}\\.?(?:(?:[ ,.-]{0,3})${YEAR})?(?![\\w])`,
  "yi",
);
const MONTH_DAY = new RegExp(
  `${MONTH}\\.?[ -]?[0-3]?\\d${ORDINAL}?(?:,? ?${YEAR})?(?![\\w]|:\\d)`,
  "yi",
);
const MONTH_YEAR = new RegExp(`${MONTH}\\.?,? (?:of )?(?:19|20)\\d{2}(?![\\w])`, "yi");
const DAY_MONTH_SHORT = /(?<![\w/.:-])(\d{1,2})\/(\d{1,2})(?![\w]|\/\d|\.\d)/g;
// Month and two-digit year: 8/87, 11/92 (the second part cannot be a day).
const MONTH_SHORT_YEAR = /(?<![\w/.:-])(0?[1-9]|1[0-2])\/(3[2-9]|[4-9]\d)(?![\w]|\/\d|\.\d)/g;

// Words after a d/m shape that make it a measurement or dose ("5/325 mg", "2/3 units").
const UNIT_AFTER =
  /^\s?(?:mg|mcg|ml|cc|g|kg|mmhg|min|hrs?|units?|tabs?|caps?|%|mm|cm|x|times|dose|ns|d5w|up|peep|ips|cp|pain|way|strength|systolic|diastolic|holosystolic|murmur)\b/i;
// Words before it that make it a vital sign, score or ratio ("BP 130/80", "GCS 3/15").
const VITAL_BEFORE =
  /(?:\b(?:bp|b\/p|gcs|power|strength|ratio|grade|score|murmur|rate|vision|ps|psv|peep|cpap|ips|imv|simv|a\/c|ac|pain|rales|crackles|apgar|sats?)|#)[\s:(]*$/;
const DATE_WORD_BEFORE =
  /(?:\b(?:on|dated|date|since|until|till|from|due|and|or|follow[ -]?up:?|review(?: on)?:?|placed|started|changed|done|drawn|inserted|removed|extubated|intubated|admitted|discharged|d\/c'?d|dc'?d|dced|bm)\s*|\(\s*placed\s*|-\s?)$/;
// Ventilator modes a little before a short pair make it a setting ("PSV of 10/5").
const VENT_NEARBY =
  /\b(?:psv|peep|cpap|bi-?pap|vent|settings|support|flow-?by|imv|simv|ps|a\/c|trach collar)\b/;
// Words a little before "n/10" that make it a pain score.
const PAIN_BEFORE = /\b(?:pain|score|rated|rates|scale|discomfort|cp)\b|#/;
// Common fractions and scores that are rarely dates: 1/2 NS, 1/3 up, strength 5/5.
const FRACTIONS = new Set(["1/2", "1/3", "1/4", "2/3", "3/4"]);

/** Lowercase words this detector looks up in a scan's word index. */
export const DATE_TRIGGERS: ReadonlySet<string> = MONTH_WORDS;

/** Returns date candidates. */
export function detectDates(scan: Scan): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  const add = (start: number, end: number, priority: number): void => {
    const found = candidate(text, start, end, "DATE", priority);
    if (found !== undefined) out.push(found);
  };
  eachMatch(ISO, text, (m) => add(m.index, m.index + m[0].length, 86));
  eachMatch(COMPACT, text, (m) => add(m.index, m.index + m[0].length, 55));
  eachMatch(NUMERIC, text, (m) => {
    // Ventilator settings read like dates: "10/5/50%".
    if (text[m.index + m[0].length] === "%") return;
    if (validNumericDate(m[1]!, m[3]!, m[4]!)) add(m.index, m.index + m[0].length, 66);
  });
  for (const index of occurrences(scan, MONTH_WORDS)) {
    const token = scan.tokens[index]!;
    const day = DAY_BEFORE.exec(text.slice(Math.max(0, token.start - 10), token.start));
    if (day !== null) {
      DAY_MONTH.lastIndex = token.start - day[0].length;
      const m = DAY_MONTH.exec(text);
      if (m !== null && !lowercaseMayVerb(m[0])) add(m.index, m.index + m[0].length, 66);
    }
  }
  eachCue(scan, MONTH_WORDS, MONTH_DAY, (m) => {
    if (!lowercaseMayVerb(m[0])) add(m.index, m.index + m[0].length, 66);
  });
  eachCue(scan, MONTH_WORDS, MONTH_YEAR, (m) => add(m.index, m.index + m[0].length, 60));
  eachMatch(DAY_MONTH_SHORT, text, (m) => {
    const first = Number(m[1]);
    const second = Number(m[2]);
    if (!validDayMonth(first, second)) return;
    // Fractions (1/2), equal small parts (5/5) and scores out of ten (6/10) are not dates
    // unless a date word comes before them ("dated 1/4", "on 3/3").
    const dateWord = DATE_WORD_BEFORE.test(before(text, m.index, 16));
    const painScore = second === 10 && PAIN_BEFORE.test(before(text, m.index, 24));
    const gradeLike = FRACTIONS.has(m[0]) || (first === second && first <= 5) || painScore;
    if (gradeLike && !dateWord) return;
    const end = m.index + m[0].length;
    if (UNIT_AFTER.test(text.slice(end, end + 8))) return;
    // A date word right before wins over a vital sign or ventilator mode further back.
    if (!dateWord && VITAL_BEFORE.test(before(text, m.index, 16))) return;
    if (!dateWord && VENT_NEARBY.test(before(text, m.index, 32))) return;
    add(m.index, end, 50);
  });
  eachMatch(MONTH_SHORT_YEAR, text, (m) => {
    const end = m.index + m[0].length;
    if (UNIT_AFTER.test(text.slice(end, end + 8))) return;
    if (VITAL_BEFORE.test(before(text, m.index, 16))) return;
    add(m.index, end, 48);
  });
  return out;
}

/** True for "2 may" or "may 3" without a year or ordinal, where "may" is likely the verb. */
function lowercaseMayVerb(found: string): boolean {
  return /\bmay\b/.test(found) && !/\d{4}|'\d{2}|\d(?:st|nd|rd|th)/i.test(found);
}

function validNumericDate(first: string, second: string, year: string): boolean {
  // Year first: 2024/03/15 has a 4-digit first part and a 2-digit last part.
  if (first.length === 4) return Number(second) >= 1 && Number(second) <= 12 && year.length <= 2;
  if (first.length > 2) return false;
  return validDayMonth(Number(first), Number(second));
}

/** True when two numbers can be a day and a month in either order. */
function validDayMonth(a: number, b: number): boolean {
  if (a < 1 || b < 1) return false;
  return (a <= 12 && b <= 31) || (b <= 12 && a <= 31);
}
