import { evaluatePolicies, type Finding, type PolicyResource } from "../policies/evaluate";
import { compliantStack } from "./fixtures/compliant-stack";
import { type Mutation, mutations } from "./fixtures/mutations";
import { PROGRAM, recordedStack } from "./fixtures/record";

// Plans the compliant program (bench/fixtures/compliant-program.ts) once under Pulumi's
// mocks with `hcft plan --program`, then applies each single misconfiguration to a copy of
// the recorded resources, evaluates both packs in process and prints which controls caught
// it. A mutation counts as caught when the intended control fails on the intended resource
// with the expected message and no other control fails. `--fixture` uses the hand-written
// records of compliant-stack.ts instead of planning. Exits 1 unless every one is caught.

interface Outcome {
  mutation: Mutation;
  caught: boolean;
  failing: string[];
  extra: string[];
}

async function measure(mutation: Mutation, base: PolicyResource[]): Promise<Outcome> {
  const resources = structuredClone(base);
  mutation.apply(resources);
  const { findings } = await evaluatePolicies(resources);
  const fails = findings.filter((f) => f.status === "fail");
  const intended = (f: Finding) =>
    f.controlId === mutation.controlId &&
    f.resourceName === mutation.resourceName &&
    f.message.includes(mutation.messageIncludes);
  const failing = [...new Set(fails.map((f) => `${f.pack}:${f.controlId}`))].sort();
  const extra = [
    ...new Set(fails.filter((f) => f.controlId !== mutation.controlId).map((f) => f.controlId)),
  ].sort();
  return { mutation, caught: fails.some(intended) && extra.length === 0, failing, extra };
}

async function main(): Promise<number> {
  const started = performance.now();
  const fixture = process.argv.includes("--fixture");
  const base = fixture ? compliantStack() : await recordedStack();
  process.stdout.write(
    `source: ${fixture ? "compliant-stack.ts records" : `${PROGRAM} planned under mocks`}, ${base.length} resources\n`,
  );
  const baseline = await evaluatePolicies(base);
  const baselineFails = baseline.findings.filter((f) => f.status !== "pass").length;
  process.stdout.write(`baseline: ${baselineFails} failing or deferred findings (expected 0)\n`);
  const outcomes: Outcome[] = [];
  for (const mutation of mutations) {
    const outcome = await measure(mutation, base);
    outcomes.push(outcome);
    const mark = outcome.caught ? "caught " : "MISSED ";
    const by = outcome.failing.length === 0 ? "nothing" : outcome.failing.join(", ");
    const extra = outcome.extra.length > 0 ? `  (also failing: ${outcome.extra.join(", ")})` : "";
    process.stdout.write(
      `${mark} ${mutation.controlId.padEnd(10)} ${mutation.title}  <- ${by}${extra}\n`,
    );
  }
  const caught = outcomes.filter((o) => o.caught).length;
  const controlsCovered = new Set(mutations.map((m) => m.controlId)).size;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `summary: ${caught}/${outcomes.length} caught by the intended control alone, ${controlsCovered} controls exercised, ${seconds} s\n`,
  );
  return caught === outcomes.length && baselineFails === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
