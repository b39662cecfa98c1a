import { beforeEach, describe, expect, it } from "vitest";
import type { TableStore } from "../../../src/platform/store/table-store.port.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { MembershipStoreRepository } from "../../../src/users/adapters/dynamodb/membership-store.repository.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { type Membership, nextMembership } from "../../../src/users/domain/membership.ts";
import { ConcurrentUpdateError } from "../../../src/users/domain/user.errors.ts";
import { signUp, type User } from "../../../src/users/domain/user.ts";
import { nextVersion } from "../../../src/users/domain/user-version.ts";

/** Membership records on any table store: one current record, a timeline, races with one winner. */
export function membershipStoreSuite(
  adapter: string,
  open: (clock: ManualClock) => Promise<TableStore>,
): void {
  describe(`MembershipStoreRepository on ${adapter}`, () => {
    let clock: ManualClock;
    let memberships: MembershipStoreRepository;
    let users: UserStoreRepository;
    let ada: User;
    const first = (at: Date): Membership => ({
      membership_user_id: "u1",
      membership_tier: "plus",
      membership_tier_version: "v1",
      membership_term: "MONTHLY",
      membership_status: "SUB_ACTIVE",
      membership_event_source: "user",
      membership_event_type: "ACTIVATE",
      membership_is_pending_downgrade: false,
      membership_start_date: at.toISOString(),
    });
    const activation = () => ({
      previous: ada,
      next: nextVersion(ada, { user_status: "ACTIVE" }, clock.now(), "service:test"),
      eventType: "USER_ACTIVE" as const,
    });

    beforeEach(async () => {
      clock = new ManualClock("2026-11-22T10:00:00Z");
      const store = await open(clock);
      memberships = new MembershipStoreRepository(store);
      users = new UserStoreRepository(store);
      const created = signUp("u1", { user_email: "u1@example.com" }, clock.now());
      ada = created.user;
      await users.create(created.user, created.startTag, "USER_CREATED");
      clock.advance(1_000);
    });

    it("writes the first record with the user's new status, and reads it as current", async () => {
      const record = first(clock.now());
      await memberships.save(undefined, record, activation());
      expect(await memberships.current("u1")).toEqual(record);
      expect((await users.current("u1"))?.user_status).toBe("ACTIVE");
    });

    it("keeps every record, newest first, the previous one carried forward", async () => {
      const record = first(clock.now());
      await memberships.save(undefined, record);
      const upgraded = nextMembership(
        record,
        {
          membership_tier: "premium",
          membership_event_type: "MEMBERSHIP_UPGRADE",
          membership_event_source: "user",
        },
        clock.now(),
      );
      await memberships.save(record, upgraded);
      expect(await memberships.current("u1")).toEqual(upgraded);
      expect(upgraded.membership_term).toBe("MONTHLY");
      const page = await memberships.timeline("u1", { limit: 1 });
      expect(page.items).toEqual([upgraded]);
      const rest = await memberships.timeline("u1", {
        limit: 1,
        ...(page.next_cursor ? { cursor: page.next_cursor } : {}),
      });
      expect(rest.items).toEqual([record]);
      expect(rest.next_cursor).toBeUndefined();
    });

    it("lets exactly one of two changes of the same record win; nothing of the other is written", async () => {
      const record = first(clock.now());
      await memberships.save(undefined, record);
      clock.advance(1_000);
      const cancel = nextMembership(
        record,
        {
          membership_status: "PENDING_CANCELLATION",
          membership_event_type: "CANCEL",
          membership_event_source: "user",
        },
        clock.now(),
      );
      const pause = nextMembership(
        record,
        {
          membership_status: "SUB_PENDING_PAUSE",
          membership_event_type: "SUB_PAUSED",
          membership_event_source: "user",
        },
        new Date(clock.now().getTime() + 1),
      );
      const results = await Promise.allSettled([
        memberships.save(record, cancel),
        memberships.save(record, pause),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({
        reason: expect.any(ConcurrentUpdateError),
      });
      expect((await memberships.timeline("u1", { limit: 10 })).items).toHaveLength(2);
    });

    it("lets only one of two first records in, and writes neither with a stale user", async () => {
      const results = await Promise.allSettled([
        memberships.save(undefined, first(clock.now())),
        memberships.save(undefined, first(new Date(clock.now().getTime() + 1))),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const stale = await users.current("u1");
      await users.saveVersion(
        stale as User,
        nextVersion(stale as User, { user_city: "Austin" }, clock.now(), "user"),
        "USER_UPDATED",
      );
      const current = (await memberships.current("u1")) as Membership;
      clock.advance(1_000);
      const next = nextMembership(
        current,
        { membership_event_type: "PAYNOW", membership_event_source: "user" },
        clock.now(),
      );
      const withStaleUser = {
        previous: stale as User,
        next: nextVersion(stale as User, { user_status: "PAUSED" }, clock.now(), "service:test"),
        eventType: "USER_UPDATED" as const,
      };
      await expect(memberships.save(current, next, withStaleUser)).rejects.toBeInstanceOf(
        ConcurrentUpdateError,
      );
      expect(await memberships.current("u1")).toEqual(current);
    });
  });
}
