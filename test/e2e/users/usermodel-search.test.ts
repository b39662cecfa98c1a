import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../suites/users/usermodel-fixtures.ts";
import type { Json } from "../../support/json.ts";
import { startLocalProcess } from "../../support/local-process.ts";
import { captureCommandOutput } from "../../support/log-capture.ts";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "roster-e2e-usermodel-"));
// Run as root, PostgreSQL runs as the OS user "postgres", which must be able to enter the folder.
chmodSync(dataDir, 0o755);
const env = { ...process.env, ROSTER_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "DEBUG" };

const start = () => startLocalProcess(env);

const token = async (...args: string[]) =>
  (await run("npm", ["run", "-s", "token", "--", ...args], { env })).stdout.trim();

describe("usermodel on the local runtime", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("follows a sign-up into operator search, and survives a stop, a rebuild and a restart", async () => {
    const first = await start();
    const headers = (t: string) => ({ authorization: `Bearer ${t}`, "content-type": "application/json" });
    const created = await fetch(`${first.base}/users/create`, {
      method: "POST",
      headers: headers(await token("--user", "auth0|ada", "--mfa")),
      body: JSON.stringify({
        user_email: "Ada@Example.com",
        user_first_name: "Ada",
        user_last_name: "Lovelace",
        user_city: "San Antonio",
        user_phone: "(555) 201-7788",
      }),
    });
    expect(created.status).toBe(201);
    const operator = await token("--operator", "mx-kim");
    const search = async (base: string, q: string): Promise<Json> =>
      (await fetch(`${base}/users/search?q=${encodeURIComponent(q)}`, { headers: headers(operator) })).json();

    // The projection is asynchronous (the change log's poller): wait for it, with a deadline.
    const found = await eventually(async () => {
      const page = await search(first.base, "lovelace antonio");
      return page.items?.length > 0 ? page : undefined;
    }, "the sign-up to reach usermodel");
    expect(found.items.map((u: Json) => [u.user_id, u.user_phone, u.user_status])).toEqual([
      ["auth0|ada", "5552017788", "PROCESSING"],
    ]);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const rebuilt = await run("npm", ["run", "-s", "rebuild:usermodel"], { env });
    captureCommandOutput("rebuild-usermodel-cli", rebuilt.stdout, rebuilt.stderr);
    // At LOG_LEVEL=DEBUG its JSON log lines come first; what it tells the person is the one other line.
    const told = rebuilt.stdout.split("\n").filter((line) => line !== "" && !line.startsWith("{"));
    expect(told).toEqual([expect.stringMatching(/^usermodel rebuilt: \d+ changes replayed, 1 users$/)]);

    const second = await start();
    const again = await search(second.base, "555-201-7788");
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
    expect(again.items.map((u: Json) => u.user_id)).toEqual(["auth0|ada"]);
  });
});
