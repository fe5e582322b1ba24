import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type { PolicyResults } from "../evaluate";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";

export { renderMarkdown } from "./markdown";
export { buildMatrix, type Matrix, renderMatrixHtml, renderMatrixMarkdown } from "./matrix";
export { renderSarif } from "./sarif";

export interface ReportOptions {
  /** Heading of report.md. */
  title?: string;
  /** Program file the SARIF results point at, relative to the repository root. */
  artifact?: string;
}

/**
 * Writes `policy-results.json`, `report.md` and `report.sarif` into `outDir` (created when
 * missing) and returns the paths written.
 */
export async function writeReports(
  results: PolicyResults,
  outDir: string,
  options: ReportOptions = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ["policy-results.json", `${JSON.stringify(results, null, 2)}\n`],
    ["report.md", `${renderMarkdown(results, options.title)}\n`],
    [
      "report.sarif",
      `${JSON.stringify(renderSarif(results, options.artifact ?? "infra/index.ts"), null, 2)}\n`,
    ],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(outDir, name);
    await writeFile(file, content, "utf8");
    written.push(file);
  }
  return written;
}
