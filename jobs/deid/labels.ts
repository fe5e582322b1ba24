// The identifier labels the engine emits, and the span shape shared by detection,
// redaction, the --spans output and the evaluation bench.

export const LABELS = [
  "NAME",
  "DATE",
  "AGE_OVER_89",
  "PHONE",
  "FAX",
  "EMAIL",
  "STREET_ADDRESS",
  "CITY",
  "LOCATION",
  "ZIP",
  "MRN",
  "ACCOUNT",
  "HEALTH_PLAN",
  "SSN",
  "AADHAAR",
  "PAN",
  "ABHA_NUMBER",
  "ABHA_ADDRESS",
  "PASSPORT",
  "VOTER_ID",
  "DRIVING_LICENSE",
  "VEHICLE",
  "DEVICE_ID",
  "URL",
  "IP_ADDRESS",
  "OTHER_ID",
] as const;

export type Label = (typeof LABELS)[number];

/** A detected identifier: UTF-16 offsets into the original text, end exclusive. */
export interface Span {
  start: number;
  end: number;
  label: Label;
}

/**
 * A detector's proposal before overlaps are resolved. A higher priority wins an overlap;
 * between equal priorities the longer candidate wins.
 */
export interface Candidate extends Span {
  priority: number;
}

/** Labels whose values have a fixed format, so a miss is a defect rather than a judgement. */
export const STRUCTURED_LABELS: readonly Label[] = [
  "AADHAAR",
  "PAN",
  "ABHA_NUMBER",
  "ABHA_ADDRESS",
  "PHONE",
  "FAX",
  "EMAIL",
  "MRN",
  "SSN",
];
