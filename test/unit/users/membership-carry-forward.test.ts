import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

/** What a new membership record must not inherit from the one before it. */
describe("membership records do not carry forward what ended with the previous one", () => {
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  const call = httpClient(() => s.app);
  const token: Record<string, string> = {};
  const post = (path: string, as: string, body?: unknown) =>
    call(`/auth0%7Cada${path}`, { method: "POST", token: token[as], ...(body ? { body } : {}) });
  const current = () => jsonOf(call("/auth0%7Cada/membership", { token: token.ada }));

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
    token.ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
    await payments.attachCard("auth0|ada");
    token.service = await s.token({ kind: "service", id: "billing" });
    await call("/users/create", {
      method: "POST",
      token: token.ada,
      body: { user_email: "ada@example.com" },
    });
    expect((await post("/user/activate", "ada", { membership_tier: "premium" })).status).toBe(200);
  });

  it("drops a pending downgrade when the membership ends and is reactivated", async () => {
    expect((await post("/membership/downgrade", "ada", { membership_tier: "plus" })).status).toBe(200);
    expect((await post("/membership/cancel", "ada", { reason: "too expensive" })).status).toBe(200);
    expect((await post("/membership/cancel/complete", "service")).status).toBe(200);
    expect(await current()).toMatchObject({
      membership_status: "CANCELLED",
      membership_is_pending_downgrade: false,
    });
    expect((await post("/membership/reactivate", "ada")).status).toBe(200);
    const reactivated = await current();
    expect(reactivated).toMatchObject({
      membership_event_type: "MANUAL_REACTIVATION",
      membership_is_pending_downgrade: false,
    });
    expect(reactivated).not.toHaveProperty("membership_pending_tier");
    expect(reactivated).not.toHaveProperty("membership_downgrade_date");
    expect((await post("/membership/upgrade", "ada", { membership_tier: "premium" })).status).not.toBe(409);
  });

  it("keeps a charge's confirmation id on its own record only", async () => {
    const paid = await jsonOf(post("/membership/paynow", "ada"));
    expect(paid.membership_confirmation_id).toEqual(expect.any(String));
    const paused = await jsonOf(post("/membership/pause", "ada", { membership_pause_duration_months: 1 }));
    expect(paused.membership_event_type).toBe("SUB_PAUSED");
    expect(paused).not.toHaveProperty("membership_confirmation_id");
  });

  it("archives the pause tag when the membership leaves its pause by ending", async () => {
    await post("/membership/pause", "ada", { membership_pause_duration_months: 1 });
    const paused = await jsonOf(call("/auth0%7Cada/user", { token: token.ada }));
    expect(paused.tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_PENDING_PAUSE",
      tag_archived: false,
    });
    expect((await post("/membership/close-account", "ada", { reason: "moving" })).status).toBe(200);
    const closed = await jsonOf(call("/auth0%7Cada/user", { token: token.ada }));
    expect(closed.tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_PENDING_PAUSE",
      tag_archived: true,
    });
    const record = await current();
    expect(record).toMatchObject({ membership_status: "CANCELLED", membership_event_type: "CLOSEACCOUNT" });
    expect(record).not.toHaveProperty("membership_pause_date");
  });
});
