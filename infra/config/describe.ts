import type { z } from "zod";

// Reads the zod schema to say in words what a key accepts ("an integer from 128 to
// 262144"), so every config message follows one template whatever zod's issue was.

type Def = {
  type: string;
  innerType?: z.core.$ZodType;
  discriminator?: string;
  options?: z.core.$ZodType[];
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
};

type CheckDef = { check: string; value?: number; inclusive?: boolean; minimum?: number };

function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** Returns the value at `path` inside `raw`, or undefined where a step is missing. */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Strips optional, default and prefault wrappers. */
export function unwrapWrappers(schema: z.core.$ZodType): z.core.$ZodType {
  const def = defOf(schema);
  return def.innerType === undefined ? schema : unwrapWrappers(def.innerType);
}

/** Returns the literal values a discriminated union's option accepts for its tag. */
export function tagValues(option: z.core.$ZodType, discriminator: string): unknown[] {
  const tag = defOf(option).shape?.[discriminator];
  return tag === undefined ? [] : (defOf(unwrapWrappers(tag)).values ?? []);
}

/**
 * Resolves the schema for `value`: strips wrappers and, for a discriminated union, picks
 * the option whose tag matches the value's discriminator (the union itself when none does).
 */
export function resolveSchema(schema: z.core.$ZodType, value: unknown): z.core.$ZodType {
  const inner = unwrapWrappers(schema);
  const def = defOf(inner);
  if (def.type !== "union" || def.discriminator === undefined || def.options === undefined) {
    return inner;
  }
  const tag = valueAt(value, [def.discriminator]);
  const discriminator = def.discriminator;
  const match = def.options.find((option) => tagValues(option, discriminator).includes(tag));
  return match ?? inner;
}

/** Returns the schema of the key at `path`, following `raw` through unions and lists. */
export function schemaAt(
  root: z.core.$ZodType,
  raw: unknown,
  path: readonly PropertyKey[],
): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType | undefined = root;
  for (let depth = 0; depth < path.length && schema !== undefined; depth++) {
    const def = defOf(resolveSchema(schema, valueAt(raw, path.slice(0, depth))));
    schema = def.type === "array" ? def.element : def.shape?.[String(path[depth])];
  }
  return schema === undefined ? undefined : resolveSchema(schema, valueAt(raw, path));
}

/** Returns the keys an object schema accepts, or [] for any other schema. */
export function objectKeys(schema: z.core.$ZodType | undefined): string[] {
  const shape = schema === undefined ? undefined : defOf(schema).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function describeNumber(def: Def, noun: string): string {
  let low: CheckDef | undefined;
  let high: CheckDef | undefined;
  for (const check of def.checks ?? []) {
    const checkDef = check._zod.def;
    if (checkDef.check === "greater_than") low = checkDef;
    if (checkDef.check === "less_than") high = checkDef;
  }
  if (low?.inclusive && high?.inclusive) return `${noun} from ${low.value} to ${high.value}`;
  const bounds: string[] = [];
  if (low !== undefined) bounds.push(`${low.inclusive ? "at least" : "greater than"} ${low.value}`);
  if (high !== undefined) bounds.push(`${high.inclusive ? "at most" : "less than"} ${high.value}`);
  return bounds.length === 0 ? noun : `${noun} ${bounds.join(" and ")}`;
}

function minLength(def: Def): number {
  const check = def.checks?.find((item) => item._zod.def.check === "min_length");
  return check?._zod.def.minimum ?? 0;
}

/** Describes in words what `schema` accepts, as the text after "expected". */
export function describeSchema(schema: z.core.$ZodType): string {
  const inner = unwrapWrappers(schema);
  const def = defOf(inner);
  const format = (inner as { format?: string | null }).format;
  switch (def.type) {
    case "number":
      return describeNumber(def, format === "safeint" ? "an integer" : "a number");
    case "boolean":
      return "true or false";
    case "string":
      return minLength(def) > 0 ? "a non-empty string" : "a string";
    case "enum":
      return `one of ${Object.values(def.entries ?? {}).join(", ")}`;
    case "literal":
      return (def.values ?? []).map(String).join(" or ");
    case "array": {
      const element = def.element === undefined ? "values" : describeSchema(def.element);
      const count = minLength(def) > 0 ? `at least ${minLength(def)} of ` : "";
      return `a list of ${count}${element.replace(/^one of /, "")}`;
    }
    case "object":
      return `an object with keys ${objectKeys(inner).join(", ")}`;
    case "union":
      return describeUnion(def);
    default:
      return def.type;
  }
}

function describeUnion(def: Def): string {
  const options = def.options ?? [];
  if (def.discriminator !== undefined) {
    const discriminator = def.discriminator;
    const tags = options.flatMap((option) => tagValues(option, discriminator)).map(String);
    return `an object with ${discriminator}: ${tags.join("|")}`;
  }
  return `one of ${options.map(describeSchema).join(", ")}`;
}
