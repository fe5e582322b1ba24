import { jobLog } from "./log";
import { runJob } from "./run";
import { jobHelp, parseJobSettings, SettingsError } from "./settings";

// The container's entry point: `node --import tsx jobs/deid/main.ts --input s3://… --output
// s3://… --shard /N`. Settings come from flags, then environment variables. Exit codes:
// 0 done, 1 run failed (nothing half-published), 2 invalid settings.

export async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let settings: ReturnType<typeof parseJobSettings>;
  try {
    settings = parseJobSettings(args, env);
  } catch (error) {
    if (error instanceof SettingsError) {
      jobLog("error", error.message);
      return 2;
    }
    throw error;
  }
  if (settings === "help") {
    process.stdout.write(`${jobHelp("deid-job")}\n`);
    return 0;
  }
  try {
    await runJob(settings);
    return 0;
  } catch (error) {
    jobLog("error", "deid run failed", {
      error: error instanceof Error ? error.message : String(error),
    });
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
