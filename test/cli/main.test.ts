import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { setSink } from "../../cli/log";
import { main } from "../../cli/main";

async function hcft(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const previous = setSink({ out: (line) => out.push(line), err: (line) => err.push(line) });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    setSink(previous);
  }
}

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

describe("hcft top level", () => {
  it("help prints usage with exit 0", async () => {
    const run = await hcft(["help"]);

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out.join("\n")).toMatch(/^Usage: hcft <command> \[options\]\n/);
    expect(run.out.join("\n")).toContain("  plan      ");
  });

  it("--help matches help", async () => {
    const help = await hcft(["help"]);
    const flag = await hcft(["--help"]);

    expect(flag.code).toBe(0);
    expect(flag.out).toEqual(help.out);
  });

  it("no arguments prints usage with exit 2", async () => {
    const run = await hcft([]);

    expect(run.code).toBe(2);
    expect(run.out.join("\n")).toMatch(/^Usage: hcft <command> \[options\]\n/);
  });

  it.each([["--version"], ["version"], ["-V"]])("%s prints the package version", async (flag) => {
    const run = await hcft([flag]);

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([manifest.version]);
  });

  it("unknown command lists help and version", async () => {
    const run = await hcft(["plna"]);

    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      'error: unknown command "plna"; expected one of: estimate, tiers, plan, report, deid, help, version',
    ]);
  });
});
