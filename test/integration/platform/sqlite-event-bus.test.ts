import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import {
  type RecordedEvent,
  SqliteEventBus,
} from "../../../src/platform/adapters/embedded/sqlite-event-bus.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import type { DomainEvent } from "../../../src/platform/events/event-publisher.port.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";

const event = (detailType: string, userId: string, source = "user-service.api"): DomainEvent => ({
  source,
  detailType,
  detail: { user_id: userId },
  time: new Date(TEST_NOW),
});

const errorLog = () => {
  const entries: unknown[][] = [];
  return { entries, logger: { error: (...args: unknown[]) => void entries.push(args) } };
};

describe("the embedded event bus", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "roster-bus-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("records every event in the store's SQLite file, readable after a reopen", async () => {
    const path = join(dir, "roster.sqlite");
    const first = openSqlite(path);
    new SqliteTableStore(first, "test", new ManualClock(TEST_NOW));
    await new SqliteEventBus(first, errorLog().logger).publish([
      event("UserCreated", "auth0|ada"),
      event("UserTagChanged", "auth0|ada"),
    ]);
    first.close();

    const again = openSqlite(path);
    const bus = new SqliteEventBus(again, errorLog().logger);
    expect(bus.read()).toEqual([
      { seq: 1, ...event("UserCreated", "auth0|ada") },
      { seq: 2, ...event("UserTagChanged", "auth0|ada") },
    ]);
    expect(bus.read(1, 10).map((e) => e.detailType)).toEqual(["UserTagChanged"]);
    expect(bus.read(0, 1)).toHaveLength(1);
    await bus.publish([event("UserUpdated", "auth0|ada")]);
    expect(bus.read(2).map((e) => e.seq)).toEqual([3]);
    again.close();
  });

  it("routes each event to the targets whose rule matches, after recording it", async () => {
    const db = openSqlite(":memory:");
    const bus = new SqliteEventBus(db, errorLog().logger);
    const tags: RecordedEvent[] = [];
    const everyUserEvent: string[] = [];
    const seenRecorded: number[] = [];
    bus.subscribe({ source: "user-service.api", detailType: "UserTagChanged" }, (e) => void tags.push(e));
    bus.subscribe({ source: "user-service.api" }, (e) => {
      everyUserEvent.push(e.detailType);
      seenRecorded.push(bus.read(e.seq - 1, 1).length);
    });
    await bus.publish([
      event("UserCreated", "auth0|ada"),
      event("UserTagChanged", "auth0|ada"),
      event("UserTagChanged", "auth0|bob", "payments.api"),
    ]);
    expect(tags).toEqual([{ seq: 2, ...event("UserTagChanged", "auth0|ada") }]);
    expect(everyUserEvent).toEqual(["UserCreated", "UserTagChanged"]);
    expect(seenRecorded).toEqual([1, 1]);
  });

  it("logs a throwing target and still publishes, delivering to the other targets", async () => {
    const log = errorLog();
    const bus = new SqliteEventBus(openSqlite(":memory:"), log.logger);
    const delivered: string[] = [];
    bus.subscribe({ detailType: "UserCreated" }, () => {
      throw new Error("target down");
    });
    bus.subscribe({}, (e) => void delivered.push(e.detailType));
    await expect(bus.publish([event("UserCreated", "auth0|ada")])).resolves.toBeUndefined();
    expect(delivered).toEqual(["UserCreated"]);
    expect(bus.read()).toHaveLength(1);
    expect(log.entries).toEqual([
      ["event target failed", { seq: 1, detailType: "UserCreated", reason: "target down" }],
    ]);
  });
});
