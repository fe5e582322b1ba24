import { describe, expect, it } from "vitest";
import { detect } from "../../jobs/deid/detect";

// Nursing notes are often written all in capitals or all in lowercase, so the rules
// here cannot lean on capitalization. The example notes are invented for these tests.

const physionet = { keepFacilities: false };

/** Returns the text of every span with `label` that the engine finds in `text`. */
function valuesOf(text: string, label: string): string[] {
  return detect(text, physionet)
    .filter((span) => span.label === label)
    .map((span) => text.slice(span.start, span.end));
}

/** Joins the text the engine would redact, any label, with one space between spans. */
function coveredText(text: string): string {
  const spans = detect(text, physionet);
  return spans.map((span) => text.slice(span.start, span.end)).join(" ");
}

describe("names in caseless notes", () => {
  it.each([
    "SOCIAL: WIFE REQUESTING TO STAY OVERNIGHT. SON NEWLY ARRIVED FROM WORK.",
    "social: daughter phoned-family meeting set. wife discussed poor appetite at home.",
    "CV: HR 88 SR RARE PVC'S. BP STABLE ON CURRENT DRIPS.",
    "cv: sr until 0400 then afib. sr oc pvc's noted.",
  ])("finds no name in %j", (text) => {
    expect(valuesOf(text, "NAME")).toEqual([]);
  });

  it("finds a listed given name alone", () => {
    const text = "social: sarah called for update. pt resting comfortably. will monitor.";
    expect(valuesOf(text, "NAME")).toEqual(["sarah"]);
  });

  it("finds an all-capitals given name", () => {
    const text = "SOCIAL: CAROL IN TO VISIT THIS EVENING. PT CALM. WILL CONTINUE PLAN.";
    expect(valuesOf(text, "NAME")).toEqual(["CAROL"]);
  });

  it("keeps a given name that is a word", () => {
    const text = "pt will need rehab. family has hope for recovery. will follow.";
    expect(valuesOf(text, "NAME")).toEqual([]);
  });
});

describe("places without a facility word", () => {
  it.each([
    ["social: son lives nearby in brookville and calls daily.", "brookville"],
    ["Daughter lives in Glen Ridge, visits on weekends.", "Glen Ridge"],
    ["Husband is at home in Fairtown tonight.", "Fairtown"],
    ["PT TRANSFERRED FROM UNIVERSITY OF OHIO MEDICAL CENTER.", "UNIVERSITY OF OHIO"],
    ["Insulin drip per U Kentucky protocol.", "U Kentucky"],
    ["plan to transfer to holy family tomorrow.", "holy family"],
  ])("redacts the place in %j", (text, place) => {
    expect(coveredText(text)).toBe(place);
  });

  it.each([
    "TRANSFUSED WITH ONE U PRBC AT MIDNIGHT.",
    "CONTINUE FEVER W/U- ANTIBX AS ORDERED.",
    "F/U HCT AT MIDNIGHT.",
    "pt lives in elderly housing with her sister.",
    "Pt went downtown with family last week.",
  ])("finds no place in %j", (text) => {
    expect(valuesOf(text, "LOCATION")).toEqual([]);
  });
});

describe("facility cues in nursing notes", () => {
  it.each([
    ["Admitted from the Oakley House after a fall.", "Oakley"],
    ["Moved to Linden Campus for imaging today.", "Linden Campus"],
    ["Plan: transfer to St. Joseph's tomorrow.", "St. Joseph's"],
  ])("redacts the facility in %j", (text, place) => {
    expect(coveredText(text)).toBe(place);
  });

  it.each([
    "PT AWAITING REHAB PLACEMENT. FAMILY AWARE.",
    "HE WANTED TO LEAVE HOSPITAL AND SIGN OUT.",
    "HR 90'S ST. REMAINS ON IABP 1:1.",
    "Written for Regular House Diet, tolerating well.",
    "RETURNED TO PREVIOUS SETTING OVERNIGHT.",
    "I.D.-CONTINUES ON VANCO 1 GM Q12H. AFEBRILE.",
    "POSITIONED IN REVERSE-TRENDELENBURG FOR COMFORT.",
  ])("finds no place in %j", (text) => {
    expect(valuesOf(text, "LOCATION")).toEqual([]);
  });
});

describe("surnames after caseless given names", () => {
  it.each([
    ["HOUSE STAFF MARTHA KOWALCZYK AWARE OF BP. WILL MONITOR.", ["MARTHA KOWALCZYK"]],
    ["social: son called. will consult with wendy pfeiffer re skin.", ["wendy pfeiffer"]],
    ["P: BIPAP UNTIL SON DAVID CALLS BACK WITH DECISION.", ["DAVID"]],
  ])("finds the name in %j", (text, names) => {
    expect(valuesOf(text, "NAME")).toEqual(names);
  });
});

describe("house officer and nurse practitioner cues", () => {
  it("finds the name after HO", () => {
    expect(valuesOf("Pt pronounced at 1840 by HO Kowalski. Family present.", "NAME")).toEqual([
      "Kowalski",
    ]);
  });

  it.each([
    "Sutures removed by HO. Lungs sound clear.",
    "Continues to require hourly NP SXN. Sats stable.",
    "Wearing O2 2L NP. Sats high 90's.",
  ])("finds no name in %j", (text) => {
    expect(valuesOf(text, "NAME")).toEqual([]);
  });
});
