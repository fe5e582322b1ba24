import type { Finding, FindingStatus } from "../evaluate";

/** Orders clause references numerically: 164.308(a)(1) before 164.312(a)(1), Rule 6 before Rule 15. */
export function compareClauses(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

export interface ClauseGroup {
  clause: string;
  controls: string[];
  counts: Record<FindingStatus, number>;
  failing: Finding[];
}

/** Groups findings by the clauses of one framework; a finding counts under each of its clauses. */
export function groupByClause(findings: Finding[], framework: "hipaa" | "dpdp"): ClauseGroup[] {
  const groups = new Map<string, ClauseGroup>();
  for (const finding of findings) {
    for (const clause of finding.clauses[framework]) {
      let group = groups.get(clause);
      if (group === undefined) {
        group = { clause, controls: [], counts: { pass: 0, fail: 0, deferred: 0 }, failing: [] };
        groups.set(clause, group);
      }
      if (!group.controls.includes(finding.controlId)) group.controls.push(finding.controlId);
      group.counts[finding.status]++;
      if (finding.status === "fail") group.failing.push(finding);
    }
  }
  return [...groups.values()].sort((a, b) => compareClauses(a.clause, b.clause));
}
