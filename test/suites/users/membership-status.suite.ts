import { beforeEach, describe, expect, it } from "vitest";
import type { TableStore } from "../../../src/platform/store/table-store.port.ts";
import type { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { MembershipStoreRepository } from "../../../src/users/adapters/dynamodb/membership-store.repository.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable as usersTableSpec } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import type { MembershipStatus } from "../../../src/users/domain/membership.ts";
import type { UserStatus } from "../../../src/users/domain/user.ts";
import { nextVersion } from "../../../src/users/domain/user-version.ts";
import { retractCancellation } from "../../../src/users/use-cases/membership/retract-cancellation.use-case.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import type { Json } from "../../support/json.ts";
import { usePaymentService } from "../../support/payment-service.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

/**
 * Cancel, complete, retract, close, pause, unpause, reactivate, ban and unban through `app.request()`
 * on Roster's real Payment Service and the other services' sandboxes: each happy path with its external effects, each refusal, each dependency failure.
 */
export function membershipStatusSuite(
  name: string,
  store?: (clock: ManualClock) => TableStore | Promise<TableStore>,
) {
  describe(`membership status changes (${name})`, () => {
    let s: Awaited<ReturnType<typeof buildTestServices>>;
    const payments = usePaymentService();
    const call = httpClient(() => s.app);
    const token: Record<string, string> = {};
    const at = (id: string, path: string) => `/${encodeURIComponent(id)}${path}`;
    const post = (id: string, path: string, as: string, body?: unknown) =>
      call(at(id, path), { method: "POST", token: token[as] ?? "", ...(body ? { body } : {}) });
    const timeline = async (id: string) =>
      (await jsonOf(call(at(id, "/memberships"), { token: token.operator }))).items as {
        membership_status: string;
        membership_event_type: string;
        membership_start_date: string;
      }[];
    const userOf = (id: string) => jsonOf(call(at(id, "/user"), { token: token.operator }));
    const subscriptions = useSubscriptionService({ payments });
    const subscriptionOf = async (id: string): Promise<Json> => subscriptions.subscriptionOf(id);

    /** A signed-up user with a first membership record in `status` and the user in `userStatus`. */
    async function member(id: string, status: MembershipStatus = "", userStatus: UserStatus = "ACTIVE") {
      token[id] = await s.token({ kind: "user", id, mfa: true });
      const email = `${id.replace(/[^a-z0-9]/g, "")}@example.com`;
      const created = await call("/users/create", {
        method: "POST",
        token: token[id],
        body: { user_email: email },
      });
      expect(created.status).toBe(201);
      const users = new UserStoreRepository(s.store);
      const user = await users.current(id);
      if (!user) throw new Error("no user");
      await users.saveVersion(
        user,
        nextVersion(user, { user_status: userStatus }, s.clock.now(), "service:test"),
        "USER_ACTIVE",
      );
      await new MembershipStoreRepository(s.store).save(undefined, {
        membership_user_id: id,
        membership_tier: "plus",
        membership_tier_version: "v1",
        membership_term: "MONTHLY",
        membership_status: status,
        membership_event_source: "service:test",
        membership_event_type: "ACTIVATE",
        membership_is_pending_downgrade: false,
        membership_start_date: s.clock.now().toISOString(),
      });
      await payments.attachCard(id);
      // Its subscription, as the activation that made the membership would have started it.
      const plus = {
        tier: "plus",
        tierVersion: "v1",
        term: "MONTHLY",
        priceCents: 999,
        currency: "USD",
      } as const;
      if (!id.includes("subs-"))
        await s.sandboxes.subscriptions.activate(id, { ...plus, idempotencyKey: `seed:${id}` });
      s.clock.advance(1_000);
    }

    beforeEach(async () => {
      s = await buildTestServices({
        ...(store ? { store } : {}),
        payments: payments.forUsers,
        subscriptions: subscriptions.forUsers,
      });
      token.service = await s.token({ kind: "service", id: "subscriptions" });
      token.operator = await s.token({ kind: "operator", id: "mx-kim" });
    });

    it("cancels at the period's end, completes at it with a cleanup message, and a retraction undoes it", async () => {
      await member("auth0|ada");
      const cancelled = await post("auth0|ada", "/membership/cancel", "auth0|ada", { reason: "too pricey" });
      expect(cancelled.status).toBe(200);
      expect(await cancelled.json()).toMatchObject({
        membership_status: "PENDING_CANCELLATION",
        membership_event_type: "CANCEL",
        membership_event_source: "user",
      });
      expect((await subscriptionOf("auth0|ada")).cancelAt).toBe("2026-12-22T09:30:00.000Z");

      const principal = { kind: "user" as const, id: "auth0|ada", mfa: true };
      const retracted = await retractCancellation(s.services.lifecycle, principal, "auth0|ada");
      expect(retracted).toMatchObject({ membership_status: "", membership_event_type: "RETRACT" });
      expect(await subscriptionOf("auth0|ada")).not.toHaveProperty("cancelAt");

      await post("auth0|ada", "/membership/cancel", "auth0|ada", { reason: "too pricey" });
      expect((await post("auth0|ada", "/membership/cancel/complete", "auth0|ada")).status).toBe(403);
      const done = await post("auth0|ada", "/membership/cancel/complete", "service");
      expect(await done.json()).toMatchObject({
        membership_status: "CANCELLED",
        membership_event_type: "CANCEL",
      });
      expect((await userOf("auth0|ada")).user_status).toBe("PAUSED");
      expect(s.cleanup.messages().map((m) => m.message)).toEqual([
        { user_id: "auth0|ada", reason: "CANCEL", requested_at: expect.any(String) },
      ]);
    });

    it("refuses to cancel or close while a float is owed, naming the amount, and writes nothing", async () => {
      await member("auth0|ada-float-owes");
      for (const path of ["/membership/cancel", "/membership/close-account"]) {
        const res = await post("auth0|ada-float-owes", path, "auth0|ada-float-owes", { reason: "moving" });
        expect(res.status).toBe(409);
        expect((await res.json()).detail).toContain("25.00 USD (2500 cents) of floats is outstanding");
      }
      expect(await timeline("auth0|ada-float-owes")).toHaveLength(1);
      // Billing was never asked: the subscription bills on as it did.
      const untouched = await subscriptionOf("auth0|ada-float-owes");
      expect(untouched).toMatchObject({ status: "ACTIVE" });
      expect(untouched).not.toHaveProperty("cancelAt");
    });

    it("keeps a completed cancellation when the cleanup cannot be queued, and a repeat queues it", async () => {
      await member("auth0|bo", "PENDING_CANCELLATION");
      s.cleanup.failNextSends(1);
      const failed = await post("auth0|bo", "/membership/cancel/complete", "service");
      expect(failed.status).toBe(502);
      expect((await failed.json()).detail).toContain("the cancellation stands");
      expect((await timeline("auth0|bo"))[0]?.membership_status).toBe("CANCELLED");
      expect(s.cleanup.messages()).toEqual([]);
      const repeated = await post("auth0|bo", "/membership/cancel/complete", "service");
      expect(repeated.status).toBe(200);
      expect(s.cleanup.messages()).toHaveLength(1);
      expect(await timeline("auth0|bo")).toHaveLength(2);
    });

    it("refuses to complete a cancellation that is not pending, naming the state", async () => {
      await member("auth0|cy");
      const res = await post("auth0|cy", "/membership/cancel/complete", "operator");
      expect(res.status).toBe(409);
      expect((await res.json()).detail).toBe(
        "cannot complete cancellation while the membership is in good standing",
      );
    });

    it("closes the account at once: subscription cancelled, user PAUSED, cleanup queued", async () => {
      await member("auth0|di");
      const res = await post("auth0|di", "/membership/close-account", "auth0|di", { reason: "moving" });
      expect(await res.json()).toMatchObject({
        membership_status: "CANCELLED",
        membership_event_type: "CLOSEACCOUNT",
      });
      expect((await userOf("auth0|di")).user_status).toBe("PAUSED");
      expect((await subscriptionOf("auth0|di")).status).toBe("CANCELLED");
      expect(s.cleanup.messages()[0]?.message).toMatchObject({ user_id: "auth0|di", reason: "CLOSEACCOUNT" });
    });

    it("closes the account of a user who never activated: user PAUSED, cleanup queued, 204", async () => {
      token["auth0|fay"] = await s.token({ kind: "user", id: "auth0|fay", mfa: true });
      await call("/users/create", {
        method: "POST",
        token: token["auth0|fay"],
        body: { user_email: "fay@example.com" },
      });
      const res = await post("auth0|fay", "/membership/close-account", "auth0|fay", {
        reason: "changed my mind",
      });
      expect(res.status).toBe(204);
      expect((await userOf("auth0|fay")).user_status).toBe("PAUSED");
      expect(s.cleanup.messages().map((m) => m.message)).toContainEqual(
        expect.objectContaining({ user_id: "auth0|fay", reason: "CLOSEACCOUNT" }),
      );
    });

    it("pauses with the first skipped payment and the pause tag, then unpauses with and without a charge", async () => {
      await member("auth0|ed");
      expect(
        (await post("auth0|ed", "/membership/pause", "auth0|ed", { membership_pause_duration_months: 4 }))
          .status,
      ).toBe(400);
      const paused = await post("auth0|ed", "/membership/pause", "auth0|ed", {
        membership_pause_duration_months: 2,
      });
      expect(await paused.json()).toMatchObject({
        membership_status: "SUB_PENDING_PAUSE",
        membership_event_type: "SUB_PAUSED",
        membership_pause_date: "2026-12-22",
        membership_pause_duration_months: 2,
      });
      expect((await subscriptionOf("auth0|ed")).pause).toEqual({
        months: 2,
        firstSkippedPayment: "2026-12-22",
      });
      const tagged = await userOf("auth0|ed");
      expect(tagged.tags.MEMBERSHIP_PAUSE_STATUS.tag_value).toBe("SUB_PENDING_PAUSE");
      // Written by the record's own transaction: the tag and the record carry the same instant.
      const pausedRecord = (await timeline("auth0|ed"))[0];
      expect(tagged.tags.MEMBERSHIP_PAUSE_STATUS.added_on).toBe(pausedRecord?.membership_start_date);
      const tagItem = await s.store.get(usersTableSpec, {
        PK: "USERS#auth0|ed",
        SK: "TAG#MEMBERSHIP_PAUSE_STATUS",
      });
      expect(tagItem).toMatchObject({ tag_value: "SUB_PENDING_PAUSE", tag_archived: false });

      const resuming = await post("auth0|ed", "/membership/unpause", "auth0|ed", { charge: false });
      expect(await resuming.json()).toMatchObject({
        membership_status: "SUB_PENDING_RESUME",
        membership_event_type: "UNPAUSE",
        membership_unpause_date: expect.any(String),
      });
      expect((await userOf("auth0|ed")).tags.MEMBERSHIP_PAUSE_STATUS.tag_value).toBe("SUB_PENDING_RESUME");
      const charged = await jsonOf(post("auth0|ed", "/membership/unpause", "auth0|ed", { charge: true }));
      expect(charged).toMatchObject({
        membership_status: "SUB_RESUMED",
        membership_event_type: "UNPAUSE_CHARGE",
      });
      const ledger = await payments.ledger("auth0|ed");
      expect(ledger.map((line) => line.amountCents)).toEqual([999]);
      expect(charged.membership_confirmation_id).toBe(ledger[0]?.confirmationId);
      expect((await userOf("auth0|ed")).tags.MEMBERSHIP_PAUSE_STATUS.tag_value).toBe("SUB_RESUMED");
    });

    it("refuses a pause for a user tagged PAUSE_SUB_DISABLED=true (422) and from a pending cancellation (409)", async () => {
      await member("auth0|fay");
      const tagged = await call(at("auth0|fay", "/tags/PAUSE_SUB_DISABLED"), {
        method: "PUT",
        token: token.operator,
        body: { tag_value: "true" },
      });
      expect(tagged.status).toBe(200);
      const res = await post("auth0|fay", "/membership/pause", "auth0|fay", {
        membership_pause_duration_months: 1,
      });
      expect(res.status).toBe(422);
      expect((await res.json()).detail).toContain("PAUSE_SUB_DISABLED=true");
      await member("auth0|gus", "PENDING_CANCELLATION");
      const late = await post("auth0|gus", "/membership/pause", "auth0|gus", {
        membership_pause_duration_months: 1,
      });
      expect(late.status).toBe(409);
      expect((await late.json()).detail).toBe("cannot pause while the membership is PENDING_CANCELLATION");
    });

    it("reactivates at the catalogue's current version: MANUAL_REACTIVATION by the user, REACTIVATE by MX", async () => {
      await member("auth0|hal", "CANCELLED", "PAUSED");
      const mine = await jsonOf(post("auth0|hal", "/membership/reactivate", "auth0|hal"));
      expect(mine).toMatchObject({
        membership_status: "SUB_ACTIVE",
        membership_event_type: "MANUAL_REACTIVATION",
        membership_tier_version: "v1",
        membership_reactivation_date: expect.any(String),
      });
      expect((await userOf("auth0|hal")).user_status).toBe("ACTIVE");
      expect((await subscriptionOf("auth0|hal")).status).toBe("ACTIVE");
      await member("auth0|ivy", "CANCELLED", "PAUSED");
      const theirs = await jsonOf(post("auth0|ivy", "/membership/reactivate", "operator"));
      expect(theirs.membership_event_type).toBe("REACTIVATE");
      await member("auth0|jo-uw-ineligible", "CANCELLED", "PAUSED");
      expect((await post("auth0|jo-uw-ineligible", "/membership/reactivate", "operator")).status).toBe(422);
      expect(await timeline("auth0|jo-uw-ineligible")).toHaveLength(1);
    });

    it("bans (billing stopped, Auth0 blocked, membership CANCELLED) and unbans (unblocked, user PAUSED)", async () => {
      await member("auth0|kit");
      expect((await post("auth0|kit", "/user/ban", "auth0|kit", { reason: "fraud" })).status).toBe(403);
      const banned = await jsonOf(post("auth0|kit", "/user/ban", "service", { reason: "chargeback" }));
      expect(banned).toMatchObject({ user_status: "BANNED", user_status_reason: "chargeback" });
      expect(await s.sandboxes.accounts.isBlocked("auth0|kit")).toBe(true);
      expect((await subscriptionOf("auth0|kit")).status).toBe("CANCELLED");
      expect((await timeline("auth0|kit"))[0]).toMatchObject({
        membership_status: "CANCELLED",
        membership_event_type: "BANNED",
      });
      expect((await post("auth0|kit", "/user/unban", "service")).status).toBe(403);
      const unbanned = await jsonOf(post("auth0|kit", "/user/unban", "operator"));
      expect(unbanned.user_status).toBe("PAUSED");
      expect(await s.sandboxes.accounts.isBlocked("auth0|kit")).toBe(false);
      expect((await timeline("auth0|kit"))[0]?.membership_event_type).toBe("MX_UNBLOCK");
    });

    it("writes nothing when a dependency fails", async () => {
      await member("auth0|lu-auth0-down");
      expect((await post("auth0|lu-auth0-down", "/user/ban", "operator", { reason: "x" })).status).toBe(503);
      expect((await userOf("auth0|lu-auth0-down")).user_status).toBe("ACTIVE");
      await member("auth0|mo-subs-fail");
      const res = await post("auth0|mo-subs-fail", "/membership/cancel", "auth0|mo-subs-fail", {
        reason: "x",
      });
      expect(res.status).toBe(502);
      expect(await timeline("auth0|lu-auth0-down")).toHaveLength(1);
      expect(await timeline("auth0|mo-subs-fail")).toHaveLength(1);
    });

    it("lets exactly one of a racing cancel and pause win; the other answers 409", async () => {
      await member("auth0|ned");
      const [cancel, pause] = await Promise.all([
        post("auth0|ned", "/membership/cancel", "auth0|ned", { reason: "race" }),
        post("auth0|ned", "/membership/pause", "auth0|ned", { membership_pause_duration_months: 1 }),
      ]);
      expect([cancel.status, pause.status].sort()).toEqual([200, 409]);
      const records = await timeline("auth0|ned");
      expect(records).toHaveLength(2);
      const subscription = await subscriptionOf("auth0|ned");
      if (records[0]?.membership_status === "PENDING_CANCELLATION") {
        expect(subscription.cancelAt).toBe("2026-12-22T09:30:00.000Z");
      } else {
        expect(records[0]?.membership_status).toBe("SUB_PENDING_PAUSE");
        expect(subscription.pause).toEqual({ months: 1, firstSkippedPayment: "2026-12-22" });
        expect(subscription).not.toHaveProperty("cancelAt");
      }
    });
  });
}
