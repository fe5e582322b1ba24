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
