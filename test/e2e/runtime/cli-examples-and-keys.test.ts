import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { Json } from "../../support/json.ts";

const run = promisify(execFile);
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh, empty data folder: nothing has ever started on it. */
function emptyDataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "roster-cli-"));
  folders.push(folder);
  return folder;
}

/** `npm run -s <script> -- <args>` on the data folder; a failure answers its code and output too. */
async function cli(dataDir: string, script: string, ...args: string[]) {
  return run("npm", ["run", "-s", script, "--", ...args], {
    env: { ...process.env, ROSTER_DATA_DIR: dataDir },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("npm run token and the data folder's issuer key", () => {
  it("refuses to mint for a folder with no key, naming the folder and how to choose or make one", async () => {
    const dataDir = emptyDataFolder();

    const refused = await cli(dataDir, "token", "--user", "auth0|ada", "--mfa");

    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`no issuer key in ${dataDir}`);
    expect(refused.stderr).toContain("ROSTER_DATA_DIR");
    expect(refused.stderr).toContain("--create-key");
    expect(existsSync(join(dataDir, "issuer-key.json"))).toBe(false);
  });

  it("makes the key on --create-key, then signs with it, saying on stderr which key and folder", async () => {
    const dataDir = emptyDataFolder();

    const made = await cli(dataDir, "token", "--service", "support-tool", "--create-key");
    const again = await cli(dataDir, "token", "--operator", "mx-kim");

    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const kid = /made a new issuer key (\S+) in (\S+) and signed with it/.exec(made.stderr);
    expect(kid?.[2]).toBe(dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(again.stderr).toBe(`signed with the issuer key ${kid?.[1]} in ${dataDir}\n`);
  });
});

describe("npm run events -- put, of an example record for a user", () => {
  const tailed = async (dataDir: string): Promise<Json[]> =>
    (await cli(dataDir, "events", "tail", "subscriptions", "--no-follow")).stdout
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line).data);

  it("dates it now for a user with no pause, and says which fields it filled", async () => {
    const dataDir = emptyDataFolder();
    const before = Date.now();

    const put = await cli(
      dataDir,
      "events",
      "put",
      "subscriptions",
      "examples/events/subscriptions-pause-resume.json",
      "--user",
      "auth0|ada",
    );

    expect(put.code).toBe(0);
    expect(put.stderr).toBe(
      "filled in for auth0|ada: occurred_at, payload.updated_at, payload.unpause_date, payload.next_billing_date (--keep-dates puts the file's values)\n",
    );
    const [record] = await tailed(dataDir);
    for (const instant of [record.occurred_at, record.payload.updated_at, record.payload.unpause_date])
      expect(Date.parse(instant)).toBeGreaterThanOrEqual(before - 1000);
    expect(record.payload.next_billing_date).toBe(record.payload.unpause_date.slice(0, 10));
  });

  it("puts the file's dates with --keep-dates", async () => {
    const dataDir = emptyDataFolder();

    const put = await cli(
      dataDir,
      "events",
      "put",
      "subscriptions",
      "examples/events/subscriptions-pause-resume.json",
      "--user",
      "auth0|ada",
      "--keep-dates",
    );

    expect([put.code, put.stderr]).toEqual([0, ""]);
    const [record] = await tailed(dataDir);
    expect(record.payload.unpause_date).toBe("2025-06-01T00:00:00.000Z");
  });
});
