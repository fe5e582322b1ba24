import { describe, expect, it } from "vitest";
import { verhoeffDigit, verhoeffValid } from "../../jobs/deid/checksums";
import { detect } from "../../jobs/deid/detect";
import type { Label } from "../../jobs/deid/labels";

const strict = { keepFacilities: true };

/** Returns the detected [text, label] pairs of a string. */
function found(text: string, options = strict): [string, Label][] {
  return detect(text, options).map((span) => [text.slice(span.start, span.end), span.label]);
}

function labelsOf(text: string, options = strict): Label[] {
  return found(text, options).map(([, label]) => label);
}

describe("checksums", () => {
  it("verhoeff accepts a computed check digit", () => {
    const body = "23456789012";
    expect(verhoeffValid(`${body}${verhoeffDigit(body)}`)).toBe(true);
  });

  it("verhoeff rejects a changed digit", () => {
    const body = "23456789012";
    const wrong = (verhoeffDigit(body) + 1) % 10;
    expect(verhoeffValid(`${body}${wrong}`)).toBe(false);
  });
});

describe("structured identifiers", () => {
  const body = "49182736450";
  const aadhaar = `${body}${verhoeffDigit(body)}`;
  const spaced = `${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`;

  it.each([
    [`ID ${spaced} seen`, spaced, "AADHAAR"],
    [
      `ID ${aadhaar.slice(0, 4)}-${aadhaar.slice(4, 8)}-${aadhaar.slice(8)} x`,
      `${aadhaar.slice(0, 4)}-${aadhaar.slice(4, 8)}-${aadhaar.slice(8)}`,
      "AADHAAR",
    ],
    ["Aadhaar: XXXX XXXX 1234.", "XXXX XXXX 1234", "AADHAAR"],
    ["PAN ABCPK1234Q on file", "ABCPK1234Q", "PAN"],
    ["ABHA 12-3456-7890-1234 linked", "12-3456-7890-1234", "ABHA_NUMBER"],
    ["address pradeep1990@abdm today", "pradeep1990@abdm", "ABHA_ADDRESS"],
    ["mail ravi.k@example.co.in now", "ravi.k@example.co.in", "EMAIL"],
    ["call +91 98765 43210 now", "+91 98765 43210", "PHONE"],
    ["call 098765-43210 now", "098765-43210", "PHONE"],
    ["call 080-2345 6789 now", "080-2345 6789", "PHONE"],
    ["call (206) 555-0159 now", "(206) 555-0159", "PHONE"],
    ["Fax: 0253-4917486", "0253-4917486", "FAX"],
    ["SSN 123-45-6789.", "123-45-6789", "SSN"],
    ["MRN: E33523500\n", "E33523500", "MRN"],
    ["UHID BMNH381476383) was", "BMNH381476383", "MRN"],
    ["bike KA 01 AB 1234 skidded", "KA 01 AB 1234", "VEHICLE"],
    ["Voter ID: WPL2048448", "WPL2048448", "VOTER_ID"],
    ["from IP 203.0.113.82; x", "203.0.113.82", "IP_ADDRESS"],
    ["from IP 2001:db8:24d:e340::9f8 ok", "2001:db8:24d:e340::9f8", "IP_ADDRESS"],
    ["see https://portal.example.org/p/123 now", "https://portal.example.org/p/123", "URL"],
  ])("finds %j", (text, value, label) => {
    expect(found(text)).toContainEqual([value, label]);
  });

  it("ignores a 12-digit run inside a card number", () => {
    const card = `4111 ${spaced} 1111`;
    expect(labelsOf(`card ${card} charged`)).not.toContain("AADHAAR");
  });

  it("ignores 12 digits failing the checksum", () => {
    const wrong = `${body}${(verhoeffDigit(body) + 3) % 10}`;
    expect(
      labelsOf(`ref ${wrong.slice(0, 4)} ${wrong.slice(4, 8)} ${wrong.slice(8)} x`),
    ).not.toContain("AADHAAR");
  });
});

describe("dates and ages", () => {
  it("takes an ISO timestamp as one date", () => {
    const text = "at 2024-03-15T14:30:00+05:30 seen";
    expect(found(text)).toEqual([["2024-03-15T14:30:00+05:30", "DATE"]]);
  });

  it.each([
    "29JAN2021",
    "8/30/1979",
    "Jan 31, 2020",
    "16th August 2022",
    "27-Apr-20",
    "23rd March",
  ])("finds date %s", (date) => {
    expect(found(`on ${date} seen`)).toContainEqual([date, "DATE"]);
  });

  it("keeps a year alone", () => {
    expect(labelsOf("CABG in 1992, stable since.")).toEqual([]);
  });

  it("finds ages over 89", () => {
    expect(found("a 92 y/o man")).toContainEqual(["92", "AGE_OVER_89"]);
  });

  it("keeps ages up to 89", () => {
    expect(labelsOf("a 89 y/o man and a 45-year-old woman")).toEqual([]);
  });
});

describe("names", () => {
  it.each([
    ["Name: Mr. Pradeep Mathew  S/o Naresh Mathew", ["Pradeep Mathew", "Naresh Mathew"]],
    ["brought by brother Ravi to casualty", ["Ravi"]],
    ["Patient: ABERNATHY, JEFFREY   MRN", ["ABERNATHY", "JEFFREY"]],
    ["Discussed with Dr. Hope Sandhu today.", ["Hope Sandhu"]],
    ["Ordering: Wendell Hayes, MD", ["Wendell Hayes"]],
  ])("finds names in %j", (text, names) => {
    const values = found(text)
      .filter(([, label]) => label === "NAME")
      .map(([value]) => value);
    for (const name of names) expect(values.join(" ")).toContain(name);
  });

  it("keeps names that are words without a cue", () => {
    expect(labelsOf("I will hope for grace and patience.")).toEqual([]);
  });
});

describe("hard negatives", () => {
  it.each([
    "Known case of Parkinson disease with Lewy body dementia.",
    "Creutzfeldt-Jakob disease was excluded.",
    "Bell's palsy on the left.",
    "SAH, Hunt and Hess grade 2.",
    "Glasgow Coma Scale 15/15.",
    "Foley catheter removed.",
    "BP 130/80 mmHg, PR 72/min.",
    "Tab. Hydrocodone 5/325 mg 1-0-1 for 5 days.",
    "Dx: Hypothyroidism (E03.9), labs quarterly.",
    "Ward 14 Bed 4, Hb 9.6 g/dL.",
  ])("keeps %j", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("facilities", () => {
  const text = "Transferred from Kessler Medical Center for cath.";

  it("redacts a facility name as LOCATION by default", () => {
    expect(found(text, { keepFacilities: false })).toContainEqual(["Kessler", "LOCATION"]);
  });

  it("keeps facility names with keepFacilities", () => {
    expect(labelsOf(text)).not.toContain("LOCATION");
  });
});
