import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { userPk, userSk } from "../../../src/users/adapters/dynamodb/user.mapper.ts";
import {
  MalformedChangeError,
  userChangeOf,
} from "../../../src/users/adapters/dynamodb/user-change.mapper.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { fromUsermodelRow, toUsermodelRow } from "../../../src/users/adapters/postgres/usermodel.mapper.ts";
import type { UsermodelRow } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import { searchTermsOf } from "../../../src/users/domain/user-search.ts";
import { recordOf, signUpUser, updateUser } from "../../suites/users/usermodel-fixtures.ts";

const ADA = {
  user_email: "ada@example.com",
  user_first_name: "Ada",
  user_last_name: "Lovelace",
  user_address: "12 Analytical Row",
  user_city: "San Antonio",
  user_state: "TX",
  user_zip_code: "78205",
  user_phone: "5552017788",
  user_install_id: "install-1",
  user_firebase_instance_id: "firebase-1",
  user_appsflyer_id: "appsflyer-1",
  user_app_platform: "ios",
} as const;

describe("usermodel mapping: users-table change records -> usermodel rows", () => {
  let store: SqliteTableStore;
  let users: UserStoreRepository;
  const feed = () => store.changes.read(store.tableName(usersTable));
  beforeEach(() => {
    store = new SqliteTableStore(openSqlite(":memory:"), "test", new ManualClock("2026-11-22T09:30:00Z"));
    users = new UserStoreRepository(store);
  });

  it("maps a sign-up's USER record to a row with seed 003's columns, the status as employment_validation", async () => {
    await signUpUser(users, "auth0|ada", ADA, "2026-11-22T09:30:00.000Z");
    const records = feed();

    const changes = records.map(userChangeOf);

    const version = changes.find((change) => change.kind === "version-written");
    // The START_DATE tag and the email's claim.
    expect(changes.filter((change) => change.kind === "not-a-user")).toHaveLength(2);
    expect(version && toUsermodelRow(version.user)).toEqual({
      user_id: "auth0|ada",
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      address: "12 Analytical Row",
      city: "San Antonio",
      state: "TX",
      zip_code: "78205",
      phone: "5552017788",
      date_joined: new Date("2026-11-22T09:30:00.000Z"),
      date_updated: new Date("2026-11-22T09:30:00.000Z"),
      employment_validation: "PROCESSING",
      install_id: "install-1",
      firebase_instance_id: "firebase-1",
      appsflyer_id: "appsflyer-1",
      app_platform: "ios",
    });
  });

  it("leaves absent profile fields empty, and reads a row back as the record without its tags", async () => {
    const user = await signUpUser(
      users,
      "auth0|bare",
      { user_email: "bare@example.com" },
      "2026-11-22T09:30:00Z",
    );
    const version = feed()
      .map(userChangeOf)
      .find((change) => change.kind === "version-written");
    const row = version && toUsermodelRow(version.user);

    expect(row).toMatchObject({ first_name: null, phone: null, app_platform: null, city: null });
    // The mapping writes Dates, which is what pg reads timestamptz columns back as.
    expect(row && fromUsermodelRow(row as UsermodelRow)).toEqual(recordOf(user));
  });

  it("reads a new version and the superseded one's MODIFY as versions, each with its own date_updated", async () => {
    const first = await signUpUser(users, "auth0|ada", ADA, "2026-11-22T09:30:00.000Z");
    await updateUser(users, first, { user_city: "Austin" });
    const records = feed();

    const written = records
      .map(userChangeOf)
      .flatMap((change) => (change.kind === "version-written" ? [change.user] : []));

    expect(records.map((record) => record.eventName).sort()).toEqual([
      "INSERT",
      "INSERT",
      "INSERT",
      "INSERT",
      "MODIFY",
    ]);
    expect(written.map((user) => [user.user_date_updated, user.user_city]).sort()).toEqual([
      ["2026-11-22T09:30:00.000Z", "San Antonio"],
      ["2026-11-22T09:30:00.000Z", "San Antonio"],
      ["2026-11-22T09:30:01.000Z", "Austin"],
    ]);
  });

  it("reads the removal of a USER version as such, and of anything else as not a user", async () => {
    const user = await signUpUser(users, "auth0|ada", ADA, "2026-11-22T09:30:00.000Z");
    await store.delete(usersTable, { PK: userPk(user.user_id), SK: userSk(user.user_date_updated) });
    await store.delete(usersTable, { PK: userPk(user.user_id), SK: "TAG#START_DATE" });

    const [removedVersion, removedTag] = feed().slice(-2).map(userChangeOf);

    expect(removedVersion).toEqual({ kind: "version-removed", userId: "auth0|ada" });
    expect(removedTag).toEqual({ kind: "not-a-user" });
  });

  it("refuses a USER image that breaks the record's rules, naming the attribute but not its value", () => {
    const image = marshall({
      PK: "USERS#x",
      SK: "USER_INFORMATION#1",
      db_type: "USER",
      user_id: "x",
      user_email: "x@example.com",
      user_status: "DELETED",
      user_date_joined: "yesterday",
      user_date_updated: "2026-11-22T09:30:00.000Z",
    });
    const record: DynamoDBRecord = {
      eventName: "INSERT",
      dynamodb: { NewImage: image as never, SequenceNumber: "1" },
    };
    const withoutImage: DynamoDBRecord = { eventName: "MODIFY", dynamodb: { SequenceNumber: "2" } };

    expect(() => userChangeOf(record)).toThrow(MalformedChangeError);
    expect(() => userChangeOf(record)).toThrow(/user_status: .*user_date_joined: /);
    expect(() => userChangeOf(record)).not.toThrow(/DELETED|yesterday/);
    expect(() => userChangeOf(withoutImage)).toThrow(/without NewImage/);
  });
});

describe("operator search terms", () => {
  it("splits on whitespace, ignores case and repeats, and reads phone-like terms as digits too", () => {
    expect(searchTermsOf("  Ada   LOVELACE ada ")).toEqual({
      ok: true,
      terms: [{ text: "ada" }, { text: "lovelace" }],
    });
    expect(searchTermsOf("(555)201-7788 +1-555-201-7788 5552017788")).toEqual({
      ok: true,
      terms: [
        { text: "(555)201-7788", digits: "5552017788" },
        { text: "+1-555-201-7788", digits: "5552017788" },
        { text: "5552017788" },
      ],
    });
  });

  it("refuses no term, too many terms and too long a term, saying which", () => {
    expect(searchTermsOf(" \t ")).toEqual({ ok: false, reason: "give at least one search term" });
    expect(searchTermsOf("a b c d e f g h i")).toEqual({ ok: false, reason: "give at most 8 search terms" });
    expect(searchTermsOf("x".repeat(65))).toEqual({
      ok: false,
      reason: "a search term may have at most 64 characters",
    });
  });
});
