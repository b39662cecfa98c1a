import { beforeEach, describe, expect, it } from "vitest";
import { UsersStreamRecordSchema } from "../../../../src/contracts/users/users.message.ts";
import { openSqlite } from "../../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteStreams } from "../../../../src/platform/adapters/embedded/sqlite-streams.ts";
import type { SqliteTableStore } from "../../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import type { StreamProducer } from "../../../../src/platform/events/stream-producer.port.ts";
import { StreamPublishError } from "../../../../src/platform/events/stream-producer.port.ts";
import { usersTable } from "../../../../src/users/adapters/dynamodb/users.tables.ts";
import { buildTestServices } from "../../../../src/users/wiring/test-services.ts";
import { feedUserChanges } from "../../../../src/users/workers/kinesis-feeder.worker.ts";
import { members } from "../../../suites/users/worker-fixtures.ts";
import { testLogger } from "../../../support/log-capture.ts";
import { useSubscriptionService } from "../../../support/subscription-service.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;
const USERS_STREAM = "test-user-service-users";

describe("kinesis feeder (seed 004)", () => {
  let s: Services;
  let streams: SqliteStreams;
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  const people = members(() => s, payments);
  const logger = testLogger("test-feeder");
  const changes = () => {
    const store = s.store as SqliteTableStore;
    return store.changes.read(store.tableName(usersTable), 0, 1000);
  };
  const published = () =>
    streams.tail(USERS_STREAM, {}, 1000).records.map((record) => ({
      partitionKey: record.kinesis.partitionKey,
      event: UsersStreamRecordSchema.parse(JSON.parse(Buffer.from(record.kinesis.data, "base64").toString())),
    }));

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
    streams = new SqliteStreams(openSqlite(":memory:"), {
      streams: [{ name: USERS_STREAM, shards: 2, retentionHours: 24 }],
    });
  });

  it("publishes each new USER and MEMBERSHIP version once, typed by its event_type, keyed by user id", async () => {
    await people.pausing("auth0|ada");

    const summary = await feedUserChanges({ producer: streams, stream: USERS_STREAM, logger }, changes());

    const events = published();
    expect(events.map(({ event }) => [event.db_type, event.event_type])).toEqual([
      ["USER", "USER_CREATED"],
      ["MEMBERSHIP", "ACTIVATE"],
      ["USER", "USER_ACTIVE"],
      ["MEMBERSHIP", "SUB_PAUSED"],
      ["USER", "USER_UPDATED"],
    ]);
    expect(
      events.every(
        ({ partitionKey, event }) => partitionKey === "auth0|ada" && event.user_id === "auth0|ada",
      ),
    ).toBe(true);
    expect(new Set(events.map(({ event }) => event.event_id)).size).toBe(events.length);
    const paused = events.at(-2)?.event;
    expect(paused?.payload).toMatchObject({
      membership_status: "SUB_PENDING_PAUSE",
      membership_tier: "plus",
    });
    expect(paused?.payload).not.toHaveProperty("PK");
    expect(summary).toMatchObject({ published: 5, failed: 0 });
    expect(summary.skipped).toBeGreaterThan(0);
  });

  it("a redelivered batch repeats the same event ids, so consumers can drop the repeats", async () => {
    await people.active("auth0|bo");
    const batch = changes();
    const deps = { producer: streams, stream: USERS_STREAM, logger };

    await feedUserChanges(deps, batch);
    await feedUserChanges(deps, batch);

    const ids = published().map(({ event }) => event.event_id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(3);
  });

  it("logs a record it could not publish and goes on with the next", async () => {
    await people.active("auth0|cy");
    let calls = 0;
    const flaky: StreamProducer = {
      put: (stream, records) =>
        ++calls === 1
          ? Promise.reject(new StreamPublishError(stream, 1, 1, ["InternalFailure"]))
          : streams.put(stream, records),
    };

    const summary = await feedUserChanges({ producer: flaky, stream: USERS_STREAM, logger }, changes());

    expect(summary).toMatchObject({ published: 2, failed: 1 });
    expect(published().map(({ event }) => event.event_type)).toEqual(["ACTIVATE", "USER_ACTIVE"]);
  });
});
