// IAM-style JSON policy documents (IAM policies, bucket policies, key policies) as plain
// statements, whether a program passed the document as a JSON string or as an object.

export interface Statement {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  /** `*` for an anonymous principal, otherwise the ARNs or service names listed. */
  principals: string[];
  hasCondition: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: condition blocks are free-form JSON
  condition: Record<string, any>;
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function principalsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  return Object.values(value as Record<string, unknown>).flatMap(list);
}

/** Parses a policy document; a string that is not JSON yields a single invalid marker. */
export function statementsOf(document: unknown): Statement[] | "invalid" {
  if (document === undefined || document === null || document === "") return [];
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return "invalid";
    }
  }
  const raw = (parsed as { Statement?: unknown }).Statement;
  let statements: Record<string, unknown>[] = [];
  if (Array.isArray(raw)) statements = raw;
  else if (raw !== undefined) statements = [raw as Record<string, unknown>];
  return statements.map((s: Record<string, unknown>) => ({
    effect: String(s.Effect ?? "Allow"),
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    principals: principalsOf(s.Principal),
    hasCondition: s.Condition !== undefined && Object.keys(s.Condition as object).length > 0,
    condition: (s.Condition as Record<string, unknown>) ?? {},
  }));
}

/** True when an Allow statement opens the resource to anyone, with no condition to narrow it. */
export function isPublicAllow(statement: Statement): boolean {
  return (
    statement.effect === "Allow" &&
    !statement.hasCondition &&
    statement.principals.some((p) => p === "*" || p === "arn:aws:iam::*:root")
  );
}
