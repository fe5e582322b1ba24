import {
  DPDP_MIN_LOG_RETENTION_DAYS,
  HIPAA_MIN_LOG_RETENTION_DAYS,
  INDIA_REGIONS,
  KMS_MAX_DELETION_WINDOW_DAYS,
  SUPPORTED_EKS_VERSIONS,
} from "./controls/lib/regulatory";
import type { PackName, PackSettings } from "./controls/types";

const shared = {
  // NOTE: 365 days is this project's choice; the stack schema accepts up to 3,650.
  maxRawPhiRetentionDays: 365,
  allowedKubernetesVersions: [...SUPPORTED_EKS_VERSIONS],
  // Private ECR in any region, and NVIDIA's NGC registry for the GPU device plugin.
  approvedRegistries: ["*.dkr.ecr.*.amazonaws.com", "nvcr.io"],
  breakGlassRoles: ["hcft:break-glass"],
  minKmsDeletionWindowDays: KMS_MAX_DELETION_WINDOW_DAYS,
};

/** Each pack's defaults; policy config from the Pulumi CLI or the evaluator overrides them. */
export const PACK_DEFAULTS: Record<PackName, PackSettings> = {
  // HIPAA sets no residency rule, so an empty allow-list leaves regions unchecked.
  hipaa: { ...shared, minLogRetentionDays: HIPAA_MIN_LOG_RETENTION_DAYS, allowedRegions: [] },
  dpdp: {
    ...shared,
    minLogRetentionDays: DPDP_MIN_LOG_RETENTION_DAYS,
    allowedRegions: [...INDIA_REGIONS],
  },
};

const stringList = (description: string, defaults: string[]) => ({
  type: "array" as const,
  items: { type: "string" as const },
  description,
  default: defaults,
});

/** JSON schema of the policy config every policy of a pack accepts, with the pack's defaults. */
export function configSchema(pack: PackName) {
  const d = PACK_DEFAULTS[pack];
  return {
    properties: {
      minLogRetentionDays: {
        type: "integer" as const,
        minimum: 1,
        default: d.minLogRetentionDays,
        description: "Minimum retention of log groups and audit-log Object Lock, in days.",
      },
      maxRawPhiRetentionDays: {
        type: "integer" as const,
        minimum: 1,
        default: d.maxRawPhiRetentionDays,
        description: "Maximum age of current objects in raw PHI or PII buckets, in days.",
      },
      allowedRegions: stringList(
        "AWS regions allowed for data tagged jurisdiction IN and for replicas; empty allows any.",
        d.allowedRegions,
      ),
      allowedKubernetesVersions: stringList(
        "EKS versions (major.minor) clusters may run.",
        d.allowedKubernetesVersions,
      ),
      approvedRegistries: stringList(
        "Image registry hosts; * matches part of a host name.",
        d.approvedRegistries,
      ),
      breakGlassRoles: stringList(
        "Kubernetes subjects allowed to hold cluster-admin.",
        d.breakGlassRoles,
      ),
      minKmsDeletionWindowDays: {
        type: "integer" as const,
        minimum: 7,
        maximum: 30,
        default: d.minKmsDeletionWindowDays,
        description: "Minimum KMS key deletion window, in days.",
      },
    },
  };
}

/** Merges a pack's defaults with policy config; keys that are absent keep their defaults. */
export function resolveSettings(
  pack: PackName,
  config: Partial<PackSettings> | undefined,
): PackSettings {
  const merged = { ...PACK_DEFAULTS[pack] };
  for (const [key, value] of Object.entries(config ?? {})) {
    if (value !== undefined && key in merged) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
