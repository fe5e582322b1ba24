import type { Finding, PolicyResults } from "../evaluate";
import { type ClauseGroup, groupByClause } from "./clauses";

// report.md: what a security reviewer reads. Counts per pack, then the findings grouped by
// HIPAA clause and by DPDP section or rule, each failure with its fix.

/** Escapes text for a Markdown table cell or inline run. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function findingLine(f: Finding): string {
  const where = f.urn === "" ? "the stack" : `\`${f.resourceName}\` (\`${f.resourceType}\`)`;
  return [
    `- **${f.controlId} ${f.policyName}** (${f.pack}, ${f.enforcementLevel}, ${f.severity}) on ${where}: ${escapeMarkdown(f.message)}`,
    `  - Fix: ${escapeMarkdown(f.remediation)}`,
  ].join("\n");
}

function clauseSection(title: string, groups: ClauseGroup[], ran: boolean): string[] {
  const lines = [`## ${title}`, ""];
  if (!ran) return [...lines, "Not evaluated: this pack did not run.", ""];
  if (groups.length === 0) return [...lines, "No findings.", ""];
  lines.push(
    "| Clause | Controls | Passed | Failed | Deferred |",
    "| --- | --- | ---: | ---: | ---: |",
  );
  for (const g of groups) {
    lines.push(
      `| ${g.clause} | ${g.controls.join(", ")} | ${g.counts.pass} | ${g.counts.fail} | ${g.counts.deferred} |`,
    );
  }
  lines.push("");
  for (const g of groups.filter((group) => group.failing.length > 0)) {
    lines.push(
      `### ${g.clause}: ${g.failing.length} failing`,
      "",
      ...g.failing.map(findingLine),
      "",
    );
  }
  return lines;
}

function summaryTable(results: PolicyResults): string[] {
  const lines = [
    "| Pack | Controls passed | failed | deferred | not applicable | Findings passed | failed | deferred | Mandatory failures |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [pack, s] of Object.entries(results.summary)) {
    if (s === undefined) continue;
    const c = s.controls;
    lines.push(
      `| ${pack} | ${c.passed} | ${c.failed} | ${c.deferred} | ${c.notApplicable} | ${s.passed} | ${s.failed} | ${s.deferred} | ${s.mandatoryFailed} |`,
    );
  }
  return [...lines, ""];
}

function deferredSection(results: PolicyResults): string[] {
  const deferred = results.findings.filter((f) => f.status === "deferred");
  const lines = ["## Deferred until values are known", ""];
  if (deferred.length === 0) return [...lines, "None.", ""];
  for (const f of deferred) {
    lines.push(
      `- ${f.controlId} ${f.policyName} (${f.pack}) on \`${f.resourceName}\`: ${escapeMarkdown(f.message)}`,
    );
  }
  return [...lines, ""];
}

/** Renders the Markdown report of one stack's policy results. */
export function renderMarkdown(results: PolicyResults, title = "Policy report"): string {
  // HIPAA findings come from the HIPAA pack, DPDP findings from the DPDP pack.
  const hipaa = results.findings.filter((f) => f.pack === "hipaa");
  const dpdp = results.findings.filter((f) => f.pack === "dpdp");

  return [
    `# ${title}`,
    "",
    ...summaryTable(results),
    ...clauseSection(
      "HIPAA (45 CFR Part 164)",
      groupByClause(hipaa, "hipaa"),
      "hipaa" in results.summary,
    ),
    ...clauseSection(
      "DPDP (Act 2023 sections, Rules 2025)",
      groupByClause(dpdp, "dpdp"),
      "dpdp" in results.summary,
    ),
    ...deferredSection(results),
  ].join("\n");
}
