import { createHmac } from "node:crypto";
import { verhoeffDigit } from "./checksums";
import { INDIAN_GIVEN_NAMES, INDIAN_SURNAMES } from "./data/indian-names";
import { INDIAN_CITIES, US_CITIES } from "./data/places";
import { WESTERN_GIVEN_NAMES, WESTERN_SURNAMES } from "./data/western-names";
import type { Span } from "./labels";
import { applySpans } from "./redact";
import { shiftDate } from "./surrogate-dates";

// Format-preserving surrogates keyed by an HMAC secret. The same value of the same label
// for the same patient always gets the same surrogate, and all of a patient's dates move
// by one offset (1 to 365 days, either direction), so intervals survive. Without the
// secret the mapping cannot be recomputed. The job never writes the secret to an output,
// a report or a log line.

const GIVEN = list(`${WESTERN_GIVEN_NAMES} ${INDIAN_GIVEN_NAMES}`);
const SURNAMES = list(`${WESTERN_SURNAMES} ${INDIAN_SURNAMES}`);
const GIVEN_SET = new Set(GIVEN);
const SURNAME_SET = new Set(SURNAMES);
const CITY_NAMES = list(`${INDIAN_CITIES} ${US_CITIES}`).map((city) => city.replaceAll("_", " "));
// Street words that carry no identity and stay as written.
const KEEP_WORDS = new Set(
  `street st avenue ave road rd lane ln boulevard blvd drive dr court ct place pl way circle cir
  parkway pkwy terrace ter trail highway hwy nagar colony cross main gali marg vihar layout
  enclave sector block phase no plot house flat door apt apartment suite ste unit floor ward
  village near opp behind beside po box post the of`.split(/\s+/),
);
const STREET_WORDS = list(
  "maple cedar oak pine birch willow lotus banyan ashoka neem gulmohar lake hill river park garden",
);

function list(words: string): string[] {
  return words.split(/\s+/).filter((word) => word.length > 0);
}

export interface SurrogateContext {
  /** Stable key of the patient the text belongs to; the record id when there is none. */
  patient: string;
  /** Whether 03/04 means 3 April (India) rather than March 4 (US). */
  dayFirst: boolean;
}

export class SurrogateGenerator {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    if (secret.length < 16) {
      throw new Error(
        `surrogate secret is ${secret.length} bytes; expected at least 16 bytes of random data`,
      );
    }
    this.#secret = Buffer.from(secret);
  }

  /** Returns the text with each span replaced by its surrogate. */
  apply(text: string, spans: readonly Span[], context: SurrogateContext): string {
    return applySpans(text, spans, (span, original) => this.surrogate(span, original, context));
  }

  /** Returns the surrogate for one detected value. */
  surrogate(span: Span, original: string, context: SurrogateContext): string {
    const stream = this.#stream(
      `${context.patient}\u0000${span.label}\u0000${original.toLowerCase()}`,
    );
    switch (span.label) {
      case "NAME":
        // Word by word, so "Mathew" maps alike in "Pradeep Mathew" and "Mr. Mathew".
        return nameSurrogate(original, (word) =>
          this.#stream(`${context.patient}\u0000NAME\u0000${word.toLowerCase()}`),
        );
      case "DATE":
        return shiftDate(original, this.dayOffset(context.patient), context.dayFirst) ?? "[DATE]";
      case "AGE_OVER_89":
        return "90+";
      case "CITY":
      case "LOCATION":
        return matchCase(original, capitalize(pick(CITY_NAMES, stream)));
      case "STREET_ADDRESS":
        return streetSurrogate(original, stream);
      case "EMAIL":
        return `${lettersFor(original.split("@")[0]!, stream)}@example.com`;
      case "ABHA_ADDRESS":
        return `${lettersFor(original.split("@")[0]!, stream)}@${original.split("@")[1] ?? "abdm"}`;
      case "URL":
        return `https://example.org/${lettersFor("x".repeat(8), stream)}`;
      case "IP_ADDRESS":
        return original.includes(":")
          ? `2001:db8::${(stream() % 0xffff).toString(16)}`
          : `192.0.2.${1 + (stream() % 254)}`;
      case "AADHAAR":
        return aadhaarSurrogate(original, stream);
      default:
        return characterSurrogate(original, stream);
    }
  }

  /** Returns the patient's date offset in days: never zero, at most a year either way. */
  dayOffset(patient: string): number {
    const stream = this.#stream(`${patient}\u0000date-offset`);
    const magnitude = 1 + (stream() % 365);
    return stream() % 2 === 0 ? magnitude : -magnitude;
  }

  /** A deterministic source of 32-bit numbers derived from the secret and a key. */
  #stream(key: string): () => number {
    let counter = 0;
    let block = Buffer.alloc(0);
    let offset = 0;
    return () => {
      if (offset + 4 > block.length) {
        block = createHmac("sha256", this.#secret).update(`${counter}\u0000${key}`).digest();
        counter += 1;
        offset = 0;
      }
      const value = block.readUInt32BE(offset);
      offset += 4;
      return value;
    };
  }
}

