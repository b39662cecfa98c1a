import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import {
  migratedUsermodel,
  recordOf,
  signUpUser,
  usermodelRecords,
} from "../../suites/users/usermodel-fixtures.ts";
import type { TestDatabase } from "../../support/test-database.ts";

describe("the usermodel projector Lambda", () => {
  let target: TestDatabase<UsersDatabase>;
  beforeEach(async () => {
    target = await migratedUsermodel();
  });
  afterEach(async () => {
    await target.drop();
  });

  it("reports exactly the bad record of a DynamoDB Streams batch as a batch item failure, projecting the rest", async () => {
    const store = new SqliteTableStore(
      openSqlite(":memory:"),
      "test",
      new ManualClock("2026-11-22T09:30:00Z"),
    );
    const users = new UserStoreRepository(store);
    const ada = await signUpUser(
      users,
      "auth0|ada",
      { user_email: "ada@example.com" },
      "2026-11-22T09:30:00Z",
    );
    await signUpUser(users, "auth0|bob", { user_email: "bob@example.com" }, "2026-11-22T09:31:00Z");
    // ada's USER, ada's tag and email claim, bob's USER (made unreadable), bob's tag and email claim.
    const records = store.changes
      .read(store.tableName(usersTable))
      .map(({ sequence: _, ...record }) => record);
    const bad = records.find(
      (record) =>
        record.dynamodb?.NewImage?.db_type?.S === "USER" &&
        record.dynamodb.NewImage.user_id?.S === "auth0|bob",
    )!;
    bad.dynamodb!.NewImage!.user_status = { S: "DELETED" };
    Object.assign(process.env, { DATABASE_URL: target.url, LOG_LEVEL: "SILENT", STAGE: "test" });
    const { handler } = await import("../../../src/users/lambda/usermodel-projector.lambda.ts");

    const event: DynamoDBStreamEvent = { Records: records };
    const response = (await handler(event, {} as Context, () => {})) as DynamoDBBatchResponse;

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber }] });
    expect(await usermodelRecords(target.db)).toEqual([recordOf(ada)]);
  });
});
