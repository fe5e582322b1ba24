import { PolicyPack } from "@pulumi/policy";
import { dpdpPolicies } from "./policies";

// Constructing the pack starts its Analyzer gRPC server on 127.0.0.1 and prints the port,
// which is how the Pulumi CLI connects; one pack per process.
new PolicyPack("hcft-dpdp", {
  description:
    "India DPDP Act 2023 and DPDP Rules 2025 safeguards, including data residency, for the healthcare fine-tuning environment.",
  enforcementLevel: "advisory",
  policies: dpdpPolicies,
});
