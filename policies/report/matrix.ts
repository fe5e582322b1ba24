import { controls } from "../controls";
import type { Control } from "../controls/types";
import type { PolicyResults } from "../evaluate";
import { escapeMarkdown } from "./markdown";

// The compliance matrix has one row per control and one column per stack. Each cell is the
// worst outcome over both packs: fail, then deferred, then pass, or "n/a" if nothing applied.

export type CellStatus = "pass" | "fail" | "deferred" | "n/a";

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

export interface Matrix {
  stacks: string[];
  rows: MatrixRow[];
}

function cellOf(results: PolicyResults, controlId: string): MatrixCell {
  const own = results.findings.filter((f) => f.controlId === controlId);
  const count = (s: string) => own.filter((f) => f.status === s).length;
  const cell = { failed: count("fail"), deferred: count("deferred"), passed: count("pass") };
  let status: CellStatus = "n/a";
  if (cell.failed > 0) status = "fail";
  else if (cell.deferred > 0) status = "deferred";
  else if (cell.passed > 0) status = "pass";
  return { status, ...cell };
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
  };
}

const MARK: Record<CellStatus, string> = {
  pass: "pass",
  fail: "FAIL",
  deferred: "deferred",
  "n/a": "n/a",
};

function cellText(cell: MatrixCell | undefined): string {
  if (cell === undefined) return "n/a";
  return cell.status === "fail" ? `FAIL (${cell.failed})` : MARK[cell.status];
}

/** Renders the matrix as a Markdown table with a totals line per stack. */
export function renderMatrixMarkdown(matrix: Matrix): string {
  const header = `| Control | Name | Level | HIPAA | DPDP | ${matrix.stacks.join(" | ")} |`;
  const rule = `| --- | --- | --- | --- | --- | ${matrix.stacks.map(() => "---").join(" | ")} |`;
  const rows = matrix.rows.map((row) => {
    const c = row.control;
    const cells = matrix.stacks.map((s) => cellText(row.cells[s]));
    return `| ${c.id} | ${c.name} | ${c.enforcementLevel} | ${escapeMarkdown(c.clauses.hipaa.join(", ") || "-")} | ${escapeMarkdown(c.clauses.dpdp.join(", ") || "-")} | ${cells.join(" | ")} |`;
  });
  const totals = matrix.stacks.map((s) => {
    const statuses = matrix.rows.map((r) => r.cells[s]?.status);
    const n = (status: CellStatus) => statuses.filter((x) => x === status).length;
    return `- ${s}: ${n("pass")} passed, ${n("fail")} failed, ${n("deferred")} deferred, ${n("n/a")} not applicable`;
  });
  return [
    "# Compliance matrix",
    "",
    header,
    rule,
    ...rows,
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
td.deferred{background:#fff3c4}td.na{color:#6e7781}`;

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
          const status = cell?.status ?? "n/a";
          const css = status === "n/a" ? "na" : status;
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
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Compliance matrix</title><style>${STYLE}</style></head>
<body><h1>Compliance matrix</h1>
<p>Each cell is the worst outcome of the control on that stack over the HIPAA and DPDP packs.</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}
