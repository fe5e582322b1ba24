// Words and patterns that introduce or surround a person's name in clinical notes:
// titles, field labels, family words, sign-offs, relation markers and credentials.

export const TITLES = new Set([
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
  // House officer and nurse practitioner, written before a name in nursing notes.
  "ho",
  "np",
]);
// Field labels before a name, as lowercase word sequences. Strong labels take any
// capitalized word; weak ones (From, To, cc) need a listed name or two capitalized words.
export const STRONG_FIELDS = phraseSet(`
patient|patient's name|patient name|pt|pt name|name|ordering|ordering physician|ordering provider|
attending|attending physician|consultant|ref by|referred by|referring doctor|referring physician|
signed|signed by|reported by|verified by|dictated by|transcribed by|seen with|seen by|pcp|
guardian|informant|emergency contact|next of kin|proxy|attendant|radiologist|pathologist|
surgeon|physician|provider|case manager|social worker|contact person|reply from|helpdesk reply|
author|prepared by|approved by|examined by|sender|technologist|technician|nurse|dietitian|
pharmacist|therapist|physiotherapist|counsellor|counselor|account holder|holder|in charge|
regards|sincerely|thanks|thank you|yours|yours truly|best|warmly|cheers`);
export const WEAK_FIELDS = phraseSet("from|to|cc|recipient|dear|hi|hello|thanks|regards");
// Words before a relative's or contact's name: "brought by brother Ravi", "SON DAVID".
export const FAMILY_WORDS = phraseSet(`
son|daughter|dtr|wife|husband|brother|sister|mother|father|mom|dad|nephew|niece|grandson|
granddaughter|grandchild|friend|neighbor|neighbour|partner|fiance|fiancee|aunt|uncle|cousin|
caseworker|case worker|hcp|guardian|brought by|accompanied by|in-law|daughter-in-law|
son-in-law|sibling|stepson|stepdaughter|girlfriend|boyfriend|companion|roommate|spouse|
named|called|sister-in-law|brother-in-law|mother-in-law|father-in-law|caregiver|wife's|
spoke with|talked with|spoke to|talked to|met with|reach|rabbi|chaplain|pastor|priest|
proxy|hcp|poa|grandmother|grandfather|granddaughter|stepmother|stepfather`);

/** Phrases plus the set of their last words, so most tokens are rejected by one lookup. */
export interface PhraseSet {
  phrases: Set<string>;
  lastWords: Set<string>;
}

// Closing words after which the next line is the writer's name: "Thanks and regards,\nArt".
export const SIGN_OFFS = new Set([
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
export const FIELD_LAST_WORDS = new Set([...STRONG_FIELDS.lastWords, ...WEAK_FIELDS.lastWords]);

export function phraseSet(list: string): PhraseSet {
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

export const RELATION = /(?<![\w])([SWDCB])\/[Oo]\.?\s*/dg;
export const CREDENTIAL =
  /(?:,\s?(?:MD|M\.D\.|DO|RN|RRT|NP|PA-C|PA|MBBS|MS|DNB|FRCS|MRCP|PhD|DM|MCh|BSN|LPN|CNA|RPh|PharmD|DDS|LCSW|MSW|APRN|CRNP)|\s(?:MD|RN|RRT|MBBS|rn|rrt)|,\s?(?:rn|rrt))\b/g;

// Words after a capital initial that make it a genus or rhythm, not a person: "E. coli".
export const NOT_SURNAMES_AFTER_INITIAL = new Set(
  `coli aureus diff difficile pneumoniae faecalis faecium epidermidis influenzae fib flutter
  cloacae aeruginosa albicans glabrata marcescens mirabilis vulgaris jejuni pylori`.split(/\s+/),
);

// Words next to "X. Surname" that make it a person.
export const PERSON_AFTER = new Set(
  "aware notified called ordered paged informed updated present here rn md np pa rrt placing".split(
    " ",
  ),
);
export const PERSON_BEFORE = new Set([
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
