#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx hcft` needs no build step.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const entry = path.join(__dirname, "..", "cli", "main.ts");
const result = spawnSync(process.execPath, ["--import", "tsx", entry, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
