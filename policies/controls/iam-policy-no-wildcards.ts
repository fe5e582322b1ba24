import { type Statement, statementsOf } from "./lib/docs";
import { IAM } from "./lib/tokens";
import type { CheckedResource, ResourceControl } from "./types";

// The policy documents a resource carries: its own `policy`, a role's inline policies and
// its trust policy.
function documentsOf(resource: CheckedResource): [string, unknown][] {
  const props = resource.props;
  if (resource.type !== IAM.role) return [["policy", props.policy]];
  // biome-ignore lint/suspicious/noExplicitAny: inline policies are untyped JSON
  const inline = ((props.inlinePolicies as any[]) ?? []).map((p): [string, unknown] => [
    `inline policy ${p.name}`,
    p.policy,
  ]);
  return [["trust policy", props.assumeRolePolicy], ...inline];
}

function statementProblems(where: string, s: Statement, trust: boolean): string[] {
  if (s.effect !== "Allow") return [];
  const problems: string[] = [];
  if (trust) {
    if (s.principals.includes("*") && !s.hasCondition)
      problems.push(`${where} lets any principal assume the role`);
    return problems;
  }
  if (s.notActions.length > 0)
    problems.push(`${where} allows NotAction ${s.notActions.join(", ")}`);
  if (s.actions.includes("*")) problems.push(`${where} allows every action`);
  const serviceWide = s.actions.filter((a) => a.endsWith(":*"));
  if (serviceWide.length > 0 && (s.resources.includes("*") || !s.hasCondition)) {
    problems.push(`${where} allows ${serviceWide.join(", ")}`);
  }
  return problems;
}

export const iamPolicyNoWildcards: ResourceControl = {
  id: "HC-IAM-01",
  name: "iam-policy-no-wildcards",
  description:
    "No IAM policy allows every action, every action of a service without a condition, or NotAction, and no role trusts any principal.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: {
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)", "164.312(a)(1)"],
    dpdp: ["Rule 6(1)(b)"],
  },
  resourceTypes: [IAM.policy, IAM.rolePolicy, IAM.role],
  remediation: "List the exact actions and resource ARNs the workload needs (least privilege).",
  scope: "resource",
  check: (resource) => {
    const problems: string[] = [];
    for (const [where, document] of documentsOf(resource)) {
      const statements = statementsOf(document);
      if (statements === "invalid") {
        problems.push(`${where} is not valid JSON`);
        continue;
      }
      for (const s of statements)
        problems.push(...statementProblems(where, s, where === "trust policy"));
    }
    return problems.length === 0
      ? []
      : [`${resource.name} must follow least privilege: ${problems.join("; ")}.`];
  },
};
