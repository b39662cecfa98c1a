import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalClock } from "../../../src/platform/adapters/embedded/local-clock.ts";
import { LocalIssuer, type TokenRequest } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { LocalScheduler } from "../../../src/platform/adapters/embedded/local-scheduler.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { createLocalApp } from "../../../src/runtime/local/local-app.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";

const logger = testLogger("test-local-clock-routes");
const DAY = 86_400_000;

describe("the local process's clock at /local/clock", () => {
  let dataDir: string;
  let real: ManualClock;
  let clock: LocalClock;
  let issuer: LocalIssuer;
  /** The local time each run of the renewal schedule saw. */
  let seen: string[];
  /** The renewal schedule waits for this; hold() makes it wait until release(). */
  let gate: Promise<void>;
  let release: () => void = () => undefined;
  const hold = () => {
    gate = new Promise<void>((done) => (release = done));
  };
  let app: ReturnType<typeof createLocalApp>;

  const token = (request: TokenRequest) => issuer.issue(request, clock.now());
  const call = async (method: "GET" | "POST", bearer?: string, body?: unknown) =>
    app.request("/local/clock", {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "roster-clock-route-"));
    real = new ManualClock("2026-07-01T09:00:00.000Z");
    clock = LocalClock.open(dataDir, real);
    issuer = await LocalIssuer.open(dataDir);
    seen = [];
    gate = Promise.resolve();
    const scheduler = new LocalScheduler(
      [
        {
          name: "renewals",
          rateMs: 60_000,
          handler: async () => {
            await gate;
            seen.push(clock.now().toISOString());
          },
        },
      ],
      { logger, timeoutMs: 1_000 },
    );
    app = createLocalApp([], {
      version: "0.1.0",
      logger,
      jwks: () => issuer.jwks(),
      clock: {
        clock,
        runSchedules: () => scheduler.runNow(),
        principals: issuer.principalResolver(clock),
        logger,
      },
    });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("shows the local time, the offset and the real time to operators and services, never to users", async () => {
    const operator = await token({ kind: "operator", id: "mx-ada" });
    const service = await token({ kind: "service", id: "support-tool" });
    const user = await token({ kind: "user", id: "auth0|ada", mfa: true });

    const shown = await call("GET", operator);
    const byService = await call("GET", service);
    const byUser = await call("GET", user);
    const anonymous = await call("GET");

    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual({
      local_time: "2026-07-01T09:00:00.000Z",
      real_time: "2026-07-01T09:00:00.000Z",
      offset_ms: 0,
      offset: "0m",
      set_at: null,
    });
    expect(byService.status).toBe(200);
    expect([byUser.status, anonymous.status]).toEqual([403, 401]);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
  });

  it("moves forward by a duration, keeps it in the data folder, and answers once every schedule ran at the new time", async () => {
    const operator = await token({ kind: "operator", id: "mx-ada" });

    const moved = await call("POST", operator, { advance: "31d" });

    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({
      local_time: "2026-08-01T09:00:00.000Z",
      real_time: "2026-07-01T09:00:00.000Z",
      offset_ms: 31 * DAY,
      offset: "31d",
      set_at: "2026-07-01T09:00:00.000Z",
      moved_from: "2026-07-01T09:00:00.000Z",
      schedules: [{ schedule: "renewals", ok: true }],
    });
    expect(seen).toEqual(["2026-08-01T09:00:00.000Z"]);
    expect(LocalClock.open(dataDir, real).now().toISOString()).toBe("2026-08-01T09:00:00.000Z");
  });

  it("does not answer the move before the schedules have finished", async () => {
    const operator = await token({ kind: "operator", id: "mx-ada" });
    hold();
    let answered = false;

    const moving = call("POST", operator, { to: "2026-09-01T00:00:00Z" }).then((response) => {
      answered = true;
      return response;
    });
    await new Promise((done) => setImmediate(done));
    const early = { answered, seen: [...seen] };
    release();
    const moved = await moving;

    expect(early).toEqual({ answered: false, seen: [] });
    expect(moved.status).toBe(200);
    expect(seen).toEqual(["2026-09-01T00:00:00.000Z"]);
  });

  it("refuses a move backwards (422) or a bad body (400, naming the field) and stays where it was", async () => {
    await call("POST", await token({ kind: "operator", id: "mx-ada" }), { advance: "1d" });
    // Issued at the new local time: the first one expired with the day that passed.
    const operator = await token({ kind: "operator", id: "mx-ada" });

    const back = await call("POST", operator, { to: "2026-07-01T12:00:00Z" });
    const negative = await call("POST", operator, { advance: "-3d" });
    const both = await call("POST", operator, { advance: "1d", to: "2027-01-01T00:00:00Z" });
    const unknown = await call("POST", operator, { back: "1d" });
    const user = await call("POST", await token({ kind: "user", id: "auth0|ada", mfa: true }), {
      advance: "1d",
    });

    expect(back.status).toBe(422);
    expect(((await back.json()) as Json).detail).toContain(
      "is not after the local time 2026-07-02T09:00:00.000Z: the local clock moves forward only",
    );
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as Json).errors).toEqual([
      { path: "advance", message: '"-3d" is negative: the local clock only moves forward' },
    ]);
    expect([both.status, unknown.status, user.status]).toEqual([400, 400, 403]);
    expect(clock.now().toISOString()).toBe("2026-07-02T09:00:00.000Z");
    expect(seen).toEqual(["2026-07-02T09:00:00.000Z"]);
  });

  it("judges tokens by the local time: one issued before a month passed has expired, a fresh one is accepted", async () => {
    const before = await token({ kind: "operator", id: "mx-ada" });
    await call("POST", before, { advance: "31d" });

    const stale = await call("GET", before);
    const fresh = await call("GET", await token({ kind: "operator", id: "mx-ada" }));

    expect(stale.status).toBe(401);
    expect(((await stale.json()) as Json).detail).toBe("the token has expired");
    expect(fresh.status).toBe(200);
  });

  it("is in no OpenAPI document", async () => {
    const document = (await (await app.request("/openapi.json")).json()) as Json;

    expect(Object.keys(document.paths ?? {})).not.toContain("/local/clock");
  });
});
