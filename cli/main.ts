import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EXIT_FAILED, EXIT_USAGE, UsageError } from "./errors";
import { log } from "./log";

/** A subcommand: parses its own arguments and returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

// Each subcommand lives in cli/commands/<name>.ts and is loaded only when called, so
// `hcft estimate` does not pay for loading the Pulumi SDK.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  estimate: {
    summary: "peak GPU memory, its breakdown and the cheapest instance that fits",
    load: async () => (await import("./commands/estimate.js")).run,
  },
  tiers: {
    summary: "one row per stack: model, method, instances, headroom and estimated cost",
    load: async () => (await import("./commands/tiers.js")).run,
  },
  plan: {
    summary: "run the Pulumi program offline under mocks and write plan, policy results, reports",
    load: async () => (await import("./commands/plan.js")).run,
  },
  report: {
    summary: "compliance matrix (controls x stacks) as Markdown and HTML",
    load: async () => (await import("./commands/report.js")).run,
  },
  deid: {
    summary: "de-identify JSON Lines or text, locally or on s3:// URIs",
    load: async () => (await import("./commands/deid.js")).run,
  },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return [
    "Usage: hcft <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "Run `hcft <command> --help` for a command's options, `hcft --version` for the version.",
  ].join("\n");
}

/** Reads the `version` field of this package's package.json, one folder above cli/. */
export function packageVersion(): string {
  const file = path.join(__dirname, "..", "package.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "unknown";
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    log.out(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    log.out(packageVersion());
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    const known = [...Object.keys(commands), "help", "version"].join(", ");
    log.error(`unknown command "${name}"; expected one of: ${known}`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      log.error(error.message);
      return EXIT_USAGE;
    }
    // Unexpected failures still get one readable line; the stack only with HCFT_DEBUG=1.
    log.error(`hcft ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.HCFT_DEBUG === "1" && error instanceof Error && error.stack) {
      log.info(error.stack);
    }
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
