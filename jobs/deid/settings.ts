import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseShard, type Shard } from "./shard";

/** Invalid job settings: the command line turns this into a usage error (exit 2). */
export class SettingsError extends Error {
  override name = "SettingsError";
}

export interface JobSettings {
  input: string;
  output: string;
  mode: "redact" | "surrogate";
  format: "auto" | "jsonl" | "text";
  textField: string;
  patientField: string;
  keepFields: string[];
  spans: boolean;
  keepFacilities: boolean;
  onError: "skip" | "fail";
  shard: Shard;
  report?: string;
  audit?: string;
  /** Surrogate key; kept out of every report, log line and error message. */
  secret?: Buffer;
  s3Endpoint?: string;
  region?: string;
  /** Digest of the container image, recorded in lineage (HCFT_IMAGE_DIGEST). */
  image?: string;
}

/** Flags, the environment variable each falls back to, and what it sets. */
export const JOB_OPTIONS = {
  input: {
    type: "string",
    env: "HCFT_DEID_INPUT",
    help: "input file, directory or s3:// URI (prefix ends in /)",
  },
  output: { type: "string", env: "HCFT_DEID_OUTPUT", help: "output file, directory or s3:// URI" },
  mode: { type: "string", env: "HCFT_DEID_MODE", help: "redact (default) or surrogate" },
  format: {
    type: "string",
    env: "HCFT_DEID_FORMAT",
    help: "auto (default: by extension), jsonl or text",
  },
  "text-field": {
    type: "string",
    env: "HCFT_DEID_TEXT_FIELD",
    help: "JSON field with the note text (default text)",
  },
  "patient-field": {
    type: "string",
    env: "HCFT_DEID_PATIENT_FIELD",
    help: "JSON field naming the patient, for surrogates (default patient_id)",
  },
  "keep-fields": {
    type: "string",
    env: "HCFT_DEID_KEEP_FIELDS",
    help: "comma-separated JSON fields copied unchanged (default id,kind,locale)",
  },
  spans: {
    type: "boolean",
    env: "HCFT_DEID_SPANS",
    help: "add detected spans {start,end,label} to each output record",
  },
  "keep-facilities": {
    type: "boolean",
    env: "HCFT_DEID_KEEP_FACILITIES",
    help: "keep hospital and clinic names (strict Safe Harbor)",
  },
  "on-error": {
    type: "string",
    env: "HCFT_DEID_ON_ERROR",
    help: "fail (default) or skip unreadable lines",
  },
  shard: {
    type: "string",
    env: "HCFT_DEID_SHARD",
    help: "I/N or /N (index from JOB_COMPLETION_INDEX)",
  },
  report: {
    type: "string",
    env: "HCFT_DEID_REPORT",
    help: "run report location (default next to the output)",
  },
  audit: {
    type: "string",
    env: "HCFT_DEID_AUDIT_URI",
    help: "audit prefix for the lineage record",
  },
  "secret-file": {
    type: "string",
    env: "HCFT_DEID_SECRET_FILE",
    help: "file holding the surrogate HMAC secret",
  },
  "s3-endpoint": {
    type: "string",
    env: "HCFT_S3_ENDPOINT",
    help: "S3-compatible endpoint URL (tests, on-premises)",
  },
  region: { type: "string", env: "AWS_REGION", help: "AWS region for S3" },
  help: { type: "boolean", env: "", help: "print this help" },
} as const;

type OptionName = keyof typeof JOB_OPTIONS;

/** Returns the help text listing every flag and its environment variable. */
export function jobHelp(command: string): string {
  const rows = Object.entries(JOB_OPTIONS).map(([name, option]) => {
    const flag = option.type === "string" ? `--${name} <value>` : `--${name}`;
    const env = option.env === "" ? "" : ` [env ${option.env}]`;
    return `  ${flag.padEnd(28)}${option.help}${env}`;
  });
  const secret =
    "  Surrogate mode reads its secret from HCFT_DEID_SECRET or --secret-file (16+ bytes).";
  return [
    `Usage: ${command} --input <location> --output <location> [options]`,
    "",
    ...rows,
    "",
    secret,
  ].join("\n");
}

