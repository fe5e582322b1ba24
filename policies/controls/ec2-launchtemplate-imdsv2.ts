import { EC2 } from "./lib/tokens";
import type { ResourceControl } from "./types";

/** Two hops let a pod reach IMDS through the node; more lets any forwarder reach it. */
const MAX_HOP_LIMIT = 2;

export const ec2LaunchTemplateImdsv2: ResourceControl = {
  id: "HC-EKS-06",
  name: "ec2-launchtemplate-imdsv2",
  description:
    "Every launch template requires IMDSv2 session tokens with a hop limit of at most two.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EC2.launchTemplate],
  remediation: `Set metadataOptions.httpTokens "required" and httpPutResponseHopLimit at most ${MAX_HOP_LIMIT}.`,
  scope: "resource",
  check: (template) => {
    const options = template.props.metadataOptions ?? {};
    const problems: string[] = [];
    if (options.httpTokens !== "required")
      problems.push(`httpTokens is ${options.httpTokens ?? "unset"}`);
    const hops = options.httpPutResponseHopLimit;
    if (typeof hops === "number" && hops > MAX_HOP_LIMIT)
      problems.push(`httpPutResponseHopLimit is ${hops}`);
    return problems.length === 0
      ? []
      : [`Launch template ${template.name} must require IMDSv2: ${problems.join(", ")}.`];
  },
};
