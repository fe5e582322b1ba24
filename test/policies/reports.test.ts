import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byName, compliantStack } from "../../bench/fixtures/compliant-stack";
import { controls } from "../../policies/controls";
import { evaluatePolicies, type PolicyResults, UNKNOWN } from "../../policies/evaluate";
import {
  buildMatrix,
  renderMarkdown,
  renderMatrixHtml,
  renderMatrixMarkdown,
  writeReports,
} from "../../policies/report";

const SCHEMA = path.join(
  "node_modules",
  "@microsoft",
  "jest-sarif",
  "lib",
  "schemas",
  "sarif-2.1.0-rtm.5.json",
);

// The SARIF schema is written for JSON Schema draft-04, whose only difference that matters
// to this schema is the `id` keyword; Ajv 8 reads it as draft-07 once `id` becomes `$id`.
async function sarifValidator() {
  const schema = JSON.parse(await readFile(SCHEMA, "utf8")) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  // One pattern in the schema (`language`) is invalid under the RegExp `u` flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

let dir: string;
let results: PolicyResults;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hcft-reports-"));
  const resources = compliantStack();
  byName(resources, "data-key").props.enableKeyRotation = false;
  byName(resources, "raw-pab").props.blockPublicPolicy = false;
  byName(resources, "eks-logs").props.kmsKeyId = UNKNOWN;
  results = await evaluatePolicies(resources);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeReports", () => {
  it("writes the three files", async () => {
    const files = await writeReports(results, dir);
    expect(files.map((f) => path.basename(f))).toEqual([
      "policy-results.json",
      "report.md",
      "report.sarif",
    ]);
  });

  it("writes every finding to policy-results.json", async () => {
    await writeReports(results, dir);
    const json = JSON.parse(await readFile(path.join(dir, "policy-results.json"), "utf8"));
    expect(json.findings).toEqual(results.findings);
    const first = json.findings[0];
    for (const key of [
      "pack",
      "controlId",
      "policyName",
      "enforcementLevel",
      "resourceType",
      "resourceName",
      "urn",
      "message",
      "clauses",
      "status",
      "remediation",
    ]) {
      expect(first).toHaveProperty(key);
    }
  });

  it("groups report.md by HIPAA clause and DPDP section with fixes", async () => {
    await writeReports(results, dir, { title: "bench stack" });
    const md = await readFile(path.join(dir, "report.md"), "utf8");
    expect(md).toContain("# bench stack");
    expect(md).toContain("## HIPAA (45 CFR Part 164)");
    expect(md).toContain("## DPDP (Act 2023 sections, Rules 2025)");
    expect(md).toMatch(/### 164\.312\(a\)\(2\)\(iv\): \d+ failing/);
    expect(md).toMatch(/### Rule 6\(1\)\(b\): \d+ failing/);
    expect(md).toContain("HC-KMS-01 kms-key-rotation");
    expect(md).toContain("Fix: Set enableKeyRotation: true on the key.");
    expect(md).toContain("## Deferred until values are known");
    expect(md).toContain("HC-LOG-04 cloudwatch-loggroup-kms (dpdp) on `eks-logs`");
  });

  it("writes SARIF 2.1.0 that validates against its schema", async () => {
    await writeReports(results, dir);
    const sarif = JSON.parse(await readFile(path.join(dir, "report.sarif"), "utf8"));
    const validate = await sarifValidator();
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.version).toBe("2.1.0");
    // The validator rejects a log that breaks the schema, so the check above can fail.
    expect(validate({ ...sarif, version: "9.9" })).toBe(false);
  });

  it("gives SARIF one rule per control and a result per failure or deferral", async () => {
    await writeReports(results, dir);
    const sarif = JSON.parse(await readFile(path.join(dir, "report.sarif"), "utf8"));
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(controls.length - 1);
    const notPassing = results.findings.filter((f) => f.status !== "pass").length;
    expect(run.results).toHaveLength(notPassing);
    const rotation = run.results.find((r: { ruleId: string }) => r.ruleId === "HC-KMS-01");
    expect(rotation.level).toBe("error");
    expect(run.tool.driver.rules[rotation.ruleIndex].id).toBe("HC-KMS-01");
    const deferred = run.results.filter((r: { kind: string }) => r.kind === "review");
    expect(deferred.map((r: { ruleId: string }) => r.ruleId)).toEqual(["HC-LOG-04", "HC-LOG-04"]);
  });
});

