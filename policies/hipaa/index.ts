import { PolicyPack } from "@pulumi/policy";
import { hipaaPolicies } from "./policies";

// Constructing the pack starts its Analyzer gRPC server on 127.0.0.1 and prints the port,
// which is how the Pulumi CLI connects; one pack per process.
new PolicyPack("hcft-hipaa", {
  description:
    "HIPAA Security Rule safeguards (45 CFR 164.308-164.316) for the healthcare fine-tuning environment.",
  enforcementLevel: "advisory",
  policies: hipaaPolicies,
});
