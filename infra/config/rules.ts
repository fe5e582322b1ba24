import { dpdpMinimumRetentionDays, hipaaRetentionDays } from "../audit/retention";
import { findModel, listModelIds } from "../sizing";
import { valueAt } from "./describe";
import { type ConfigIssue, invalidValue } from "./errors";

// Checks that read the raw config, so they report even when other keys fail zod's parse.
// Each looks only at values of the right type and leaves the wrong types to the schema.

/**
 * Checks the model: it must be in the sizing catalog, lengths past its
 * max_position_embeddings need RoPE scaling that a stack cannot configure (vLLM rejects
 * such a --max-model-len), and image settings need a vision tower.
 */
export function checkModelId(raw: unknown): ConfigIssue[] {
  const id = valueAt(raw, ["model", "id"]);
  if (typeof id !== "string" || id === "") return [];
  const model = findModel(id);
  if (model === undefined) {
    const known = listModelIds().join(", ");
    return [{ path: "model.id", value: id, message: invalidValue(id, `one of ${known}`) }];
  }
  const issues: ConfigIssue[] = [];
  const limit = model.maxPositionEmbeddings;
  for (const path of [
    ["training", "seqLen"],
    ["serving", "maxModelLen"],
  ]) {
    const length = valueAt(raw, path);
    if (typeof length === "number" && length > limit) {
      issues.push({
        path: path.join("."),
        value: length,
        message: invalidValue(length, `at most ${limit}, the max_position_embeddings of ${id}`),
      });
    }
  }
  const vision = valueAt(raw, ["training", "vision"]);
  if (vision !== undefined && model.vision === undefined) {
    const visionModels = listModelIds().filter((known) => findModel(known)?.vision !== undefined);
    issues.push({
      path: "training.vision",
      value: vision,
      message: invalidValue(
        vision,
        `no vision settings because ${id} has no vision tower; remove training.vision ` +
          `or use one of ${visionModels.join(", ")}`,
      ),
    });
  }
  return issues;
}

/**
 * Checks `retention.logDays` and `retention.auditDays` against the longest retention the
 * compliance profiles require: HIPAA six years, DPDP one year (see infra/audit/retention.ts).
 */
export function checkRetention(raw: unknown): ConfigIssue[] {
  const profiles = valueAt(raw, ["compliance", "profiles"]);
  if (!Array.isArray(profiles)) return [];
  const floors: [string, number][] = [];
  if (profiles.includes("hipaa")) floors.push(["hipaa", hipaaRetentionDays]);
  if (profiles.includes("dpdp")) floors.push(["dpdp", dpdpMinimumRetentionDays]);
  if (floors.length === 0) return [];
  const [profile, floor] = floors.reduce((a, b) => (b[1] > a[1] ? b : a));

  const issues: ConfigIssue[] = [];
  for (const key of ["logDays", "auditDays"]) {
    const days = valueAt(raw, ["retention", key]);
    if (!Number.isInteger(days) || (days as number) < 1 || (days as number) >= floor) continue;
    issues.push({
      path: `retention.${key}`,
      value: days,
      message: invalidValue(
        days,
        `at least ${floor} days because compliance profile ${profile} requires it`,
      ),
    });
  }
  return issues;
}