describe("compliance matrix", () => {
  it("shows the worst outcome per control and stack", async () => {
    const clean = await evaluatePolicies(compliantStack());
    const matrix = buildMatrix([
      { stack: "broken", results },
      { stack: "clean", results: clean },
    ]);
    expect(matrix.stacks).toEqual(["broken", "clean"]);
    const row = (id: string) => matrix.rows.find((r) => r.control.id === id);
    expect(row("HC-KMS-01")?.cells.broken?.status).toBe("fail");
    expect(row("HC-KMS-01")?.cells.clean?.status).toBe("pass");
    expect(row("HC-LOG-04")?.cells.broken?.status).toBe("deferred");
    expect(row("HC-IAM-02")?.cells.clean?.status).toBe("n/a");
    const md = renderMatrixMarkdown(matrix);
    expect(md).toContain("| HC-KMS-01 | kms-key-rotation | mandatory |");
    expect(md).toMatch(
      /- broken: hipaa controls \d+ passed, 2 failed, 1 deferred, \d+ not applicable; dpdp controls/,
    );
  });

  it("marks controls of a pack not run", async () => {
    const hipaaOnly = await evaluatePolicies(compliantStack(), { packs: ["hipaa"] });
    const matrix = buildMatrix([{ stack: "us", results: hipaaOnly }]);
    const row = (id: string) => matrix.rows.find((r) => r.control.id === id);
    // HC-RES-01 maps to DPDP clauses only, and HC-IAM-02 matches no resource of the fixture.
    expect(row("HC-RES-01")?.cells.us?.status).toBe("not run");
    expect(row("HC-IAM-02")?.cells.us?.status).toBe("n/a");
    const md = renderMatrixMarkdown(matrix);
    expect(md).toContain("| HC-RES-01 | residency-region-allowed |");
    expect(md).toMatch(/\| HC-RES-01 \|.*\| not run \|$/m);
    expect(md).toContain("## Legend");
    expect(md).toContain("- not run: no pack containing the control ran on this stack");
    expect(md).toContain("- us: hipaa controls");
    expect(md).toContain("; dpdp not run");
  });

  it("totals the controls as the pack summary does", async () => {
    const hipaaOnly = await evaluatePolicies(compliantStack(), { packs: ["hipaa"] });
    const matrix = buildMatrix([
      { stack: "broken", results },
      { stack: "us", results: hipaaOnly },
    ]);
    expect(matrix.totals.us?.hipaa).toEqual(hipaaOnly.summary.hipaa?.controls);
    expect(matrix.totals.us?.dpdp).toBeUndefined();
    expect(matrix.totals.broken?.hipaa).toEqual(results.summary.hipaa?.controls);
    expect(matrix.totals.broken?.dpdp).toEqual(results.summary.dpdp?.controls);
    const counts = hipaaOnly.summary.hipaa?.controls;
    const line = `- us: hipaa controls ${counts?.passed} passed, ${counts?.failed} failed, ${counts?.deferred} deferred, ${counts?.notApplicable} not applicable`;
    expect(renderMatrixMarkdown(matrix)).toContain(line);
  });

  it("counts a failing resource once across packs", async () => {
    const matrix = buildMatrix([{ stack: "broken", results }]);
    const rotation = matrix.rows.find((r) => r.control.id === "HC-KMS-01");
    const packs = new Set(
      results.findings
        .filter((f) => f.controlId === "HC-KMS-01" && f.status === "fail")
        .map((f) => f.pack),
    );
    expect(packs.size).toBe(2);
    expect(rotation?.cells.broken?.failed).toBe(1);
    expect(renderMatrixMarkdown(matrix)).toMatch(/\| HC-KMS-01 \|.*\| FAIL \(1\) \|$/m);
  });

  it("renders a self-contained HTML page with escaped text", async () => {
    const matrix = buildMatrix([{ stack: "<script>x</script>", results }]);
    const html = renderMatrixHtml(matrix);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toContain('<td class="fail"');
  });
});

describe("report.md for one pack", () => {
  it("says which pack did not run", async () => {
    const dpdpOnly = await evaluatePolicies(compliantStack(), { packs: ["dpdp"] });
    const md = renderMarkdown(dpdpOnly);
    expect(md).toContain("## HIPAA (45 CFR Part 164)\n\nNot evaluated: this pack did not run.");
    expect(md).toContain("| Rule 6(1)(a) |");
  });
});
