import { describe, expect, test } from "vitest";
import {
  cloudWatchRetentionDays,
  decideAuditRetentionDays,
  decideLogRetentionDays,
  toCloudWatchRetention,
} from "../../infra/audit/retention";
import { makeStackConfig } from "../helpers/mocks";

const hipaa = { profiles: ["hipaa"], dataResidency: "US" };
const dpdp = { profiles: ["dpdp"], dataResidency: "IN" };
const both = { profiles: ["hipaa", "dpdp"], dataResidency: "IN" };
const india = { region: "ap-south-1" };

describe("decideLogRetentionDays", () => {
  test("hipaa defaults to six years", () => {
    expect(decideLogRetentionDays(makeStackConfig({ compliance: hipaa }))).toBe(2192);
  });

  test("dpdp defaults to one year", () => {
    expect(decideLogRetentionDays(makeStackConfig({ ...india, compliance: dpdp }))).toBe(365);
  });

  test("both profiles take the longer", () => {
    expect(decideLogRetentionDays(makeStackConfig({ ...india, compliance: both }))).toBe(2192);
  });

  test("configured value above the floor wins", () => {
    const config = makeStackConfig({ ...india, compliance: dpdp, retention: { logDays: 400 } });
    expect(decideLogRetentionDays(config)).toBe(400);
  });

  test("rejects a value below the floor", () => {
    // Parsing already rejects such a stack, so lower the value after parsing to reach the
    // component's own guard.
    const valid = makeStackConfig({ ...india, compliance: dpdp });
    const config = { ...valid, retention: { ...valid.retention, logDays: 90 } };
    expect(() => decideLogRetentionDays(config)).toThrow(
      "hcft:retention.logDays is 90 days, below the 365 days that profiles dpdp require; raise it to 365 or more",
    );
  });
});

describe("decideAuditRetentionDays", () => {
  test("follows the same floor", () => {
    expect(decideAuditRetentionDays(makeStackConfig({ compliance: hipaa }))).toBe(2192);
    const valid = makeStackConfig({ compliance: hipaa });
    const config = { ...valid, retention: { ...valid.retention, auditDays: 365 } };
    expect(() => decideAuditRetentionDays(config)).toThrow("hcft:retention.auditDays is 365 days");
  });
});

describe("toCloudWatchRetention", () => {
  test("keeps accepted values", () => {
    for (const days of cloudWatchRetentionDays) expect(toCloudWatchRetention(days)).toBe(days);
  });

  test("rounds up to the next accepted value", () => {
    expect(toCloudWatchRetention(366)).toBe(400);
    expect(toCloudWatchRetention(2000)).toBe(2192);
  });

  test("rejects values past the maximum", () => {
    expect(() => toCloudWatchRetention(4000)).toThrow(
      "log retention 4000 days exceeds the CloudWatch Logs maximum of 3653",
    );
  });
});
