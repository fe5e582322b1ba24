import type { Candidate } from "../labels";
import { candidate, eachMatch } from "./scan";
import { eachCue, type Scan } from "./tokens";

// Ages of 90 and over, which HIPAA Safe Harbor folds into "90+". Only the digits are the
// span. Ages up to 89 stay.

const AGE = "(9\\d|1[0-2]\\d)";
// 92 y/o, 101 yrs, 90-year-old, 98 yo, 94 Y / female, 100/F.
const AGE_WITH_UNIT = new RegExp(
  `(?<![\\w.\\/-])${AGE}(?=\\s?-?\\s?(?:y(?:ears?|rs?|r|o)?\\b|y\\/o|y\\.o\\.?|year-old|yr-old|\\/[MF]\\b))`,
  "dgi",
);
// Age: 92, Age/Sex: 101, aged 95, alive at 95, at age 91.
const AGE_CUES = new Set(["age", "aged", "alive", "died", "at"]);
const AGE_WITH_CUE = new RegExp(
  `(?:age(?:\\s?\\/\\s?(?:sex|gender))?|aged|alive at|died at|at age)\\s?[:-]?\\s*${AGE}(?![\\w.]|\\.\\d)`,
  "dyi",
);

/** Lowercase words this detector looks up in a scan's word index. */
export const AGE_TRIGGERS: ReadonlySet<string> = AGE_CUES;

/** Returns candidates for ages over 89. */
export function detectAges(scan: Scan): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  const visit = (m: RegExpExecArray): void => {
    const range = m.indices?.[1];
    if (range === undefined) return;
    const found = candidate(text, range[0], range[1], "AGE_OVER_89", 62);
    if (found !== undefined) out.push(found);
  };
  eachMatch(AGE_WITH_UNIT, text, visit);
  eachCue(scan, AGE_CUES, AGE_WITH_CUE, visit);
  return out;
}
