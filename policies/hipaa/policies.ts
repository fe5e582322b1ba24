import { buildPolicies } from "../build";

/** The HIPAA pack's policies; tests import these instead of the pack entry, which serves gRPC. */
export const hipaaPolicies = buildPolicies("hipaa");
