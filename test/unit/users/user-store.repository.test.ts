import { beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { ConcurrentUpdateError, UserExistsError } from "../../../src/users/domain/user.errors.ts";
import { signUp, type User } from "../../../src/users/domain/user.ts";

describe("UserStoreRepository", () => {
  let users: UserStoreRepository;
  let first: User;
  const at = (iso: string) => new Date(iso);

  beforeEach(async () => {
    const store = new SqliteTableStore(
      openSqlite(":memory:"),
      "test",
      new ManualClock("2026-11-22T00:00:00Z"),
    );
    users = new UserStoreRepository(store);
    const created = signUp(
      "u1",
      { user_email: "old@example.com", user_phone: "5552017788" },
      at("2026-11-22T10:00:00Z"),
    );
    first = created.user;
    await users.create(created.user, created.startTag, "USER_CREATED");
  });

  it("refuses a second sign-up of the same user id", async () => {
    const again = signUp("u1", { user_email: "other@example.com" }, at("2026-11-22T11:00:00Z"));
    await expect(users.create(again.user, again.startTag, "USER_CREATED")).rejects.toBeInstanceOf(
      UserExistsError,
    );
  });

  it("makes the newest version current and finds users by their current email and phone only", async () => {
    const next: User = {
      ...first,
      user_email: "new@example.com",
      user_phone: "5559990000",
      user_date_updated: "2026-11-22T10:05:00.000Z",
    };
    await users.saveVersion(first, next, "USER_UPDATED");
    expect(await users.current("u1")).toEqual(next);
    expect(await users.findByEmail("old@example.com")).toEqual([]);
    expect(await users.findByPhone("5552017788")).toEqual([]);
    expect(await users.findByEmail("new@example.com")).toEqual([next]);
    expect(await users.findByPhone("5559990000")).toEqual([next]);
  });

  it("lets only one of two racing updates of the same version win", async () => {
    const a: User = { ...first, user_first_name: "A", user_date_updated: "2026-11-22T10:05:00.000Z" };
    const b: User = { ...first, user_first_name: "B", user_date_updated: "2026-11-22T10:05:01.000Z" };
    const results = await Promise.allSettled([
      users.saveVersion(first, a, "USER_UPDATED"),
      users.saveVersion(first, b, "USER_UPDATED"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentUpdateError);
    expect((await users.current("u1"))?.user_first_name).toBe("A");
    expect(await users.findByEmail("old@example.com")).toHaveLength(1);
  });
});
