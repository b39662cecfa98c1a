import type { DatabaseSync } from "node:sqlite";
import type { DynamoDBRecord } from "aws-lambda";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { PostgresUsermodelProjection } from "../../../src/users/adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import type { UserRecord } from "../../../src/users/domain/user-change.ts";
import type { UsermodelProjection } from "../../../src/users/ports/usermodel-projection.port.ts";
import { projectUserChanges } from "../../../src/users/workers/usermodel-projector.worker.ts";
import {
  currentRecords,
  migratedUsermodel,
  recordOf,
  seedUsers,
  signUpUser,
  updateUser,
  usermodelRecords,
} from "../../suites/users/usermodel-fixtures.ts";
import { testLogger } from "../../support/log-capture.ts";
import type { TestDatabase } from "../../support/test-database.ts";

const logger = testLogger("usermodel-projector-batch-test");

/** The PostgreSQL projection, counting how the worker wrote through it. */
class CountingProjection implements UsermodelProjection {
  readonly calls = { upsert: 0, upsertMany: 0 };
  readonly #inner: PostgresUsermodelProjection;
  constructor(inner: PostgresUsermodelProjection) {
    this.#inner = inner;
  }
  upsert(user: UserRecord): Promise<boolean> {
    this.calls.upsert++;
    return this.#inner.upsert(user);
  }
  upsertMany(users: readonly UserRecord[]): Promise<boolean[]> {
    this.calls.upsertMany++;
    return this.#inner.upsertMany(users);
  }
}

describe("the usermodel projector's batch write", () => {
  let target: TestDatabase<UsersDatabase>;
  let sqlite: DatabaseSync;
  let store: SqliteTableStore;
  let users: UserStoreRepository;
  let projection: CountingProjection;
  beforeEach(async () => {
    target = await migratedUsermodel();
    sqlite = openSqlite(":memory:");
    store = new SqliteTableStore(sqlite, "test", new ManualClock("2026-11-22T09:30:00Z"));
    users = new UserStoreRepository(store);
    projection = new CountingProjection(new PostgresUsermodelProjection(target.db));
  });
  afterEach(async () => {
    await target.drop();
    sqlite.close();
  });
  /** The users table's whole change log as one DynamoDB Streams batch. */
  const feed = (): DynamoDBRecord[] =>
    store.changes.read(store.tableName(usersTable), 0, 1_000_000).map(({ sequence: _, ...record }) => record);
  const project = (records: DynamoDBRecord[]) => projectUserChanges({ projection, logger }, records);

  it("writes only the newest of one user's versions given together, whatever their order, and only over older rows", async () => {
    const plain = new PostgresUsermodelProjection(target.db);
    const v1 = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com" },
      "2026-11-22T09:30:00Z",
    );
    const v2 = await updateUser(users, v1, { user_city: "Dallas" });
    const v3 = await updateUser(users, v2, { user_city: "Austin" });
    const bob = await signUpUser(
      users,
      "auth0|bob",
      { user_email: "bob@example.com" },
      "2026-11-22T09:31:00Z",
    );

    const first = await plain.upsertMany([v2, v3, bob, v1, v3].map(recordOf));
    const again = await plain.upsertMany([v1, v2, v3, bob].map(recordOf));

    expect(first).toEqual([false, true, true, false, false]);
    expect(again).toEqual([false, false, false, false]);
    expect(await usermodelRecords(target.db)).toEqual([recordOf(v3), recordOf(bob)]);
  });

  it("does not let a batch of older versions overwrite the newer row already there", async () => {
    const plain = new PostgresUsermodelProjection(target.db);
    const v1 = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com" },
      "2026-11-22T09:30:00Z",
    );
    const v2 = await updateUser(users, v1, { user_city: "Dallas" });
    await plain.upsert(recordOf(v2));

    expect(await plain.upsertMany([recordOf(v1)])).toEqual([false]);
    expect(await usermodelRecords(target.db)).toEqual([recordOf(v2)]);
  });

  it("projects a batch holding several versions of each user in one write, to the current versions", async () => {
    const ids = await seedUsers(store, 20, 4);

    const response = await project(feed());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(projection.calls).toEqual({ upsert: 0, upsertMany: 1 });
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, ids));
  });

  it("changes nothing when the same batch is delivered again", async () => {
    const ids = await seedUsers(store, 5, 3);
    await project(feed());
    const before = await usermodelRecords(target.db);

    const response = await project(feed());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(before).toEqual(await currentRecords(store, ids));
    expect(await usermodelRecords(target.db)).toEqual(before);
  });

  it("fails only the record it cannot read, projecting the others in the same write", async () => {
    const ids = await seedUsers(store, 6, 2);
    const records = feed();
    // seed-002's newest version: its row keeps the one before.
    const bad = records.findLast(
      (record) =>
        record.dynamodb?.NewImage?.db_type?.S === "USER" &&
        record.dynamodb.NewImage.user_id?.S === "auth0|seed-002",
    ) as DynamoDBRecord;
    (bad.dynamodb as { NewImage: Record<string, unknown> }).NewImage.user_status = { S: "DELETED" };

    const response = await project(records);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber }] });
    expect(projection.calls).toEqual({ upsert: 0, upsertMany: 1 });
    const expected = (await currentRecords(store, ids)).filter((user) => user.user_id !== "auth0|seed-002");
    const projected = await usermodelRecords(target.db);
    expect(projected.filter((user) => user.user_id !== "auth0|seed-002")).toEqual(expected);
    expect(projected.find((user) => user.user_id === "auth0|seed-002")?.user_first_name).toBe("First2");
  });

  it("fails only the record PostgreSQL refuses, projecting the batch's others one at a time", async () => {
    const ids = await seedUsers(store, 4, 2);
    // A rule of the database the change's reader does not know (as a newer migration's CHECK would be).
    await sql`alter table usermodel add constraint no_refused_city check (city <> 'Refused')`.execute(
      target.db,
    );
    await signUpUser(
      users,
      "auth0|legacy",
      { user_email: "legacy@example.com", user_city: "Refused" },
      "2026-11-22T09:30:00Z",
    );
    await seedUsers(store, 3, 2, "late");
    const records = feed();
    const refused = records.find(
      (record) =>
        record.dynamodb?.NewImage?.db_type?.S === "USER" &&
        record.dynamodb.NewImage.user_id?.S === "auth0|legacy",
    );

    const response = await project(records);

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: refused?.dynamodb?.SequenceNumber }],
    });
    expect(projection.calls.upsertMany).toBe(1);
    expect(projection.calls.upsert).toBeGreaterThan(0);
    const late = ["auth0|late-000", "auth0|late-001", "auth0|late-002"];
    expect(await usermodelRecords(target.db)).toEqual(await currentRecords(store, [...ids, ...late]));
  });
});
