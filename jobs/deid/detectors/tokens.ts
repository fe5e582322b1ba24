// Word tokens with their shape. The text is tokenized once per record and shared by the
// detectors: the name rules read the tokens, and the cue-based detectors try their
// patterns only where a token is one of their cue words, which keeps detection to a few
// passes over the text.

export type Shape = "initial" | "capitalized" | "upper" | "lower" | "mixed";

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  shape: Shape;
}

/**
 * A record's text with its tokens, and the token indices of each indexed lowercase word.
 * Only the cue words that the detectors look up are indexed.
 */
export interface Scan {
  text: string;
  tokens: Token[];
  byWord: Map<string, number[]>;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isJoiner(code: number): boolean {
  // Apostrophe, right single quotation mark, hyphen: D'Souza, O’Brien, Williams-Nuzzo.
  return code === 39 || code === 0x2019 || code === 45;
}

/** Splits text into word tokens: runs of ASCII letters, joined by inner ' ’ or -. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  // Scan a lowercased copy: toLowerCase returns a flat string, while the input may be a
  // rope (from repeat or +), whose character reads in optimized code can cost O(n) each.
  // Lowercase ASCII keeps every offset; if lowercasing changed the length, use a flat copy.
  const lowered = text.toLowerCase();
  const sameLength = lowered.length === n;
  const scanned = sameLength ? lowered : flatCopy(text);
  let i = 0;
  while (i < n) {
    if (!isLetter(scanned.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    i += 1;
    for (;;) {
      while (i < n && isLetter(scanned.charCodeAt(i))) i += 1;
      if (i + 1 < n && isJoiner(scanned.charCodeAt(i)) && isLetter(scanned.charCodeAt(i + 1))) {
        // A possessive "'s" ends the word: "Marvin's" is the token "Marvin".
        const next = scanned.charCodeAt(i + 1);
        const possessive = scanned.charCodeAt(i) !== 45 && (next === 115 || next === 83);
        if (possessive && !(i + 2 < n && isLetter(scanned.charCodeAt(i + 2)))) break;
        i += 1;
        continue;
      }
      break;
    }
    const word = text.slice(start, i);
    const shape = shapeOf(word);
    // A lowercase word is its own lowercase form, so it needs no second copy.
    let lower = word;
    if (shape !== "lower") lower = sameLength ? lowered.slice(start, i) : word.toLowerCase();
    tokens.push({ start, end: i, text: word, lower, shape });
  }
  return tokens;
}

/** Returns a flat (non-rope) copy of a string. */
function flatCopy(text: string): string {
  return Buffer.from(text, "utf16le").toString("utf16le");
}

/** Tokenizes a text once for all detectors, indexing the words in `indexed`. */
export function scanText(text: string, indexed: ReadonlySet<string>): Scan {
  const tokens = tokenize(text);
  const byWord = new Map<string, number[]>();
  const filter = wordFilter(indexed);
  for (let i = 0; i < tokens.length; i += 1) {
    const lower = tokens[i]!.lower;
    // Most tokens are not indexed: a bit table of word hashes rules them out before the
    // costlier set lookup.
    const hash = wordHash(lower);
    if ((filter[hash >>> 5]! & (1 << (hash & 31))) === 0) continue;
    if (!indexed.has(lower)) continue;
    const list = byWord.get(lower);
    if (list === undefined) byWord.set(lower, [i]);
    else list.push(i);
  }
  return { text, tokens, byWord };
}

const FILTER_BITS = 1 << 16;
const filters = new WeakMap<ReadonlySet<string>, Uint32Array>();

/** Hashes a word's characters to 16 bits, the index of its bit in `wordFilter`. */
function wordHash(word: string): number {
  let hash = word.length;
  for (let i = 0; i < word.length; i += 1) hash = (Math.imul(hash, 31) + word.charCodeAt(i)) | 0;
  return (hash ^ (hash >>> 16)) & (FILTER_BITS - 1);
}

/** Returns a bit table with the hash of every word of a set marked, built once per set. */
function wordFilter(words: ReadonlySet<string>): Uint32Array {
  let filter = filters.get(words);
  if (filter === undefined) {
    filter = new Uint32Array(FILTER_BITS / 32);
    for (const word of words) {
      const hash = wordHash(word);
      filter[hash >>> 5]! |= 1 << (hash & 31);
    }
    filters.set(words, filter);
  }
  return filter;
}

/** Returns the indices of the tokens whose lowercase form is in `words`, in no set order. */
export function occurrences(scan: Scan, words: ReadonlySet<string>): number[] {
  const found: number[] = [];
  // Walk the smaller side: a short note indexes a few words, while a cue set may hold dozens.
  if (scan.byWord.size < words.size) {
    // forEach avoids the [word, list] pair that a for-of over entries may allocate per entry.
    scan.byWord.forEach((list, word) => {
      if (!words.has(word)) return;
      for (let k = 0; k < list.length; k += 1) found.push(list[k]!);
    });
    return found;
  }
  for (const word of words) {
    const list = scan.byWord.get(word);
    if (list === undefined) continue;
    for (const index of list) found.push(index);
  }
  return found;
}

function shapeOf(word: string): Shape {
  const first = word.charCodeAt(0);
  const firstUpper = first >= 65 && first <= 90;
  if (word.length === 1) return firstUpper ? "initial" : "lower";
  let upper = 0;
  let lower = 0;
  for (let i = 1; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    if (code >= 65 && code <= 90) upper += 1;
    else if (code >= 97 && code <= 122) lower += 1;
  }
  if (firstUpper) return lower === 0 ? "upper" : "capitalized";
  return upper === 0 ? "lower" : "mixed";
}

/** Returns the characters between two tokens (empty when they touch). */
export function gap(text: string, left: Token, right: Token): string {
  return text.slice(left.end, right.start);
}

/**
 * Runs a sticky pattern at the start of every token whose lowercase form is in
 * `triggers`, and calls `visit` for each match.
 */
export function eachCue(
  scan: Scan,
  triggers: ReadonlySet<string>,
  sticky: RegExp,
  visit: (match: RegExpExecArray) => void,
): void {
  for (const index of occurrences(scan, triggers)) {
    sticky.lastIndex = scan.tokens[index]!.start;
    const match = sticky.exec(scan.text);
    if (match !== null) visit(match);
  }
}

/** Returns the set of leading words of each alternative in a `a|b c|d` cue list. */
export function leadingWords(alternatives: string[]): Set<string> {
  const set = new Set<string>();
  for (const alternative of alternatives) {
    const word = /^[a-z]+(?:'[a-z]+)?/i.exec(alternative);
    if (word !== null) set.add(word[0].toLowerCase());
  }
  return set;
}
