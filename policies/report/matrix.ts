import { controlsFor } from "../build";
import { controls } from "../controls";
import type { Control, PackName } from "../controls/types";
import {
  type ControlOutcome,
  controlOutcome,
  countControlOutcomes,
  type Finding,
  type PackSummary,
  type PolicyResults,
} from "../evaluate";
import { escapeMarkdown } from "./markdown";

// The compliance matrix has one row per control and one column per stack. Each cell is the
// worst outcome over the packs that ran on that stack: fail, then deferred, then pass. "n/a"
// means a pack evaluated the control and it found no matching resource. "not run" means no
// pack that contains the control ran on that stack.

export type CellStatus = ControlOutcome | "not run";

/** One control on one stack. Its counts are distinct resources, whatever pack flagged them. */
export interface MatrixCell {
  status: CellStatus;
  failed: number;
  deferred: number;
  passed: number;
}

export interface MatrixRow {
  control: Pick<Control, "id" | "name" | "enforcementLevel" | "severity" | "clauses">;
  cells: Record<string, MatrixCell>;
}

/** Control outcomes of one pack on one stack, or undefined when the pack did not run. */
export type StackTotals = Partial<Record<PackName, PackSummary["controls"]>>;

export interface Matrix {
  stacks: string[];
  rows: MatrixRow[];
  totals: Record<string, StackTotals>;
}

export const MATRIX_PACKS: readonly PackName[] = ["hipaa", "dpdp"];

/** Packs whose results a stack's policy-results.json contains. */
export function packsRun(results: PolicyResults): PackName[] {
  return MATRIX_PACKS.filter((pack) => results.summary[pack] !== undefined);
}

// A finding on the stack as a whole has an empty urn, so its resource name keys it.
function distinctResources(findings: Finding[], status: Finding["status"]): number {
  const keys = findings.filter((f) => f.status === status).map((f) => f.urn || f.resourceName);
  return new Set(keys).size;
}

function cellOf(results: PolicyResults, controlId: string): MatrixCell {
  const own = results.findings.filter((f) => f.controlId === controlId);
  const counts = {
    failed: distinctResources(own, "fail"),
    deferred: distinctResources(own, "deferred"),
    passed: distinctResources(own, "pass"),
  };
  const evaluated = packsRun(results).some((pack) =>
    controlsFor(pack).some((c) => c.id === controlId),
  );
  return { status: evaluated ? controlOutcome(own) : "not run", ...counts };
}

function totalsOf(results: PolicyResults): StackTotals {
  const totals: StackTotals = {};
  for (const pack of packsRun(results)) {
    const own = results.findings.filter((f) => f.pack === pack);
    totals[pack] = countControlOutcomes(own, controlsFor(pack));
  }
  return totals;
}

/** Builds the matrix over every catalog control and the given stacks, in stack-name order. */
export function buildMatrix(stacks: { stack: string; results: PolicyResults }[]): Matrix {
  const sorted = [...stacks].sort((a, b) => a.stack.localeCompare(b.stack));
  return {
    stacks: sorted.map((s) => s.stack),
    rows: controls.map((control) => ({
      control: {
        id: control.id,
        name: control.name,
        enforcementLevel: control.enforcementLevel,
        severity: control.severity,
        clauses: control.clauses,
      },
      cells: Object.fromEntries(sorted.map((s) => [s.stack, cellOf(s.results, control.id)])),
    })),
    totals: Object.fromEntries(sorted.map((s) => [s.stack, totalsOf(s.results)])),
  };
}

const MARK: Record<CellStatus, string> = {
  pass: "pass",
  fail: "FAIL",
  deferred: "deferred",
  "n/a": "n/a",
  "not run": "not run",
};

/** Explains each cell value; the Markdown and HTML pages both print it under the table. */
export const LEGEND: readonly string[] = [
  "pass: every matching resource passed.",
  "FAIL (n): n distinct resources failed, counted once even when both packs flag them.",
  "deferred: a value needed by the check is unknown until deployment.",
  "n/a: a pack evaluated the control and no resource matched it.",
  "not run: no pack containing the control ran on this stack, so nothing was checked.",
];

