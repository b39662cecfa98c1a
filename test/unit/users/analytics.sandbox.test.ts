import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import {
  SandboxAnalytics,
  segmentSandboxTable,
} from "../../../src/users/adapters/sandbox/analytics.sandbox.ts";
import type { TrackEvent } from "../../../src/users/ports/analytics.port.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";

const sandbox = () => {
  const clock = new ManualClock(TEST_NOW);
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  return { store, clock, analytics: new SandboxAnalytics({ store, clock }) };
};

const unpause = (messageId: string, userId: string, timestamp = TEST_NOW): TrackEvent => ({
  messageId,
  userId,
  event: "user-membership-unpause",
  properties: { email: "ada@example.com", unpause_date: "2026-12-01", charged: false, months: 2 },
  timestamp,
});

describe("the Segment sandbox", () => {
  it("records a track call with its properties", async () => {
    const { analytics } = sandbox();
    await analytics.track(unpause("evt-1", "auth0|ada"));
    expect(await analytics.calls("auth0|ada")).toEqual([
      { ...unpause("evt-1", "auth0|ada"), recordedAt: TEST_NOW },
    ]);
  });

  it("records a repeated messageId once, as Segment drops duplicates", async () => {
    const { analytics, clock } = sandbox();
    await analytics.track(unpause("evt-1", "auth0|ada"));
    clock.advance(60_000);
    await analytics.track({ ...unpause("evt-1", "auth0|ada"), event: "something-else" });
    const calls = await analytics.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ event: "user-membership-unpause", recordedAt: TEST_NOW });
  });

  it("lists every user's calls or one user's, oldest first by the event's time", async () => {
    const { analytics } = sandbox();
    await analytics.track(unpause("evt-3", "auth0|ada", "2026-11-22T11:00:00+01:00"));
    await analytics.track(unpause("evt-1", "auth0|bob", "2026-11-22T09:00:00Z"));
    await analytics.track(unpause("evt-2", "auth0|ada", "2026-11-22T09:30:00Z"));
    expect((await analytics.calls()).map((c) => c.messageId)).toEqual(["evt-1", "evt-2", "evt-3"]);
    expect((await analytics.calls("auth0|ada")).map((c) => c.messageId)).toEqual(["evt-2", "evt-3"]);
    expect(await analytics.calls("auth0|nobody")).toEqual([]);
  });

  it("keeps calls in the embedded store, where another instance finds them", async () => {
    const first = sandbox();
    await first.analytics.track(unpause("evt-1", "auth0|ada"));
    const second = new SandboxAnalytics({ store: first.store, clock: first.clock });
    expect(await second.calls("auth0|ada")).toHaveLength(1);
  });

  it("fails with UnavailableError for a user id containing segment-down, recording nothing", async () => {
    const { analytics, store } = sandbox();
    const tracking = analytics.track(unpause("evt-1", "auth0|segment-down-1"));
    await expect(tracking).rejects.toBeInstanceOf(UnavailableError);
    await expect(tracking).rejects.not.toThrow("example.com");
    expect(await analytics.calls()).toEqual([]);
    expect(await store.get(segmentSandboxTable, { pk: "MESSAGE#evt-1", sk: "TRACK" })).toBeUndefined();
  });
});
