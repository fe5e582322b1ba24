import type { Candidate } from "../labels";
import { before, candidate, eachMatch, hasFiveDigits } from "./scan";
import { eachCue, type Scan } from "./tokens";

// US and Indian telephone numbers. A number counts as FAX when "fax" appears shortly
// before it; pager numbers need a pager cue because they are only 4 to 5 digits.

// NANP: optional +1 or 1, then (206) 555-0159, 206-555-0159, 206.555.0159 or 206 555 0159.
const US_PHONE =
  /(?<![\w+.])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w]|[.-]\d)/g;
// Ten digits grouped 3-3-4 with any light separators: 201/324/1423, 212- 476- 8356,
// 202 2671093. Tried after the stricter shapes, at a lower priority.
const LOOSE_PHONE = /(?<![\w+./])\(?[2-9]\d{2}\)?[ ./-]{0,2}\d{3}[ ./-]{0,2}\d{4}(?![\w]|[./-]\d)/g;
// Indian mobile: +91 98765 43210, 098765-43210, 09876543210, 98765 43210, 9876543210.
const IN_MOBILE = /(?<![\w+-])(?:\+91[ -]?|0)?[6-9]\d{4}[ -]?\d{5}(?![\w])/g;
// Indian landline: 080-2345 6789, 0253-4917486, (0253) 2763580, +91 487 2870520.
const IN_LANDLINE =
  /(?<![\w+(-])(?:\+91[ -]?\d{2,4}|\(0\d{2,4}\)|0\d{2,4})[ -]?\d{3,4}[ -]?\d{3,4}(?![\w]|[ -]\d)/g;
const PAGER_CUES = new Set(["pager", "beeper", "pg", "bleep"]);
const PAGER = /(?:pager|beeper|pg|bleep)\b[ .:#-]*(?:number|no\.?|#)?[ .:#]*(\d{4,5})(?!\w)/diy;

/** Lowercase words this detector looks up in a scan's word index. */
export const PHONE_TRIGGERS: ReadonlySet<string> = PAGER_CUES;

/** Returns phone, fax and pager number candidates. */
export function detectPhones(scan: Scan): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  const add = (start: number, end: number, priority: number): void => {
    const label = /\bfax\b/.test(before(text, start, 24)) ? "FAX" : "PHONE";
    const found = candidate(text, start, end, label, priority);
    if (found !== undefined) out.push(found);
  };
  eachMatch(US_PHONE, text, (m) => add(m.index, m.index + m[0].length, 65));
  eachMatch(LOOSE_PHONE, text, (m) => add(m.index, m.index + m[0].length, 40));
  // An Indian mobile number ends with five digits in a row.
  if (hasFiveDigits(text)) {
    eachMatch(IN_MOBILE, text, (m) => add(m.index, m.index + m[0].length, 65));
  }
  eachMatch(IN_LANDLINE, text, (m) => {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits >= 10 && digits <= 12) add(m.index, m.index + m[0].length, 64);
  });
  eachCue(scan, PAGER_CUES, PAGER, (m) => {
    const range = m.indices?.[1];
    if (range !== undefined) add(range[0], range[1], 60);
  });
  return out;
}
