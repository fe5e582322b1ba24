import { describe, expect, it } from "vitest";
import { controls } from "../../policies/controls";
import { PACK_DEFAULTS } from "../../policies/settings";

// Fix texts are read by people who write stack config, so each pack setting is named as one.

const SETTING_KEYS = Object.keys(PACK_DEFAULTS.hipaa);

function remediationOf(id: string): string {
  const control = controls.find((c) => c.id === id);
  if (control === undefined) throw new Error(`no control ${id}`);
  return control.remediation;
}

describe("remediation text", () => {
  it.each(controls.map((c) => [c.id, c.remediation] as const))(
    "%s calls settings pack settings",
    (_id, text) => {
      for (const key of SETTING_KEYS) {
        const bare = text.split(key).length - 1;
        const named = text.split(`pack setting ${key}`).length - 1;
        expect(bare, `${key} without "pack setting"`).toBe(named);
      }
    },
  );

  it("names log retention keys and values", () => {
    const text = remediationOf("HC-LOG-03");
    expect(text).toContain("hcft:retention.logDays");
    expect(text).toContain("retentionInDays");
    expect(text).toContain("pack setting minLogRetentionDays");
    expect(text).toContain(`${PACK_DEFAULTS.hipaa.minLogRetentionDays} days in the hipaa pack`);
    expect(text).toContain(`${PACK_DEFAULTS.dpdp.minLogRetentionDays} in dpdp`);
  });

  it("names audit lock keys and values", () => {
    const text = remediationOf("HC-S3-10");
    expect(text).toContain("hcft:retention.auditDays");
    expect(text).toContain("pack setting minLogRetentionDays");
    expect(text).toContain(`${PACK_DEFAULTS.hipaa.minLogRetentionDays} days in the hipaa pack`);
  });
});