type Stream = () => number;

function pick(words: string[], stream: Stream): string {
  return words[stream() % words.length]!;
}

function capitalize(word: string): string {
  return word.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function matchCase(original: string, surrogate: string): string {
  if (original === original.toUpperCase() && /[A-Z]/.test(original)) return surrogate.toUpperCase();
  if (original === original.toLowerCase()) return surrogate.toLowerCase();
  return surrogate;
}

/** Keeps the name's layout: one word per word, initials stay initials, case is kept. */
function nameSurrogate(original: string, streamFor: (word: string) => Stream): string {
  return original.replace(/[A-Za-z]+(?:['’-][A-Za-z]+)*/g, (word) => {
    const stream = streamFor(word);
    if (word.length === 1) return String.fromCharCode(65 + (stream() % 26));
    const lower = word.toLowerCase();
    const pool = SURNAME_SET.has(lower) || !GIVEN_SET.has(lower) ? SURNAMES : GIVEN;
    return matchCase(word, capitalize(pick(pool, stream)));
  });
}

function streetSurrogate(original: string, stream: Stream): string {
  return original.replace(/\d+(?:st|nd|rd|th)\b|[A-Za-z]+|\d/g, (part) => {
    if (/^\d$/.test(part)) return String(stream() % 10);
    if (/^\d/.test(part)) return ordinal(1 + (stream() % 20));
    if (KEEP_WORDS.has(part.toLowerCase())) return part;
    return matchCase(part, capitalize(pick(STREET_WORDS, stream)));
  });
}

function ordinal(value: number): string {
  const tens = value % 100;
  const units = value % 10;
  if (tens >= 11 && tens <= 13) return `${value}th`;
  return `${value}${units === 1 ? "st" : units === 2 ? "nd" : units === 3 ? "rd" : "th"}`;
}

/** Replaces each digit with a digit and each letter with a letter of the same case. */
function characterSurrogate(original: string, stream: Stream): string {
  return original.replace(/[0-9]|[A-Z]|[a-z]/g, (c) => {
    if (c >= "0" && c <= "9") return String(stream() % 10);
    const base = c >= "a" ? 97 : 65;
    return String.fromCharCode(base + (stream() % 26));
  });
}

function lettersFor(original: string, stream: Stream): string {
  const length = Math.max(4, Math.min(12, original.length));
  let out = "";
  for (let i = 0; i < length; i += 1) out += String.fromCharCode(97 + (stream() % 26));
  return out;
}

/** Returns a valid-looking Aadhaar (first digit 2-9, Verhoeff check digit); masks stay masked. */
function aadhaarSurrogate(original: string, stream: Stream): string {
  if (/[Xx*]/.test(original)) return original.replace(/\d/g, () => String(stream() % 10));
  const digits = [String(2 + (stream() % 8))];
  for (let i = 0; i < 10; i += 1) digits.push(String(stream() % 10));
  const body = digits.join("");
  const full = `${body}${verhoeffDigit(body)}`;
  let cursor = 0;
  return original.replace(/\d/g, () => full[cursor++]!);
}
