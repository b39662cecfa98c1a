import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("every CLI answers --help", () => {
  it.each([
    ["npm run token", "src/runtime/local/token.cli.ts", "--help", "usage: npm run -s token"],
    ["npm run events", "src/runtime/local/events.cli.ts", "--help", "npm run events -- tail"],
    ["npm run events", "src/runtime/local/events.cli.ts", "-h", "npm run events -- dlq list"],
    [
      "npm run rebuild:usermodel",
      "src/users/wiring/local/rebuild-usermodel.cli.ts",
      "--help",
      "usage: npm run rebuild:usermodel",
    ],
  ])(
    "%s %s: its usage on standard output, nothing on standard error, exit 0",
    async (_name, file, flag, usage) => {
      // Run with an unset data folder: help must not need (or create) one.
      const { stdout, stderr } = await run(process.execPath, [file, flag], {
        env: { ...process.env, ROSTER_DATA_DIR: "/nonexistent/roster-help" },
      });

      expect(stdout).toContain(usage);
      expect(stderr).toBe("");
    },
  );
});