function cellText(cell: MatrixCell | undefined): string {
  if (cell === undefined) return MARK["not run"];
  return cell.status === "fail" ? `FAIL (${cell.failed})` : MARK[cell.status];
}

/** Formats one stack's control counts per pack, naming packs that did not run. */
export function totalsLine(stack: string, totals: StackTotals | undefined): string {
  const parts = MATRIX_PACKS.map((pack) => {
    const t = totals?.[pack];
    if (t === undefined) return `${pack} not run`;
    return `${pack} controls ${t.passed} passed, ${t.failed} failed, ${t.deferred} deferred, ${t.notApplicable} not applicable`;
  });
  return `${stack}: ${parts.join("; ")}`;
}

/** Renders the matrix as a Markdown table with a legend and a totals line per stack. */
export function renderMatrixMarkdown(matrix: Matrix): string {
  const header = `| Control | Name | Level | HIPAA | DPDP | ${matrix.stacks.join(" | ")} |`;
  const rule = `| --- | --- | --- | --- | --- | ${matrix.stacks.map(() => "---").join(" | ")} |`;
  const rows = matrix.rows.map((row) => {
    const c = row.control;
    const cells = matrix.stacks.map((s) => cellText(row.cells[s]));
    return `| ${c.id} | ${c.name} | ${c.enforcementLevel} | ${escapeMarkdown(c.clauses.hipaa.join(", ") || "-")} | ${escapeMarkdown(c.clauses.dpdp.join(", ") || "-")} | ${cells.join(" | ")} |`;
  });
  const totals = matrix.stacks.map((s) => `- ${totalsLine(s, matrix.totals[s])}`);
  return [
    "# Compliance matrix",
    "",
    header,
    rule,
    ...rows,
    "",
    "## Legend",
    "",
    ...LEGEND.map((line) => `- ${line}`),
    "",
    "## Totals per stack",
    "",
    ...totals,
    "",
  ].join("\n");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1f24}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #c9d1d9;padding:.3rem .5rem;text-align:left}
th{background:#f0f3f6;position:sticky;top:0}td.pass{background:#d7f5dd}td.fail{background:#ffd8d3;font-weight:600}
td.deferred{background:#fff3c4}td.na{color:#6e7781}td.notrun{color:#6e7781;font-style:italic}`;

const CSS_CLASS: Record<CellStatus, string> = {
  pass: "pass",
  fail: "fail",
  deferred: "deferred",
  "n/a": "na",
  "not run": "notrun",
};

/** Renders the matrix as one self-contained HTML page (inline CSS, no scripts or links). */
export function renderMatrixHtml(matrix: Matrix): string {
  const head = ["Control", "Name", "Level", "HIPAA", "DPDP", ...matrix.stacks]
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join("");
  const body = matrix.rows
    .map((row) => {
      const c = row.control;
      const fixed = [
        c.id,
        c.name,
        c.enforcementLevel,
        c.clauses.hipaa.join(", ") || "-",
        c.clauses.dpdp.join(", ") || "-",
      ]
        .map((v) => `<td>${escapeHtml(v)}</td>`)
        .join("");
      const cells = matrix.stacks
        .map((s) => {
          const cell = row.cells[s];
          const status = cell?.status ?? "not run";
          const css = CSS_CLASS[status];
          const title =
            cell === undefined
              ? ""
              : ` title="${cell.passed} passed, ${cell.failed} failed, ${cell.deferred} deferred"`;
          return `<td class="${css}"${title}>${escapeHtml(cellText(cell))}</td>`;
        })
        .join("");
      return `<tr>${fixed}${cells}</tr>`;
    })
    .join("\n");
  const legend = LEGEND.map((line) => `<li>${escapeHtml(line)}</li>`).join("");
  const totals = matrix.stacks
    .map((s) => `<li>${escapeHtml(totalsLine(s, matrix.totals[s]))}</li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Compliance matrix</title><style>${STYLE}</style></head>
<body><h1>Compliance matrix</h1>
<p>Each cell is the worst outcome of the control on that stack over the HIPAA and DPDP packs that ran.</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>Legend</h2>
<ul>${legend}</ul>
<h2>Totals per stack</h2>
<ul>${totals}</ul></body></html>
`;
}
