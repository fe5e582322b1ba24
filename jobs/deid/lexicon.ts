import { NAME_WORDS_THAT_ARE_COMMON, NOT_NAME_WORDS } from "./data/common-words";
import { EPONYM_SURNAMES, EPONYM_TRIGGERS } from "./data/eponyms";
import { INDIAN_GIVEN_NAMES, INDIAN_SURNAMES } from "./data/indian-names";
import { INDIAN_CITIES, INDIAN_STATES, US_CITIES, US_STATE_CODES } from "./data/places";
import { WESTERN_GIVEN_NAMES, WESTERN_SURNAMES } from "./data/western-names";

// Word sets built once from the data modules. Every set contains lowercase words, except the
// state code set, which keeps the USPS capitals.

function words(...lists: string[]): Set<string> {
  const set = new Set<string>();
  for (const list of lists) {
    for (const word of list.split(/\s+/)) {
      if (word.length > 0) set.add(word);
    }
  }
  return set;
}

export const GIVEN_NAMES = words(WESTERN_GIVEN_NAMES, INDIAN_GIVEN_NAMES);
export const SURNAMES = words(WESTERN_SURNAMES, INDIAN_SURNAMES);
export const COMMON_WORD_NAMES = words(NAME_WORDS_THAT_ARE_COMMON);
export const NOT_NAMES = words(NOT_NAME_WORDS);
export const EPONYMS = words(EPONYM_SURNAMES);
export const EPONYM_NEXT_WORDS = words(EPONYM_TRIGGERS);
export const STATE_CODES = words(US_STATE_CODES);
export const INDIAN_STATE_NAMES = phrases(INDIAN_STATES);

/** City names as lowercase phrases, multi-word ones with a single space ("el paso"). */
export const CITIES = phrases(INDIAN_CITIES, US_CITIES);

function phrases(...lists: string[]): Set<string> {
  return new Set([...words(...lists)].map((entry) => entry.replaceAll("_", " ")));
}

/** True when a word is a listed given name or surname. */
export function isListedName(lower: string): boolean {
  return GIVEN_NAMES.has(lower) || SURNAMES.has(lower);
}

// Endings and words that mark an ordinary English word rather than a name.
const WORD_ENDINGS = /(?:ing|ed|ly|ble|ful|ous|tion|ness)$/;
const FUNCTION_WORDS = new Set(
  `if can while until after once early full rare appear appears seems nad med friends calls
  states says spent pouch hose`.split(/\s+/),
);

/**
 * True when a word reads as an English verb, adverb or adjective, or joins two words.
 * NOTE: verbs in -s ("wife reveals") still pass, because many names end in s.
 */
export function readsAsEnglishWord(lower: string): boolean {
  return lower.includes("-") || FUNCTION_WORDS.has(lower) || WORD_ENDINGS.test(lower);
}
