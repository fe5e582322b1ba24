import type { Candidate, Label } from "../labels";
import { candidate } from "./scan";
import { eachCue, leadingWords, type Scan } from "./tokens";

// Identifier numbers found by the word that introduces them: "MRN: E33523500",
// "Member ID 57265486G", "A/c No. 75146362974406", "serial XOI-1105-7480". The value is
// one token of letters and digits, joined by - / . or by a single space before digits;
// it must contain a digit.

interface Cue {
  label: Label;
  words: string;
}

// Each entry is a regular-expression alternation over the cue words, matched without case.
const CUES: Cue[] = [
  {
    label: "MRN",
    words:
      "mrn|mr\\s?no|medical record(?: number)?|uhid|ip\\s?(?:no|number)|ipd\\s?(?:no|number)|" +
      "opd\\s?(?:no|number)|op\\s?no|" +
      "lab\\s?no|lab\\s?id|specimen\\s?id|sample\\s?(?:id|no)|accession(?:\\s?no)?|" +
      "hospital\\s?no|case\\s?no|patient\\s?id|cr\\s?no|reg(?:istration)?\\.?\\s?no|" +
      "admission\\s?no|encounter(?:\\s?id)?|visit\\s?id|record",
  },
  {
    label: "ACCOUNT",
    words:
      "acct|account(?:\\s?number|\\s?no)?|a\\/c\\s?(?:no|number)|invoice(?:\\s?no)?|" +
      "bill(?:ing)?(?:\\s?no)?|receipt(?:\\s?no)?|transaction(?:\\s?id)?|utr",
  },
  {
    label: "HEALTH_PLAN",
    words:
      "member\\s?id|policy(?:\\s?no|\\s?number)?|insurance(?:\\s?no|\\s?id|\\s?number)?|" +
      "beneficiary(?:\\s?card|\\s?id)?|subscriber(?:\\s?id)?|group\\s?(?:no|number)|" +
      "medicaid(?:\\s?id)?|secondary\\s?id|plan\\)?,?\\s?id|claim(?:\\s?no)?|" +
      "pmjay(?:\\s?id)?|ayushman(?:\\s?card)?|tpa\\s?id|esic(?:\\s?no)?|cghs(?:\\s?card)?",
  },
  { label: "DEVICE_ID", words: "serial(?:\\s?(?:no|number|#))?|s\\/n|imei|device\\s?id|udi" },
  { label: "PASSPORT", words: "passport(?:\\s?no|\\s?number)?" },
  {
    label: "DRIVING_LICENSE",
    words: "driving\\s?licen[cs]e|driver'?s\\s?licen[cs]e|driver's|dl\\s?no|licen[cs]e\\s?no",
  },
  { label: "VEHICLE", words: "plate|licen[cs]e\\s?plate|vehicle(?:\\s?no)?|registration\\s?plate" },
  { label: "VOTER_ID", words: "voter\\s?id|epic(?:\\s?no)?" },
  { label: "SSN", words: "ssn|social\\s?security(?:\\s?number|\\s?no)?" },
  { label: "AADHAAR", words: "aadhaa?r(?:\\s?no|\\s?number)?|uid" },
  { label: "ABHA_NUMBER", words: "abha(?:\\s?no|\\s?number)?|health\\s?id" },
  {
    label: "OTHER_ID",
    words:
      "ref(?:erence)?\\s?(?:#|no|number)|certificate\\s?no|licen[cs]e\\s?#|" +
      "policy\\s?#|id\\s?(?:no|number|#)|token\\s?no|employee\\s?id|staff\\s?id|id",
  },
];

// Filler allowed between the cue and the value: punctuation, "No.", "number", "is",
// "(EPIC)", "details are". Bounded so the scan stays linear.
const FILLER =
  "(?:[\\s.:#=(),-]{0,4}(?:no|number|num|is|was|to|of|id|details are|\\(epic\\)|card)?){0,3}[\\s.:#=(-]{0,4}";
const VALUE = "([A-Z0-9][A-Za-z0-9]*(?:(?:[-/.]| (?=\\d))[A-Za-z0-9]+){0,5})";

const PATTERNS = CUES.map((cue) => ({
  label: cue.label,
  // Tried only where a token is a cue's first word, so the pattern is sticky.
  triggers: leadingWords(cue.words.split("|")),
  pattern: new RegExp(`(?:${cue.words})\\b${FILLER}${VALUE}(?![\\w@])`, "dyi"),
}));

/**
 * True when a value after a bare "ID" reads as an identifier: "ID 3WX8-QP4-EA50" in a
 * sentence, not an "ID:" section heading of a nursing note ("ID: Tmax 100.4").
 */
function bareIdValue(text: string, index: number, value: string): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  if (text.slice(lineStart, index).trim() === "") return false;
  if (/\s/.test(value)) return false;
  return value.replace(/[^A-Za-z0-9]/g, "").length >= 6;
}

/** Lowercase words that start a cue, for a scan's word index. */
export const CUED_TRIGGERS: ReadonlySet<string> = new Set(PATTERNS.flatMap((p) => [...p.triggers]));

/** Returns candidates for identifier numbers introduced by a cue word. */
export function detectCued(scan: Scan): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  for (const { label, triggers, pattern } of PATTERNS) {
    eachCue(scan, triggers, pattern, (m) => {
      const range = m.indices?.[1];
      if (range === undefined) return;
      const value = m[1]!;
      // A value needs a digit and at least three characters ("OPD No.: 1548/21"). After a
      // bare "ID" it needs six, so the heading "ID: 11/4" (infectious disease) stays.
      if (!/\d/.test(value) || value.length < 3) return;
      if (/^id\b/i.test(m[0]) && !bareIdValue(text, m.index, value)) return;
      const found = candidate(text, range[0], range[1], label, 88);
      if (found !== undefined) out.push(found);
    });
  }
  return out;
}
