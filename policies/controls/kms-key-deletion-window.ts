import { KMS_MAX_DELETION_WINDOW_DAYS } from "./lib/regulatory";
import { KMS } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const kmsKeyDeletionWindow: ResourceControl = {
  id: "HC-KMS-02",
  name: "kms-key-deletion-window",
  description:
    "Every KMS key waits at least the configured number of days before deletion, so a mistaken deletion can be cancelled.",
  severity: "medium",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(c)(1)", "164.310(d)(2)(i)"], dpdp: ["Rule 6(1)(d)"] },
  resourceTypes: [KMS.key],
  remediation: `Set deletionWindowInDays to at least the pack setting minKmsDeletionWindowDays (default ${KMS_MAX_DELETION_WINDOW_DAYS}, the AWS maximum).`,
  scope: "resource",
  check: (key, settings) => {
    // AWS applies the maximum window when the property is absent.
    const days =
      (key.props.deletionWindowInDays as number | undefined) ?? KMS_MAX_DELETION_WINDOW_DAYS;
    if (days >= settings.minKmsDeletionWindowDays) return [];
    return [
      `KMS key ${key.name} must have deletionWindowInDays of at least ${settings.minKmsDeletionWindowDays}, but it is ${days}.`,
    ];
  },
};
