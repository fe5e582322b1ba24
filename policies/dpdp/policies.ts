import { buildPolicies } from "../build";

/** The DPDP pack's policies; tests import these instead of the pack entry, which serves gRPC. */
export const dpdpPolicies = buildPolicies("dpdp");
