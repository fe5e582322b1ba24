import { verhoeffValid } from "../checksums";
import { INDIAN_RTO_CODES } from "../data/places";
import type { Candidate, Label } from "../labels";
import { before, candidate, eachMatch } from "./scan";

// Identifiers with a fixed shape that need no context: emails, URLs, IP addresses,
// ABHA addresses, Aadhaar, PAN, ABHA numbers, SSNs, voter IDs, Indian driving licences
// and vehicle registrations. Priorities: 90 for self-evident shapes, 70 for shapes that
// also need a checksum or range test to pass.

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const URL = /(?<![\w/.])(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/gi;
const HANDLE = /(?<![\w.%+-])[A-Za-z0-9][\w.-]*@([a-z]+)\b(?![.-]?\w)/g;
const IPV4 =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g;
const IPV6 = /(?<![\w:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;
// A 4-digit group right before (as in a 16-digit card number) rules a match out.
const AADHAAR = /(?<![\w-]|(?:^|[\s(:])\d{4}[ -])[2-9]\d{3}([ -])\d{4}\1\d{4}(?![\w]|[ -]\d)/g;
const AADHAAR_PLAIN = /(?<![\w-])[2-9]\d{11}(?![\w])/g;
const AADHAAR_MASKED = /(?<![\w*])(?:[Xx]{4}|\*{4})([ -]?)(?:[Xx]{4}|\*{4})\1\d{4}(?![\w]|[ -]\d)/g;
const ABHA_NUMBER =
  /(?<![\w-]|(?:^|[\s(:])\d{4}[ -])\d{2}([ -]?)\d{4}\1\d{4}\1\d{4}(?![\w]|[ -]\d)/g;
const PAN = /(?<![\w])[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![\w])/g;
const VOTER_ID = /(?<![\w])[A-Z]{3}\d{7}(?![\w])/g;
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w]|-\d)/g;
const SSN_SPACED = /(?<![\w-])(?!000|666|9\d\d)\d{3} (?!00)\d{2} (?!0000)\d{4}(?![\w]| \d)/g;
const SSN_MASKED = /(?<![\w*-])(?:\*{3}|[Xx]{3})-(?:\*{2}|[Xx]{2})-\d{4}(?![\w])/g;
const INDIAN_DL = /(?<![\w-])[A-Z]{2}[ -]?\d{2}[ -]?(?:19|20)\d{2}[ -]?\d{7}(?![\w])/g;
// Bharat series registration: 21 BH 1246 LX (year, BH, four digits, one or two letters).
const BHARAT_VEHICLE = /(?<![\w-])\d{2}[ -]?BH[ -]?\d{4}[ -]?[A-Z]{1,2}(?![\w])/g;
const INDIAN_VEHICLE = /(?<![\w-])([A-Z]{2})[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}(?![\w])/g;

const RTO_CODES = new Set(INDIAN_RTO_CODES.split(/\s+/).filter((code) => code.length > 0));
const ABHA_DOMAINS = new Set(["abdm", "sbx"]);

type Push = (candidate: Candidate | undefined) => void;

/** Returns candidates for the identifiers whose shape alone identifies them. */
export function detectStructured(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push: Push = (found) => {
    if (found !== undefined) out.push(found);
  };
  detectContacts(text, push);

  // Every remaining identifier has a run of at least four digits, which half the text of
  // the evaluation sets lacks; one simple pattern is cheaper than the dozen it gates.
  if (!HAS_4_DIGITS.test(text)) return out;
  detectIndianIds(text, push);
  detectUsIds(text, push);
  return out;
}

const HAS_4_DIGITS = /\d{4}/;
const HAS_7_DIGITS = /\d{7}/;
const HAS_12_DIGITS = /\d{12}/;

// Quick tests that let a text without "@", "x:y:", a URL start or "d.d.d" skip the
// costlier patterns.
const HAS_IPV6_SHAPE = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/;
const HAS_URL_START = /https?:\/\/|www\./i;
const HAS_IPV4_SHAPE = /\d\.\d{1,3}\.\d/;

function detectContacts(text: string, push: Push): void {
  if (HAS_URL_START.test(text)) {
    eachMatch(URL, text, (m) => push(candidate(text, m.index, m.index + m[0].length, "URL", 95)));
  }
  if (HAS_IPV4_SHAPE.test(text)) {
    eachMatch(IPV4, text, (m) =>
      push(candidate(text, m.index, m.index + m[0].length, "IP_ADDRESS", 90)),
    );
  }
  if (HAS_IPV6_SHAPE.test(text)) detectIpv6(text, push);
  if (text.includes("@")) detectAtSign(text, push);
}

function detectAtSign(text: string, push: Push): void {
  eachMatchAtLocalPart(EMAIL_STICKY, text, (m) =>
    push(candidate(text, m.index, m.index + m[0].length, "EMAIL", 95)),
  );
  eachMatchAtLocalPart(HANDLE_STICKY, text, (m) => {
    // `user@abdm` is an ABHA address; other bare handles (`name@upi`) are payment IDs.
    const label: Label = ABHA_DOMAINS.has(m[1]!) ? "ABHA_ADDRESS" : "ACCOUNT";
    push(candidate(text, m.index, m.index + m[0].length, label, 95));
  });
}

const EMAIL_STICKY = new RegExp(EMAIL.source, "y");
const HANDLE_STICKY = new RegExp(HANDLE.source, "y");

/**
 * Calls `visit` for each match of a sticky EMAIL or HANDLE pattern, in the order and with
 * the results of a global scan. Both patterns can only start where the longest run of
 * [\w.%+-] characters right before an "@" starts, so only those places are tried.
 */
function eachMatchAtLocalPart(
  sticky: RegExp,
  text: string,
  visit: (match: RegExpExecArray) => void,
): void {
  let next = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && isLocalPartChar(text.charCodeAt(start - 1))) start -= 1;
    if (start < next || start === at) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match === null) continue;
    visit(match);
    next = start + match[0].length;
  }
}

