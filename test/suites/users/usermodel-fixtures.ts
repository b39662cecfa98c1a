import type { Kysely } from "kysely";
import type { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { migrateToLatest } from "../../../src/platform/relational/migrator.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { fromUsermodelRow } from "../../../src/users/adapters/postgres/usermodel.mapper.ts";
import {
  USERMODEL_MIGRATION_TABLE,
  usermodelMigrations,
} from "../../../src/users/adapters/postgres/usermodel.migrations.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import { signUp, type User, type UserProfile } from "../../../src/users/domain/user.ts";
import type { UserRecord } from "../../../src/users/domain/user-change.ts";
import type { UserRepository } from "../../../src/users/ports/user.repository.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";

/** A fresh `*_test_*` database with the usermodel schema. */
export async function migratedUsermodel(): Promise<TestDatabase<UsersDatabase>> {
  const target = await freshDatabase<UsersDatabase>();
  await migrateToLatest(target.db, usermodelMigrations, { tableName: USERMODEL_MIGRATION_TABLE });
  return target;
}

/**
 * The record as usermodel holds it: without its tags cache, nor who wrote the version (seed 003's
 * columns are the profile; the versions in the users table keep the history and its authors).
 */
export function recordOf({ tags: _, user_updated_by: _by, ...user }: User): UserRecord {
  return user;
}

/** Signs `id` up at `at` through the repository, as the API does. */
export async function signUpUser(
  users: UserRepository,
  id: string,
  profile: UserProfile,
  at: string,
): Promise<User> {
  const { user, startTag } = signUp(id, profile, new Date(at));
  await users.create(user, startTag, "USER_CREATED");
  return user;
}

/** Writes a new version of `previous` with `changes`, `msLater` after it. */
export async function updateUser(
  users: UserRepository,
  previous: User,
  changes: Partial<UserProfile>,
  msLater = 1000,
): Promise<User> {
  const at = new Date(Date.parse(previous.user_date_updated) + msLater).toISOString();
  const next: User = { ...previous, ...changes, user_date_updated: at };
  await users.saveVersion(previous, next, "USER_UPDATED");
  return next;
}

/**
 * `count` users on `store`, each signed up and then changed `versions - 1` times (new names, cities
 * and phones): a feed with many versions per user, and TAG items between them.
 */
export async function seedUsers(
  store: SqliteTableStore,
  count: number,
  versions = 3,
  prefix = "seed",
): Promise<string[]> {
  const users = new UserStoreRepository(store);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `auth0|${prefix}-${String(i).padStart(3, "0")}`;
    let user = await signUpUser(
      users,
      id,
      // One address per user: emails are unique (a second seeding of other users takes other ones).
      { user_email: `${prefix}${i}@example.com`, user_first_name: `First${i}`, user_city: "Austin" },
      new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    );
    for (let v = 1; v < versions; v++) {
      user = await updateUser(users, user, {
        user_first_name: `First${i}v${v}`,
        user_city: v % 2 ? "San Antonio" : "Dallas",
        user_phone: `555${String(i).padStart(3, "0")}${String(v).padStart(4, "0")}`,
      });
    }
    ids.push(id);
  }
  return ids;
}

/** The current version of each user, by id. */
export async function currentRecords(store: SqliteTableStore, ids: readonly string[]): Promise<UserRecord[]> {
  const users = new UserStoreRepository(store);
  const records: UserRecord[] = [];
  for (const id of [...ids].sort()) {
    const user = await users.current(id);
    if (user) records.push(recordOf(user));
  }
  return records;
}

/** Every usermodel row, by id, in the API's vocabulary. */
export async function usermodelRecords(db: Kysely<UsersDatabase>): Promise<UserRecord[]> {
  const rows = await db.selectFrom("usermodel").selectAll().orderBy("user_id").execute();
  return rows.map(fromUsermodelRow);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `deadlineMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  deadlineMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
