import type { Candidate } from "../labels";
import { NOT_NAMES, readsAsEnglishWord } from "../lexicon";
import { eachCue, gap, occurrences, type Scan, tokenize } from "./tokens";

// Facility names (hospitals, clinics, rehabilitation centres) as LOCATION. Only the
// distinctive words before the facility word are the span ("Kessler" in "Kessler Medical
// Center"), as in the i2b2 and PhysioNet annotation conventions.

const FACILITY_TRIGGERS = new Set(
  `hospital hosp medical health clinic nursing rehab rehabilitation memorial infirmary institute
  healthcare care diagnostics sanatorium hospice regional campus house`.split(/\s+/),
);
const FACILITY_WORD =
  /(?:hospital|hosp|medical cent(?:er|re)|health system|health cent(?:er|re)|clinic|nursing home|rehab|rehabilitation|memorial|infirmary|institute|medical college|healthcare|care cent(?:er|re)|diagnostics|sanatorium|hospice|campus|house)(?![\w])/iy;
const STOP = new Set(
  `the a an to from at in of on our his her their this that same another local outside
  other previous prior transferred transfer admitted sent per for with by and or was is
  went go going back returned home via into nearest near any community general state
  city county university teaching private government civil district rural main new old
  pt patient he she they begin cardiac pulmonary physical inpatient outpatient acute subacute
  cont continue with start started for will need needs require requires leave help re
  email contact concerning screening screen arrange con't awaiting through er ew ed`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

const MOVE_VERBS_LIST = `transferred transfered transfer trans admitted readmitted went sent
  referred brought came arrived discharged moved returned return transported presented taken`
  .split(/\s+/)
  .filter((word) => word.length > 0);

/** Lowercase words this detector looks up in a scan's word index. */
export const FACILITY_TRIGGERS_WORDS: ReadonlySet<string> = new Set([
  ...FACILITY_TRIGGERS,
  ...MOVE_VERBS_LIST,
  "st",
  "saint",
  "to",
  "on",
  "from",
  "at",
  "in",
  "into",
]);

/** Returns LOCATION candidates for the distinctive words of facility names. */
export function detectFacilities(scan: Scan): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  const allLower = text === text.toLowerCase();
  eachCue(scan, FACILITY_TRIGGERS, FACILITY_WORD, (m) => {
    // Look at the words on the same line right before the facility word.
    const lineStart = text.lastIndexOf("\n", m.index - 1) + 1;
    const windowStart = Math.max(lineStart, m.index - 60);
    const words = tokenize(text.slice(windowStart, m.index));
    let first = -1;
    for (let i = words.length - 1; i >= 0 && words.length - i <= 4; i -= 1) {
      const word = words[i]!;
      const next = words[i + 1];
      const between =
        next === undefined
          ? text.slice(windowStart + word.end, m.index)
          : gap(text.slice(windowStart), word, next);
      if (!/^\s{1,2}$|^'s\s$/.test(between)) break;
      if (STOP.has(word.lower) || word.text.length < 2) break;
      // In mixed-case text a facility name is capitalized; in all-capitals text any word is.
      if (word.shape === "lower" && !allLower) break;
      if (word.shape !== "capitalized" && readsAsEnglishWord(word.lower)) break;
      first = i;
    }
    if (first < 0) return;
    // "hospital stay", "hospital course": the facility word is used as an ordinary noun.
    if (
      /^\s+(?:stay|course|admission|days?|policy|bed|acquired|visit|records?|staff|officers?|diet)\b/i.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 12),
      )
    ) {
      return;
    }
    const lastWord = words[words.length - 1]!;
    // Memorial, Regional and Campus belong to the name itself ("Harford Memorial").
    const partOfName = /^(?:memorial|regional|campus)$/i.test(m[0]);
    out.push({
      start: windowStart + words[first]!.start,
      end: partOfName ? m.index + m[0].length : windowStart + lastWord.end,
      label: "LOCATION",
      priority: 42,
    });
  });
  return out;
}

// A place named after a movement verb: "transferred to GH", "arrived from Kernan",
// "admitted to CALVERT". The words taken must not be ordinary clinical destinations.
const MOVE_VERBS = new Set(MOVE_VERBS_LIST);
const NOT_PLACES = new Set(
  `floor unit icu ccu micu sicu csru ctu pacu or er ew ed ems cath lab rehab home house room
  bed ward service team hospital hosp clinic nursing the a an his her their this that our same
  another outside other medicine surgery cardiology step down stepdown telemetry tele us you
  me him them it floors cvicu nicu picu radiology ir ct mri xray x-ray dialysis hd or pt
  recovery holding area bay ambulance pcu neuro av sr nsr baseline normal sinus stage grade
  level pm am aprox approx about around rate paced pacing vent rr hr bp sbp map cvp pad pap
  sat sats fio2 peep ps psv cpap bipap nc mask trach room-air day days hour level dose step
  phase post pod week month class type size receive recieve transfuse transfused maintain
  complete advanced within currently bedside angio aline levophed commode hospice triple give
  keep start increase decrease wean titrate continue run units unit leave arrive help
  previous completely pharmacy catscan bedpan noon radiation rle lle rue lue ra la tlc tsicu
  vicu va oh cmh commode`.split(/\s+/),
);