/** Returns true for the characters of the class [\w.%+-]. */
function isLocalPartChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 46 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

function detectIpv6(text: string, push: Push): void {
  eachMatch(IPV6, text, (m) => {
    // A clock time has at most two colons and no "::"; an IPv6 address has one or the other.
    const colons = m[0].split(":").length - 1;
    if (m[0].includes("::") || colons === 7) {
      push(candidate(text, m.index, m.index + m[0].length, "IP_ADDRESS", 90));
    }
  });
}

const HAS_MASK = /[Xx*]{3}/;

function detectIndianIds(text: string, push: Push): void {
  const aadhaar = (m: RegExpExecArray): void => {
    const digits = m[0].replace(/\D/g, "");
    const cued = before(text, m.index, 40).includes("aadhaar");
    if (cued || verhoeffValid(digits)) {
      push(candidate(text, m.index, m.index + m[0].length, "AADHAAR", cued ? 92 : 70));
    }
  };
  eachMatch(AADHAAR, text, aadhaar);
  if (HAS_MASK.test(text)) {
    eachMatch(AADHAAR_MASKED, text, (m) =>
      push(candidate(text, m.index, m.index + m[0].length, "AADHAAR", 90)),
    );
  }
  eachMatch(ABHA_NUMBER, text, (m) =>
    push(candidate(text, m.index, m.index + m[0].length, "ABHA_NUMBER", 75)),
  );
  eachMatch(PAN, text, (m) => push(candidate(text, m.index, m.index + m[0].length, "PAN", 90)));
  detectVehicles(text, push);
  // Voter IDs, driving licences and plain Aadhaar numbers have a run of 7 or 12 digits.
  if (!HAS_7_DIGITS.test(text)) return;
  if (HAS_12_DIGITS.test(text)) eachMatch(AADHAAR_PLAIN, text, aadhaar);
  eachMatch(VOTER_ID, text, (m) =>
    push(candidate(text, m.index, m.index + m[0].length, "VOTER_ID", 75)),
  );
  eachMatch(INDIAN_DL, text, (m) => {
    if (RTO_CODES.has(m[0].slice(0, 2))) {
      push(candidate(text, m.index, m.index + m[0].length, "DRIVING_LICENSE", 80));
    }
  });
}

function detectVehicles(text: string, push: Push): void {
  eachMatch(BHARAT_VEHICLE, text, (m) =>
    push(candidate(text, m.index, m.index + m[0].length, "VEHICLE", 80)),
  );
  eachMatch(INDIAN_VEHICLE, text, (m) => {
    if (RTO_CODES.has(m[1]!)) {
      push(candidate(text, m.index, m.index + m[0].length, "VEHICLE", 80));
    }
  });
}

function detectUsIds(text: string, push: Push): void {
  if (HAS_MASK.test(text)) {
    eachMatch(SSN_MASKED, text, (m) =>
      push(candidate(text, m.index, m.index + m[0].length, "SSN", 90)),
    );
  }
  eachMatch(SSN, text, (m) => push(candidate(text, m.index, m.index + m[0].length, "SSN", 85)));
  eachMatch(SSN_SPACED, text, (m) => {
    if (/\b(?:ssn|social security)\b/.test(before(text, m.index, 30))) {
      push(candidate(text, m.index, m.index + m[0].length, "SSN", 90));
    }
  });
}
