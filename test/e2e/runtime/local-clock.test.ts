import { readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Json } from "../../support/json.ts";
import {
  freshLocalEnv,
  type LocalProcess,
  localClockCli,
  localToken,
  startLocalProcess,
  stopLocalProcess,
} from "../../support/local-process.ts";

const DAY = 86_400_000;
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const { dataDir, env } = freshLocalEnv("roster-e2e-clock-");
/** The CLIs' environment: the data folder's, and the port the process printed (it was given any free one). */
const cliEnv = (local: LocalProcess) => ({ ...env, PORT: new URL(local.base).port });

async function clockOf(local: LocalProcess, token: string): Promise<Json> {
  const response = await fetch(`${local.base}/local/clock`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function usersSearch(local: LocalProcess, token: string): Promise<Response> {
  return fetch(`${local.base}/users?email=nobody%40example.com`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("time travel in the local process: npm run clock", () => {
  let local: LocalProcess | undefined;
  afterAll(async () => {
    await stopLocalProcess(local);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("advances the running server by 31 days: its time moved, and tokens are judged by it", async () => {
    expect(README, "README.md shows the command").toContain("`npm run clock -- advance 31d`");
    local = await startLocalProcess(env);
    const before = await localToken(env, "--service", "support-tool");
    expect((await usersSearch(local, before)).status).toBe(200);

    const advanced = await localClockCli(cliEnv(local), "advance", "31d");
    const after = await localToken(env, "--operator", "mx-clock");
    const shown = await localClockCli(cliEnv(local), "show");

    expect(advanced.code).toBe(0);
    expect(advanced.stdout).toContain("moved forward 31d\n");
    expect(advanced.stdout).toMatch(/^offset {6}31d \(2678400000 ms\), moved at \S+ real time$/m);
    expect(advanced.stdout).toMatch(/^schedules {3}payments-outbox-relay ok, payments-gateway-webhooks ok/m);
    expect(advanced.stderr).toContain("tokens issued before this move may have expired at the new time");
    const clock = await clockOf(local, after);
    expect(clock.offset_ms).toBe(31 * DAY);
    expect(Date.parse(clock.local_time) - Date.parse(clock.real_time)).toBe(31 * DAY);
    expect(shown.stdout).toContain("offset      31d (2678400000 ms)");
    // A service token issued at the real time has expired at the server's; one issued now is accepted.
    const stale = await usersSearch(local, before);
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as Json).detail).toBe("the token has expired");
    expect((await usersSearch(local, await localToken(env, "--service", "support-tool"))).status).toBe(200);
  });

  it("moves the clock of a stopped server in its data folder, and the next start runs on it", async () => {
    const port = new URL((local as LocalProcess).base).port;
    await stopLocalProcess(local);

    const offline = await localClockCli({ ...env, PORT: port }, "advance", "1d");
    local = await startLocalProcess(env);
    const clock = await clockOf(local, await localToken(env, "--operator", "mx-clock"));

    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain("offset      32d (2764800000 ms)");
    expect(offline.stderr).toContain("the next npm start on this data folder runs on it");
    expect(local.output()).toContain("32d ahead of the real time");
    expect(clock.offset_ms).toBe(32 * DAY);
  });

  it.each([
    [["advance", "0d"], '"0d" is zero'],
    [["advance", "-3d"], '"-3d" is negative: the local clock only moves forward'],
    [["advance", "1.5d"], "is not a duration"],
    [["to", "tomorrow"], "is not an ISO 8601 date-time"],
    [["back", "1d"], "unknown command back"],
  ])("refuses %o with its reason and the usage, exit 2, moving nothing", async (args, reason) => {
    const refused = await localClockCli(cliEnv(local as LocalProcess), ...args);

    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(reason);
    expect(refused.stderr).toContain(
      "usage: npm run clock -- advance <duration> | to <ISO date-time> | show",
    );
  });

  it("refuses to move the running server backwards, exit 1", async () => {
    const refused = await localClockCli(cliEnv(local as LocalProcess), "to", "2020-01-01T00:00:00Z");

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the local clock moves forward only");
    expect(refused.stderr).toContain("delete its data folder");
  });
});
