import { describe, expect, it } from "vitest";
import { verhoeffValid } from "../../jobs/deid/checksums";
import { detect } from "../../jobs/deid/detect";
import { SurrogateGenerator } from "../../jobs/deid/surrogate";
import { shiftDate } from "../../jobs/deid/surrogate-dates";

const secret = Buffer.from("test-secret-0123456789abcdef", "utf8");
const generator = new SurrogateGenerator(secret);
const india = { patient: "p-1", dayFirst: true };

function surrogateText(text: string, context = india): string {
  return generator.apply(text, detect(text, { keepFacilities: true }), context);
}

describe("surrogates", () => {
  it("map a name alike within a patient", () => {
    const out = surrogateText("Mr. Pradeep Mathew was seen. Mr. Mathew is stable.");
    const names = /Mr\. (\w+) (\w+) was seen\. Mr\. (\w+) is/.exec(out);
    expect(names).not.toBeNull();
    expect(names![3]).toBe(names![2]);
    expect(out).not.toContain("Mathew");
  });

  it("differ between patients", () => {
    const one = surrogateText("Dr. Ravi Sharma", { patient: "p-1", dayFirst: true });
    const two = surrogateText("Dr. Ravi Sharma", { patient: "p-2", dayFirst: true });
    expect(one).not.toBe(two);
  });

  it("are the same on every run", () => {
    const again = new SurrogateGenerator(Buffer.from(secret));
    const text = "Seen by Dr. Ravi Sharma on 12/03/2024, MRN: E33523500.";
    expect(again.apply(text, detect(text, { keepFacilities: true }), india)).toBe(
      surrogateText(text),
    );
  });

  it("keep the interval between a patient's dates", () => {
    const out = surrogateText("Admitted 2024-03-01, discharged 2024-03-11.");
    const dates = [...out.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => Date.parse(m[0]));
    expect(dates).toHaveLength(2);
    expect((dates[1]! - dates[0]!) / 86_400_000).toBe(10);
    expect(out).not.toContain("2024-03-01");
  });

  it("shift dates in their own layout", () => {
    expect(shiftDate("29JAN2021", 3, true)).toBe("01FEB2021");
    expect(shiftDate("16th August 2022", -16, true)).toBe("31st July 2022");
    expect(shiftDate("12/03/2024", 1, true)).toBe("13/03/2024");
    expect(shiftDate("12/03/2024", 1, false)).toBe("12/04/2024");
    expect(shiftDate("2024-03-15T14:30:00+05:30", 1, true)).toBe("2024-03-16T14:30:00+05:30");
  });

  it("write a valid Aadhaar for an Aadhaar", () => {
    const value = generator.surrogate(
      { start: 0, end: 14, label: "AADHAAR" },
      "2345 6789 0124",
      india,
    );
    expect(value).toMatch(/^[2-9]\d{3} \d{4} \d{4}$/);
    expect(verhoeffValid(value.replaceAll(" ", ""))).toBe(true);
  });

  it("fold ages over 89 into 90+", () => {
    expect(surrogateText("a 94 y/o man")).toBe("a 90+ y/o man");
  });

  it("reject a short secret", () => {
    expect(() => new SurrogateGenerator(Buffer.from("short"))).toThrow(
      /expected at least 16 bytes/,
    );
  });
});
