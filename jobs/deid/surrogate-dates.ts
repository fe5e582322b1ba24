// Date surrogates: a date is parsed in the layout it was written in, moved by the
// patient's day offset, and written back in the same layout, so that intervals between
// a patient's dates survive. A date without a year is shifted within a leap year.

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAY_MS = 86_400_000;

interface Part {
  kind: "digits" | "month" | "other";
  text: string;
}

/** Shifts a date string by `days`; returns undefined when the layout is not understood. */
export function shiftDate(original: string, days: number, dayFirst: boolean): string | undefined {
  // A compact 20230929 is read as year, month, day.
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(original);
  if (compact !== null) {
    const shifted = shiftDate(`${compact[1]}-${compact[2]}-${compact[3]}`, days, dayFirst);
    return shifted?.replaceAll("-", "");
  }
  const parts = splitParts(original);
  const roles = assignRoles(parts, dayFirst);
  if (roles === undefined) return undefined;
  const { day, month, year } = roles;
  const dayValue = Number(parts[day]!.text.replace(/\D/g, ""));
  const monthValue =
    parts[month]!.kind === "month"
      ? monthIndex(parts[month]!.text)
      : Number(parts[month]!.text) - 1;
  const yearValue = year === undefined ? 2000 : fullYear(parts[year]!.text);
  const date = new Date(Date.UTC(yearValue, monthValue, dayValue));
  if (date.getUTCMonth() !== monthValue || date.getUTCDate() !== dayValue) return undefined;
  const shifted = new Date(date.getTime() + days * DAY_MS);

  // Write each part back in its original width, case and ordinal suffix.
  const out = parts.map((part) => part.text);
  out[day] = formatDay(parts[day]!.text, shifted.getUTCDate());
  out[month] =
    parts[month]!.kind === "month"
      ? formatMonth(parts[month]!.text, shifted.getUTCMonth())
      : pad(shifted.getUTCMonth() + 1, parts[month]!.text.length);
  if (year !== undefined) {
    const width = parts[year]!.text.replace(/\D/g, "").length;
    const prefix = parts[year]!.text.startsWith("'") ? "'" : "";
    out[year] = prefix + pad(shifted.getUTCFullYear() % 10 ** width, width);
  }
  return out.join("");
}

function splitParts(text: string): Part[] {
  const parts: Part[] = [];
  const pattern = /(\d+(?:st|nd|rd|th)?)|([A-Za-z]+)|([^A-Za-z\d]+)/g;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[1] !== undefined) parts.push({ kind: "digits", text: m[1] });
    else if (m[2] !== undefined) {
      parts.push({ kind: monthIndex(m[2]) >= 0 ? "month" : "other", text: m[2] });
    } else parts.push({ kind: "other", text: m[3]! });
  }
  return parts;
}

/** Finds which parts are the day, month and year; a time or zone after them is ignored. */
function assignRoles(
  parts: Part[],
  dayFirst: boolean,
): { day: number; month: number; year?: number } | undefined {
  const digits = parts.flatMap((part, index) => (part.kind === "digits" ? [index] : []));
  const month = parts.findIndex((part) => part.kind === "month");
  if (month >= 0) {
    const [day, year] = digits;
    if (day === undefined) return undefined;
    return { day, month, year };
  }
  const [a, b, c] = digits;
  if (a === undefined || b === undefined) return undefined;
  const first = parts[a]!.text;
  if (first.length === 4) return c === undefined ? undefined : { year: a, month: b, day: c };
  if (first.length === 8) return undefined;
  const firstValue = Number(first);
  const secondValue = Number(parts[b]!.text);
  const dayFirstHere = firstValue > 12 || (secondValue <= 12 && dayFirst);
  return dayFirstHere ? { day: a, month: b, year: c } : { month: a, day: b, year: c };
}

function monthIndex(word: string): number {
  const lower = word.toLowerCase();
  if (lower.length < 3) return -1;
  return MONTHS.findIndex(
    (month) => month.startsWith(lower) || (lower === "sept" && month === "september"),
  );
}

function fullYear(text: string): number {
  const digits = text.replace(/\D/g, "");
  const value = Number(digits);
  if (digits.length === 4) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}

function formatDay(original: string, day: number): string {
  const suffix = /[a-z]+$/i.exec(original)?.[0];
  const width = original.replace(/\D/g, "").length;
  const digits = pad(day, width);
  if (suffix === undefined) return digits;
  const ordinal =
    day % 10 === 1 && day !== 11
      ? "st"
      : day % 10 === 2 && day !== 12
        ? "nd"
        : day % 10 === 3 && day !== 13
          ? "rd"
          : "th";
  return digits + (suffix === suffix.toUpperCase() ? ordinal.toUpperCase() : ordinal);
}

function formatMonth(original: string, month: number): string {
  const full = MONTHS[month]!;
  const name =
    original.length <= 3
      ? full.slice(0, 3)
      : original.length === 4 && original.toLowerCase() === "sept"
        ? full.slice(0, 4)
        : full;
  if (original === original.toUpperCase()) return name.toUpperCase();
  if (original[0] === original[0]!.toUpperCase()) return name[0]!.toUpperCase() + name.slice(1);
  return name;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
