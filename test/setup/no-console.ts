import { afterEach, beforeEach, vi } from "vitest";

// Fails any test that writes to the console, so stray debugging output and, worse,
// logged note text or secrets cannot slip into the suite unnoticed.
const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(" ").slice(0, 200)}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) {
    throw new Error(`Test wrote to the console:\n${calls.join("\n")}`);
  }
});
