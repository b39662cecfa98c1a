import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { Json } from "../../support/json.ts";
import { startLocalProcess } from "../../support/local-process.ts";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "roster-e2e-"));
// Run as root, PostgreSQL runs as the OS user "postgres", which must be able to enter the folder.
chmodSync(dataDir, 0o755);
const env = { ...process.env, ROSTER_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "DEBUG" };

const start = () => startLocalProcess(env);

async function token(...args: string[]): Promise<string> {
  const { stdout } = await run("npm", ["run", "-s", "token", "--", ...args], { env });
  return stdout;
}

describe("the local runtime, as the README says to use it", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves sign-up, read and lookup over HTTP, stops cleanly, and keeps the data across a restart", async () => {
    const first = await start();
    const userToken = await token("--user", "auth0|ada", "--mfa");
    expect(userToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const auth = (t: string) => ({ authorization: `Bearer ${t.trim()}`, "content-type": "application/json" });

    const created = await fetch(`${first.base}/users/create`, {
      method: "POST",
      headers: auth(userToken),
      body: JSON.stringify({ user_email: "Ada@Example.com", user_phone: "+1 555 201 7788" }),
    });
    expect(created.status).toBe(201);
    const bad = await fetch(`${first.base}/users/create`, {
      method: "POST",
      headers: auth(userToken),
      body: JSON.stringify({ user_email: "nope", user_phone: "12" }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(((await bad.json()) as Json).errors.map((e: { path: string }) => e.path)).toEqual([
      "user_email",
      "user_phone",
    ]);
    const health = await fetch(`${first.base}/health`);
    expect(((await health.json()) as Json).stores.postgres).toEqual({ status: "ok" });

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

    const second = await start();
    const service = await token("--service", "support-tool");
    const found = await fetch(`${second.base}/users?email=ada%40example.com`, { headers: auth(service) });
    expect(((await found.json()) as Json).items.map((u: { user_phone: string }) => u.user_phone)).toEqual([
      "5552017788",
    ]);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  });

  it("refuses a bad token request with usage on stderr and nothing on stdout", async () => {
    const failed = await run("npm", ["run", "-s", "token", "--", "--service", "x", "--mfa"], { env }).catch(
      (e) => e,
    );
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toContain("--mfa applies to --user tokens only");
  });
});
