// Regulatory numbers behind the pack defaults, with their sources.

/**
 * DPDP Rules 2025 (G.S.R. 846(E), notified 13 November 2025), Rule 6(1)(e) and Rule 8(3):
 * logs of personal-data processing are kept for at least one year.
 */
export const DPDP_MIN_LOG_RETENTION_DAYS = 365;

/**
 * HIPAA 45 CFR 164.316(b)(2)(i): documentation is kept six years from creation or last
 * effective date; six years of days including two leap days is 2,192.
 */
export const HIPAA_MIN_LOG_RETENTION_DAYS = 2192;

/** Defaults of the pack setting minLogRetentionDays, as quoted in remediation texts. */
export const MIN_LOG_RETENTION_DEFAULTS = `default ${HIPAA_MIN_LOG_RETENTION_DAYS} days in the hipaa pack, ${DPDP_MIN_LOG_RETENTION_DAYS} in dpdp`;

/** AWS KMS accepts a deletion window of 7 to 30 days; 30 leaves the longest time to cancel. */
export const KMS_MAX_DELETION_WINDOW_DAYS = 30;

/** The two AWS regions in India: ap-south-1 (Mumbai) and ap-south-2 (Hyderabad). */
export const INDIA_REGIONS: readonly string[] = ["ap-south-1", "ap-south-2"];

/** EKS versions the stack configuration accepts (`cluster.kubernetesVersion`). */
export const SUPPORTED_EKS_VERSIONS: readonly string[] = ["1.31", "1.32", "1.33", "1.34"];
