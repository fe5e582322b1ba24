import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verhoeffDigit } from "../../jobs/deid/checksums";
import { detect } from "../../jobs/deid/detect";
import { STRUCTURED_LABELS } from "../../jobs/deid/labels";
import { redact } from "../../jobs/deid/redact";

const options = { keepFacilities: false };

// Text made of clinical-looking pieces, so the detectors' cues and shapes actually fire.
const pieces = fc.constantFrom(
  "Dr. ",
  "Mr. ",
  "S/o ",
  "Patient: ",
  "MRN: ",
  "UHID ",
  "Aadhaar ",
  "PAN ",
  "Fax: ",
  "Ravi",
  "Sharma",
  "JOHN",
  "hope",
  "Seattle, WA ",
  "98131",
  "Nashik - 422053",
  "#12, 4th Cross, ",
  "12/3",
  "Jan 31, 2020",
  "2024-03-15T14:30:00Z",
  "92 y/o",
  "+91 98765 43210",
  "(206) 555-0159",
  "a@b.co",
  "x@abdm",
  "http://e.org/a",
  "10.0.0.1",
  "::",
  "ABCPK1234Q",
  "KA 01 AB 1234",
  "XXXX XXXX 1234",
  "123-45-6789",
  " ",
  "\n",
  ", ",
  ".",
  "-",
  "/",
  "0",
  "9",
);
const clinicalText = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((parts) => parts.join(""));

function aadhaarFrom(body: string): string {
  return `${body}${verhoeffDigit(body)}`;
}

describe("engine properties", () => {
  it("never throws on any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 200 }),
          clinicalText,
        ),
        (text) => {
          detect(text, options);
          detect(text, { keepFacilities: true });
        },
      ),
      { numRuns: 400 },
    );
  });

  it("returns spans in bounds, ordered and non-overlapping", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), clinicalText), (text) => {
        const spans = detect(text, options);
        let previousEnd = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          previousEnd = span.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("finds no structured identifier in redacted output", () => {
    const identifier = fc.oneof(
      fc.stringMatching(/^[2-9]\d{10}$/).map(aadhaarFrom),
      fc.stringMatching(/^[A-Z]{3}P[A-Z]\d{4}[A-Z]$/),
      fc.stringMatching(/^\d{2}-\d{4}-\d{4}-\d{4}$/).map((value) => `ABHA ${value}`),
      fc.stringMatching(/^[a-z]{3,8}\.[a-z]{2,6}@(?:abdm|sbx)$/),
      fc.stringMatching(/^\+91 [6-9]\d{4} \d{5}$/),
      fc.stringMatching(/^[a-z]{2,8}@[a-z]{2,8}\.(?:com|org|in)$/),
      fc.stringMatching(/^MRN: [A-Z]\d{8}$/),
      fc.stringMatching(/^[1-6]\d{2}-[1-9]\d-[1-9]\d{3}$/),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(identifier, fc.constantFrom(" ", "\n", "; ", " and ")), {
          minLength: 1,
          maxLength: 6,
        }),
        (parts) => {
          const text = parts.map(([value, sep]) => `${value}${sep}`).join("");
          const once = redact(text, detect(text, options));
          const again = detect(once, options).filter((span) =>
            (STRUCTURED_LABELS as readonly string[]).includes(span.label),
          );
          expect(again).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays linear on adversarial strings", () => {
    const size = 200_000;
    const adversarial = [
      "a".repeat(size),
      `${"a.".repeat(size / 2)}@`,
      "1".repeat(size),
      "1 ".repeat(size / 2),
      "1-".repeat(size / 2),
      "Aa ".repeat(size / 3),
      "A ".repeat(size / 2),
      "Dr. ".repeat(size / 4),
      "a:".repeat(size / 2),
      "#1, ".repeat(size / 4),
      "MRN ".repeat(size / 4),
      "X".repeat(size),
      "12/".repeat(size / 3),
    ];
    for (const text of adversarial) {
      const started = performance.now();
      detect(text, options);
      // 200 KB at the 10 MB/s target is 20 ms; a quadratic pattern takes minutes.
      expect(performance.now() - started).toBeLessThan(3_000);
    }
  });
});
