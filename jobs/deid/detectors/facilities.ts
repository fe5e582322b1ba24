import type { Candidate } from "../labels";
import { eachCue, gap, type Scan, tokenize } from "./tokens";

// Facility names (hospitals, clinics, rehabilitation centres) as LOCATION. Only the
// distinctive words before the facility word are the span ("Kessler" in "Kessler Medical
// Center"), as in the i2b2 and PhysioNet annotation conventions.

const FACILITY_TRIGGERS = new Set(
  `hospital hosp medical health clinic nursing rehab rehabilitation memorial infirmary institute
  healthcare care diagnostics sanatorium hospice`.split(/\s+/),
);
const FACILITY_WORD =
  /(?:hospital|hosp|medical cent(?:er|re)|health system|health cent(?:er|re)|clinic|nursing home|rehab|rehabilitation|memorial|infirmary|institute|medical college|healthcare|care cent(?:er|re)|diagnostics|sanatorium|hospice)(?![\w])/iy;
const STOP = new Set(
  `the a an to from at in of on our his her their this that same another local outside
  other previous prior transferred transfer admitted sent per for with by and or was is
  went go going back returned home via into nearest near any community general state
  city county university teaching private government civil district rural main new old
  pt patient he she they`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/** Lowercase words this detector looks up in a scan's word index. */
export const FACILITY_TRIGGERS_WORDS: ReadonlySet<string> = FACILITY_TRIGGERS;

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
      first = i;
    }
    if (first < 0) return;
    // "hospital stay", "hospital course": the facility word is used as an ordinary noun.
    if (
      /^\s+(?:stay|course|admission|days?|policy|bed|acquired|visit|records?)\b/i.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 12),
      )
    ) {
      return;
    }
    const lastWord = words[words.length - 1]!;
    out.push({
      start: windowStart + words[first]!.start,
      end: windowStart + lastWord.end,
      label: "LOCATION",
      priority: 42,
    });
  });
  return out;
}
