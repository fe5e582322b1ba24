// IAM policy documents as typed values, built from explicit statements. Every builder in
// this project goes through `policyDocument`, which rejects a granted `*` action and a `*`
// resource on granted data actions, so an over-broad grant fails at plan time.

export type Principal =
  | "*"
  | { AWS: string | string[] }
  | { Service: string | string[] }
  | { Federated: string | string[] };

export type ConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export interface Statement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Principal;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

// Services whose actions read or change customer data. A grant of one of these actions
// must name its resources instead of `*`.
const dataServices = ["s3", "kms", "logs", "sns", "secretsmanager", "dynamodb"];

// Actions that AWS only accepts with Resource "*", because they act on no single resource.
const resourceLessActions = new Set([
  "s3:ListAllMyBuckets",
  "logs:DescribeLogGroups",
  "kms:ListAliases",
  "kms:ListKeys",
]);

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Lists what is wrong with one statement; an empty list means it is acceptable. */
export function validateStatement(statement: Statement): string[] {
  const problems: string[] = [];
  const actions = asList(statement.Action);
  const resources = asList(statement.Resource);
  if (actions.length === 0) problems.push(`statement ${statement.Sid} has no action`);
  // A Deny may be broad (deny every S3 action without TLS), so only grants are checked.
  for (const action of statement.Effect === "Allow" ? actions : []) {
    if (action === "*" || action.endsWith(":*")) {
      problems.push(
        `statement ${statement.Sid} uses wildcard action "${action}"; list the actions`,
      );
    }
  }
  // Key policies (a Principal plus Resource "*") are exempt, because in a key policy "*"
  // means "this key".
  const isResourcePolicy = statement.Principal !== undefined;
  if (!isResourcePolicy && statement.Effect === "Allow" && resources.includes("*")) {
    const dataActions = actions.filter(
      (a) => dataServices.includes(a.split(":")[0] ?? "") && !resourceLessActions.has(a),
    );
    if (dataActions.length > 0) {
      problems.push(
        `statement ${statement.Sid} grants data actions ${dataActions.join(", ")} on "*"; name the resources`,
      );
    }
  }
  return problems;
}

/** Builds a policy document, throwing one error that lists every invalid statement. */
export function policyDocument(statements: Statement[]): PolicyDocument {
  const problems = statements.flatMap(validateStatement);
  const sids = statements.map((s) => s.Sid);
  const duplicates = sids.filter((sid, i) => sids.indexOf(sid) !== i);
  if (duplicates.length > 0) problems.push(`duplicate statement ids: ${duplicates.join(", ")}`);
  if (problems.length > 0) {
    throw new Error(`invalid IAM policy document:\n  ${problems.join("\n  ")}`);
  }
  return { Version: "2012-10-17", Statement: statements };
}
