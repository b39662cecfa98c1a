import { beforeEach, describe, expect, it } from "vitest";
import { MembershipStoreRepository } from "../../../src/users/adapters/dynamodb/membership-store.repository.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { eventsSince } from "../../suites/users/domain-events.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

describe("investigations and membership reads", () => {
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  const call = httpClient(() => s.app);
  const token: Record<string, string> = {};
  const investigate = (as: string, reason: unknown = "chargeback pattern") =>
    call("/auth0%7Cada/user/investigate", { method: "POST", token: token[as], body: { reason } });
  const clear = (as = "operator") =>
    call("/auth0%7Cada/user/clear-investigation", { method: "POST", token: token[as] });

  beforeEach(async () => {
    s = await buildTestServices();
    token.ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
    token.service = await s.token({ kind: "service", id: "payments" });
    token.operator = await s.token({ kind: "operator", id: "mx-kim" });
    await call("/users/create", {
      method: "POST",
      token: token.ada,
      body: { user_email: "ada@example.com" },
    });
    s.clock.advance(1_000);
  });

  it("puts the user under investigation with the reason, and restores the status when cleared", async () => {
    const announced = eventsSince(s.bus);
    const res = await investigate("operator");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user_status: "INVESTIGATE",
      user_status_reason: "chargeback pattern",
      user_status_before_investigation: "PROCESSING",
    });
    expect(announced()).toEqual([
      {
        detailType: "UserStatusChanged",
        detail: { user_id: "auth0|ada", user_status: "INVESTIGATE", previous_user_status: "PROCESSING" },
      },
    ]);
    s.clock.advance(1_000);
    const cleared = await jsonOf(clear());
    expect(cleared.user_status).toBe("PROCESSING");
    expect(cleared).not.toHaveProperty("user_status_reason");
    expect(cleared).not.toHaveProperty("user_status_before_investigation");
    const history = await jsonOf(call("/auth0%7Cada/user/history", { token: token.ada }));
    expect(history.items.map((v: { event_type: string }) => v.event_type)).toEqual([
      "USER_STATUS_CHANGED",
      "USER_STATUS_CHANGED",
      "USER_CREATED",
    ]);
  });

  it("lets only operators investigate, once at a time, with a reason", async () => {
    expect((await investigate("service")).status).toBe(403);
    expect((await investigate("ada")).status).toBe(403);
    expect((await investigate("operator", "")).status).toBe(400);
    expect((await investigate("operator")).status).toBe(200);
    const again = await investigate("operator");
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toBe("cannot investigate while the user is INVESTIGATE");
    expect((await clear("service")).status).toBe(403);
  });

  it("refuses to clear an investigation that is not under way", async () => {
    const res = await clear();
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toBe("cannot clear investigation while the user is PROCESSING");
  });

  it("records the investigation in the membership timeline when there is a membership", async () => {
    const memberships = new MembershipStoreRepository(s.store);
    expect((await call("/auth0%7Cada/membership", { token: token.ada })).status).toBe(404);
    await memberships.save(undefined, {
      membership_user_id: "auth0|ada",
      membership_tier: "plus",
      membership_tier_version: "v1",
      membership_term: "MONTHLY",
      membership_status: "",
      membership_event_source: "service:test",
      membership_event_type: "ACTIVATE",
      membership_is_pending_downgrade: false,
      membership_start_date: s.clock.now().toISOString(),
    });
    s.clock.advance(1_000);
    await investigate("operator");
    const current = await jsonOf(call("/auth0%7Cada/membership", { token: token.ada }));
    expect(current).toMatchObject({
      membership_event_type: "INVESTIGATE",
      membership_status: "",
      membership_tier: "plus",
      membership_event_source: "operator:mx-kim",
    });
    const timeline = await jsonOf(call("/auth0%7Cada/memberships?limit=1", { token: token.service }));
    expect(timeline.items).toEqual([current]);
    const rest = await jsonOf(
      call(`/auth0%7Cada/memberships?limit=1&cursor=${timeline.next_cursor}`, { token: token.service }),
    );
    expect(rest.items.map((m: { membership_event_type: string }) => m.membership_event_type)).toEqual([
      "ACTIVATE",
    ]);
  });

  it("answers 404 for an unknown user and 403 to another user", async () => {
    expect((await call("/auth0%7Cnobody/memberships", { token: token.service })).status).toBe(404);
    const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
    expect((await call("/auth0%7Cada/membership", { token: eve })).status).toBe(403);
  });
});