/** Parses job settings from flags, falling back to environment variables. */
export function parseJobSettings(args: string[], env: NodeJS.ProcessEnv): JobSettings | "help" {
  const options = Object.fromEntries(
    Object.entries(JOB_OPTIONS).map(([name, option]) => [name, { type: option.type }]),
  ) as { [K in OptionName]: { type: "string" | "boolean" } };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new SettingsError(`${(error as Error).message}; run with --help for the accepted flags`);
  }
  if (values.help === true) return "help";
  const text = (name: OptionName): string | undefined => {
    const value = values[name];
    if (typeof value === "string") return value;
    const fromEnv = env[JOB_OPTIONS[name].env];
    return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  };
  const flag = (name: OptionName): boolean => {
    if (values[name] === true) return true;
    const fromEnv = env[JOB_OPTIONS[name].env];
    return fromEnv === "1" || fromEnv === "true";
  };
  const input = required(text("input"), "input");
  const output = required(text("output"), "output");
  const mode = oneOf(text("mode") ?? "redact", "mode", ["redact", "surrogate"] as const);
  let shard: Shard;
  try {
    shard = parseShard(text("shard"), env);
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const settings: JobSettings = {
    input,
    output,
    mode,
    format: oneOf(text("format") ?? "auto", "format", ["auto", "jsonl", "text"] as const),
    textField: text("text-field") ?? "text",
    patientField: text("patient-field") ?? "patient_id",
    keepFields: (text("keep-fields") ?? "id,kind,locale").split(",").filter((f) => f.length > 0),
    spans: flag("spans"),
    keepFacilities: flag("keep-facilities"),
    onError: oneOf(text("on-error") ?? "fail", "on-error", ["skip", "fail"] as const),
    shard,
    report: text("report"),
    audit: text("audit"),
    s3Endpoint: text("s3-endpoint"),
    region: text("region") ?? nonEmpty(env.AWS_DEFAULT_REGION),
    image: nonEmpty(env.HCFT_IMAGE_DIGEST),
  };
  if (mode === "surrogate") settings.secret = readSecret(text("secret-file"), env);
  if (settings.spans && settings.format === "text") {
    throw new SettingsError(
      "--spans needs JSON Lines records: use --format jsonl or auto with .jsonl inputs",
    );
  }
  return settings;
}

function readSecret(file: string | undefined, env: NodeJS.ProcessEnv): Buffer {
  let secret: Buffer | undefined;
  if (file !== undefined) {
    try {
      secret = Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
    } catch (error) {
      throw new SettingsError(
        `cannot read --secret-file "${file}": ${(error as NodeJS.ErrnoException).code ?? "read failed"}`,
      );
    }
  } else if (nonEmpty(env.HCFT_DEID_SECRET) !== undefined) {
    secret = Buffer.from(env.HCFT_DEID_SECRET!, "utf8");
  }
  if (secret === undefined) {
    throw new SettingsError(
      "surrogate mode needs a secret: set HCFT_DEID_SECRET or pass --secret-file <path>",
    );
  }
  if (secret.length < 16) {
    throw new SettingsError(
      `the surrogate secret is ${secret.length} bytes; expected at least 16 (for example 32 random bytes, hex-encoded)`,
    );
  }
  return secret;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) {
    throw new SettingsError(
      `missing --${name} (or ${JOB_OPTIONS[name as OptionName].env}): expected a local path or s3:// URI`,
    );
  }
  return value;
}

function oneOf<T extends string>(value: string, name: string, accepted: readonly T[]): T {
  if (!(accepted as readonly string[]).includes(value)) {
    throw new SettingsError(`invalid --${name} "${value}": expected one of ${accepted.join(", ")}`);
  }
  return value as T;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