/** Returns LOCATION candidates for the place after a movement verb and to/from/at. */
export function detectPlacesAfterMoves(scan: Scan): Candidate[] {
  const { text, tokens } = scan;
  const out: Candidate[] = [...detectSaints(scan), ...detectNumberedWards(scan)];
  for (const i of occurrences(scan, MOVE_VERBS)) {
    if (i + 2 >= tokens.length) continue;
    const preposition = tokens[i + 1]!;
    if (!/^(?:to|from|at)$/.test(preposition.lower)) continue;
    let first = i + 2;
    if (tokens[first]!.lower === "the") first += 1;
    const place = tokens[first];
    if (place === undefined || place.start - preposition.end > 4) continue;
    if (NOT_PLACES.has(place.lower) || NOT_NAMES.has(place.lower) || place.text.length < 2)
      continue;
    // Without case evidence a short word must look like a hospital acronym (GH, GBMC).
    const caseless = text === text.toUpperCase() || text === text.toLowerCase();
    if (caseless && place.text.length < 4 && !/^[a-z]{0,3}(?:h|mc)$/i.test(place.text)) continue;
    // "RETURNED TO PREVIOUS SETTING", "DAUGHTER TO ARRIVE": ordinary words, not names.
    if (place.shape !== "capitalized" && readsAsEnglishWord(place.lower)) continue;
    // In mixed-case text a place name is capitalized or an acronym.
    const mixed = text !== text.toUpperCase() && text !== text.toLowerCase();
    if (mixed && place.shape === "lower") continue;
    let last = first;
    const next = tokens[first + 1];
    if (
      next !== undefined &&
      gap(text, place, next) === " " &&
      next.shape === place.shape &&
      !NOT_PLACES.has(next.lower) &&
      !NOT_NAMES.has(next.lower) &&
      !STOP.has(next.lower) &&
      place.shape !== "lower"
    ) {
      last = first + 1;
    }
    out.push({ start: place.start, end: tokens[last]!.end, label: "LOCATION", priority: 41 });
  }
  return out;
}

// "St. Agnes", "Saint Joseph": a saint's name is a hospital in clinical notes.
// "ST" alone is usually the ST segment, so all-capitals needs the dot: "ST. AGNES".
const SAINT = /(?:St\.?|ST\.|Saint|SAINT) ([A-Z][a-z]+|[A-Z]{3,})(?:['’][sS])?(?![\w])/y;
const SAINT_WORDS = new Set(["st", "saint"]);
const ST_SEGMENT_WORDS = new Set(
  "remains high low one elevation elevations depression depressions changes segment with".split(
    " ",
  ),
);

function detectSaints(scan: Scan): Candidate[] {
  const out: Candidate[] = [];
  eachCue(scan, SAINT_WORDS, SAINT, (m) => {
    const name = m[1]!.toLowerCase();
    if (NOT_NAMES.has(name) || NOT_PLACES.has(name) || STOP.has(name)) return;
    // "ST. ELEVATION", "ST. REMAINS": the ST segment or sinus tachycardia before a word.
    if (m[1] === m[1]!.toUpperCase() && (ST_SEGMENT_WORDS.has(name) || readsAsEnglishWord(name))) {
      return;
    }
    // Above the name rules, so "St. Mary's" stays one place instead of a name and a leftover.
    out.push({ start: m.index, end: m.index + m[0].length, label: "LOCATION", priority: 46 });
  });
  return out;
}

// A ward named after a place: "to Quartermain 2", "ON QUARTERMAIN 3" (a word and a
// one-digit ward number after to/on/from/at/in, with no unit after the number).
const WARD_AFTER =
  /^ ?[1-9](?![\d%:]|\.\d|\s?(?:mg|mcg|ml|cc|units?|u|l|lpm|x|hrs?|min|days?|weeks?|am|pm|times|liters?|l\/min|g|gm|grams?|meq|mmol)s?\b)/i;
const WARD_PREPOSITIONS = new Set(["to", "on", "from", "at", "in", "into"]);

// Short words shaped like a hospital acronym (GH, GBMC) that are ordinary English.
const NOT_ACRONYMS = new Set(
  `ah oh uh eh huh with each both much such high rush path bath push wish dish cash lush hush
  cath mech ch nph etoh cvvh usoh nh nesh wh th wash gsh bath teach reach beach cmh`.split(/\s+/),
);

function detectNumberedWards(scan: Scan): Candidate[] {
  const { text, tokens } = scan;
  const out: Candidate[] = [];
  for (const i of occurrences(scan, WARD_PREPOSITIONS)) {
    const word = tokens[i + 1];
    // "to gh", "at GH", "into GBMC": a hospital acronym after a preposition.
    if (
      word !== undefined &&
      word.start - tokens[i]!.end <= 2 &&
      /^[a-z]{0,3}(?:h|mc)$/i.test(word.text) &&
      word.text.length >= 2 &&
      !NOT_ACRONYMS.has(word.lower) &&
      !NOT_NAMES.has(word.lower) &&
      (word.shape === "upper" || text === text.toLowerCase() || word.shape === "lower")
    ) {
      out.push({ start: word.start, end: word.end, label: "LOCATION", priority: 41 });
      continue;
    }
    if (word === undefined || word.text.length < 5 || NOT_PLACES.has(word.lower)) continue;
    if (STOP.has(word.lower) || !WARD_AFTER.test(text.slice(word.end, word.end + 12))) continue;
    // A lowercase word needs some length: "to quartermain 2", not "on neo 2".
    if (word.shape === "lower" && word.text.length < 6) continue;
    out.push({ start: word.start, end: word.end, label: "LOCATION", priority: 41 });
  }
  return out;
}
