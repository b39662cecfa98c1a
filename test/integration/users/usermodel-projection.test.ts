import type { DatabaseSync } from "node:sqlite";
import type { DynamoDBRecord } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeadLetters } from "../../../src/platform/adapters/embedded/dead-letters.ts";
import type { BatchHandler } from "../../../src/platform/adapters/embedded/event-source-mapping.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { userPk, userSk } from "../../../src/users/adapters/dynamodb/user.mapper.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { PostgresUsermodelProjection } from "../../../src/users/adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import {
  type LocalProjectorParts,
  type ProjectorHandler,
  projectorCheckpoint,
  resetProjectorCheckpoint,
  USERMODEL_PROJECTOR,
  usermodelProjectorPoller,
} from "../../../src/users/wiring/local/usermodel-projector.local.ts";
import {
  currentRecords,
  eventually,
  migratedUsermodel,
  recordOf,
  seedUsers,
  signUpUser,
  updateUser,
  usermodelRecords,
} from "../../suites/users/usermodel-fixtures.ts";
import { testLogger } from "../../support/log-capture.ts";
import type { TestDatabase } from "../../support/test-database.ts";

const logger = testLogger("usermodel-projection-test");

describe("the usermodel projection on PostgreSQL", () => {
  let target: TestDatabase<UsersDatabase>;
  let sqlite: DatabaseSync;
  let store: SqliteTableStore;
  let users: UserStoreRepository;
  beforeEach(async () => {
    target = await migratedUsermodel();
    sqlite = openSqlite(":memory:");
    store = new SqliteTableStore(sqlite, "test", new ManualClock("2026-11-22T09:30:00Z"));
    users = new UserStoreRepository(store);
  });
  afterEach(async () => {
    await target.drop();
    sqlite.close();
  });
  const poller = (options?: LocalProjectorParts["options"]) =>
    usermodelProjectorPoller({
      sqlite,
      store,
      usermodel: target.db,
      logger,
      ...(options ? { options } : {}),
    });
  const checkpoint = () => projectorCheckpoint(sqlite);
  const lastSequence = () => store.changes.read(store.tableName(usersTable), 0, 1_000_000).at(-1)?.sequence;

  it("never lets an older version overwrite a newer one, and writes a version only once", async () => {
    const projection = new PostgresUsermodelProjection(target.db);
    const v1 = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com", user_city: "Austin" },
      "2026-11-22T09:30:00Z",
    );
    const v2 = await updateUser(users, v1, { user_city: "Dallas", user_phone: "5552017788" });

    const writes = [
      await projection.upsert(recordOf(v2)),
      await projection.upsert(recordOf(v1)),
      await projection.upsert(recordOf(v2)),
    ];

    expect(writes).toEqual([true, false, false]);
    expect(await usermodelRecords(target.db)).toEqual([recordOf(v2)]);
  });

  it("replays the whole feed twice to the same rows: the current versions", async () => {
    const ids = await seedUsers(store, 6, 3);
    const first = await poller().drain();
    const afterFirst = await usermodelRecords(target.db);

    resetProjectorCheckpoint(sqlite);
    const second = await poller().drain();

    expect(second.delivered).toBe(first.delivered);
    expect(afterFirst).toEqual(await currentRecords(store, ids));
    expect(await usermodelRecords(target.db)).toEqual(afterFirst);
    expect(checkpoint()).toBe(lastSequence());
  });

  it("starts once from the checkpoint an earlier version kept in consumer_checkpoints", async () => {
    const ids = await seedUsers(store, 3, 2);
    const total = store.changes.read(store.tableName(usersTable), 0, 1_000_000).length;
    // A data folder of the version whose poller checkpointed the projector here.
    sqlite.exec("CREATE TABLE consumer_checkpoints (consumer TEXT PRIMARY KEY, seq INTEGER NOT NULL)");
    sqlite.prepare("INSERT INTO consumer_checkpoints VALUES (?, ?)").run(USERMODEL_PROJECTOR, 4);

    const resumed = await poller().drain();
    resetProjectorCheckpoint(sqlite);
    const replayed = await poller().drain();

    expect(resumed.delivered).toBe(total - 4);
    expect(replayed.delivered).toBe(total);
    expect(checkpoint()).toBe(lastSequence());
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, ids));
  });

  it("keeps the row when a USER version is removed: versions are history", async () => {
    const v1 = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com" },
      "2026-11-22T09:30:00Z",
    );
    const v2 = await updateUser(users, v1, { user_first_name: "Ada" });
    await poller().drain();

    await store.delete(usersTable, { PK: userPk(v2.user_id), SK: userSk(v2.user_date_updated) });
    await store.delete(usersTable, { PK: userPk(v1.user_id), SK: userSk(v1.user_date_updated) });
    const { delivered } = await poller().drain();

    expect(delivered).toBe(2);
    expect(await usermodelRecords(target.db)).toEqual([recordOf(v2)]);
  });

  it("checkpoints only what succeeded when a batch dies mid-way, and a fresh poller resumes from there", async () => {
    const ids = await seedUsers(store, 8, 3);
    let budget = 25;
    // Projects records one at a time until the budget runs out, then dies as a crashed process would.
    const crashing =
      (handler: ProjectorHandler): BatchHandler<DynamoDBRecord> =>
      async ({ Records }) => {
        for (const record of Records) {
          if (budget-- <= 0) throw new Error("simulated crash");
          await handler({ Records: [record] });
        }
        return { batchItemFailures: [] };
      };

    // The mapping does not go past the batch the crash interrupted (told to retry it for ever, as the
    // process that crashed would have).
    await expect(poller({ batchSize: 10, maximumRetryAttempts: -1, wrap: crashing }).drain()).rejects.toThrow(
      `mapping ${USERMODEL_PROJECTOR}: a batch`,
    );
    expect(budget).toBe(-1);
    const atCrash = checkpoint();
    await poller({ batchSize: 10 }).drain();

    expect(atCrash).toBe(20);
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, ids));
    expect(checkpoint()).toBe(lastSequence());
  });

  it("finishes the batch in flight when stopped, checkpointing it", async () => {
    await seedUsers(store, 3, 2);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    const held =
      (handler: ProjectorHandler): BatchHandler<DynamoDBRecord> =>
      async (event) => {
        entered = true;
        await gate;
        return handler(event);
      };
    const running = poller({ batchSize: 4, wrap: held });
    running.start();
    await eventually(async () => (entered ? true : undefined), "the first batch to start");

    const stopped = running.stop();
    release();
    await stopped;

    expect(checkpoint()).toBe(4);
    expect((await usermodelRecords(target.db)).length).toBeGreaterThan(0);
  });

  it("keeps redelivering from a failed record while running, and checkpoints once it succeeds", async () => {
    const ids = await seedUsers(store, 4, 2);
    let failuresLeft = 2;
    // Twice, a batch projects its first two records and reports the third failed (a database blip).
    const flaky =
      (handler: ProjectorHandler): BatchHandler<DynamoDBRecord> =>
      async ({ Records }) => {
        const third = Records[2]?.dynamodb?.SequenceNumber;
        if (third && failuresLeft-- > 0) {
          await handler({ Records: Records.slice(0, 2) });
          return { batchItemFailures: [{ itemIdentifier: third }] };
        }
        return handler({ Records });
      };
    const running = poller({ batchSize: 5, retryBackoffMs: 5, idleMs: 5, wrap: flaky });
    running.start();

    await eventually(
      async () => (checkpoint() === lastSequence() ? true : undefined),
      "the poller to catch up",
    );
    await running.stop();

    expect(failuresLeft).toBeLessThan(0);
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, ids));
  });

  it("projects text PostgreSQL cannot hold (NUL) without it, instead of failing the change", async () => {
    const ada = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com" },
      "2026-11-22T09:30:00Z",
    );
    await updateUser(users, ada, { user_city: "Aus\u0000tin", user_first_name: "\u0000Ada" });

    await poller().drain();

    expect(await usermodelRecords(target.db)).toMatchObject([
      { user_city: "Austin", user_first_name: "Ada" },
    ]);
    expect(new DeadLetters(sqlite).list(USERMODEL_PROJECTOR)).toEqual([]);
  });

  it("projects a lone surrogate (no UTF-8 form) as U+FFFD instead of failing the change", async () => {
    const ada = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com" },
      "2026-11-22T09:30:00Z",
    );
    await updateUser(users, ada, { user_city: "Aus\uD800tin", user_last_name: "Lovelace\uDC00" });

    await poller().drain();

    expect(await usermodelRecords(target.db)).toMatchObject([
      { user_city: "Aus\uFFFDtin", user_last_name: "Lovelace\uFFFD" },
    ]);
    expect(new DeadLetters(sqlite).list(USERMODEL_PROJECTOR)).toEqual([]);
  });

  it("dead-letters a change that always fails after its retries while 1,000 later changes of others flow", async () => {
    const poison = await signUpUser(
      users,
      "auth0|poison",
      { user_email: "p@example.com" },
      "2026-11-22T09:30:00Z",
    );
    const ids = await seedUsers(store, 500, 2);
    // Every delivery of the poison user's change fails, as a change PostgreSQL refused would.
    const refusing =
      (handler: ProjectorHandler): BatchHandler<DynamoDBRecord> =>
      async ({ Records }) => {
        const bad = Records.find(
          (r) =>
            r.dynamodb?.Keys?.PK?.S === userPk(poison.user_id) && r.dynamodb?.NewImage?.db_type?.S === "USER",
        );
        if (!bad) return handler({ Records });
        const good = Records.filter((r) => r !== bad);
        const answered = await handler({ Records: good.slice(0, Records.indexOf(bad)) });
        return {
          batchItemFailures: [
            ...(answered.batchItemFailures ?? []),
            { itemIdentifier: bad.dynamodb?.SequenceNumber },
          ],
        };
      };
    const running = poller({
      batchSize: 100,
      maximumRetryAttempts: 3,
      retryBackoffMs: 1,
      idleMs: 5,
      wrap: refusing,
    });

    running.start();
    await eventually(
      async () => (checkpoint() === lastSequence() ? true : undefined),
      "the projector to pass the poison change",
    );
    await running.stop();

    const dead = new DeadLetters(sqlite).list(USERMODEL_PROJECTOR);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ mapping: USERMODEL_PROJECTOR, attempts: 4 });
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, ids));
  });

  it("dead-letters a change PostgreSQL itself refuses, while 1,000 later changes of others flow and the user's next change projects", async () => {
    // A version stored before the API checked the platform (usermodel's CHECK allows ios and android).
    const legacy = await signUpUser(
      users,
      "auth0|legacy",
      { user_email: "legacy@example.com", user_app_platform: "web" as never },
      "2026-11-22T09:30:00Z",
    );
    const ids = await seedUsers(store, 500, 2);
    const running = poller({ batchSize: 100, maximumRetryAttempts: 2, retryBackoffMs: 1, idleMs: 5 });

    running.start();
    await eventually(
      async () => (checkpoint() === lastSequence() ? true : undefined),
      "the projector to pass the refused change",
    );
    const dead = new DeadLetters(sqlite).list(USERMODEL_PROJECTOR);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      mapping: USERMODEL_PROJECTOR,
      attempts: 3,
      reason: "RetryAttemptsExhausted",
    });
    expect(JSON.stringify(dead[0]?.record)).toContain("auth0|legacy");
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, ids));

    // The cause fixed in the users table: that user's next version projects; nothing waits behind the dead letter.
    const fixed = await updateUser(users, legacy, { user_app_platform: "ios" });
    await eventually(
      async () => (checkpoint() === lastSequence() ? true : undefined),
      "the projector to take the fixed version",
    );
    await running.stop();
    const projected = (await usermodelRecords(target.db)).find((r) => r.user_id === fixed.user_id);
    expect(projected).toMatchObject({ user_id: "auth0|legacy", user_app_platform: "ios" });
  });
});
