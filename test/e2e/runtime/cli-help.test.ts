import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    [
      "npm run clock",
      "src/runtime/local/clock.cli.ts",
      "--help",
      "usage: npm run clock -- advance <duration> | to <ISO date-time> | show",
    ],
    [
      "npm run payments",
      "src/payments/wiring/local/payments.cli.ts",
      "-h",
      "usage: npm run payments -- dispute <confirmation_id> [--close won|lost]",
    ],
    [
      "npm run purchases",
      "src/purchases/wiring/local/purchases.cli.ts",
      "--help",
      "usage: npm run purchases -- apple <command>",
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

describe("the events CLI on an empty data folder", () => {
  it.each([
    [["dlq", "list"], "no dead letters"],
    [["segment", "--user", "auth0|nobody"], "segment: nothing recorded for auth0|nobody"],
  ])(
    "%o says the list is empty on standard error, standard output staying JSON lines",
    async (args, note) => {
      const dataDir = mkdtempSync(join(tmpdir(), "roster-empty-"));
      try {
        const { stdout, stderr } = await run(process.execPath, ["src/runtime/local/events.cli.ts", ...args], {
          env: { ...process.env, ROSTER_DATA_DIR: dataDir },
        });

        expect(stdout).toBe("");
        expect(stderr).toContain(note);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
